import LineEditor

/// One REPL command: its name, help, options, completion and what it does.
///
/// Commands are values collected in a ``CommandRegistry``; each feature area adds its own in
/// `Commands/<Area>Commands.swift` (see `LessonCommands.swift`). The same command runs in the
/// REPL, in script mode (piped stdin), and behind the `lambda-tutor <subcommand>` CLI.
public struct Command: Sendable {
    public enum Group: String, Sendable, CaseIterable {
        case lessons = "Lessons"
        case runtime = "Functions and invoking"
        case exercises = "Exercises"
        case quiz = "Quizzes and exams"
        case tools = "Facts and calculators"
        case general = "General"
    }

    public let name: String
    public let aliases: [String]
    public let group: Group
    /// One line for the command list.
    public let summary: String
    /// Usage lines (`lesson ID [--step N]`).
    public let usage: [String]
    /// The short form shown in the `help` overview (defaults to the first usage line).
    public let synopsis: String
    /// A paragraph or two for `help NAME`.
    public let discussion: String?
    public let examples: [String]
    public let options: [OptionSpec]
    /// Candidates for the word under the cursor (options are completed automatically).
    public let complete: @Sendable (CompletionRequest, Session) -> [String]
    public let run: @Sendable (CommandContext) async throws -> Void

    public init(_ name: String, aliases: [String] = [], group: Group, summary: String, usage: [String] = [],
                synopsis: String? = nil, discussion: String? = nil, examples: [String] = [], options: [OptionSpec] = [],
                complete: @escaping @Sendable (CompletionRequest, Session) -> [String] = { _, _ in [] },
                run: @escaping @Sendable (CommandContext) async throws -> Void) {
        self.name = name
        self.aliases = aliases
        self.group = group
        self.summary = summary
        self.usage = usage.isEmpty ? [name] : usage
        self.synopsis = synopsis ?? self.usage[0]
        self.discussion = discussion
        self.examples = examples
        self.options = options
        self.complete = complete
        self.run = run
    }
}

/// What a running command receives.
public struct CommandContext: Sendable {
    public let session: Session
    public let arguments: Arguments
    /// The line as typed.
    public let line: String

    public var console: Console { session.console }
}
