import LineEditor

/// One REPL command: its name, help, options, completion and what it does.
///
/// Commands are values collected in a ``CommandRegistry``; each feature area adds its own in
/// `Commands/<Area>Commands.swift` (see `LessonCommands.swift`). The same command runs in the
/// REPL, in script mode (piped stdin), and behind the `lambda-tutor <subcommand>` CLI.
package struct Command: Sendable {
    package enum Group: String, Sendable, CaseIterable {
        case lessons = "Lessons"
        case runtime = "Functions and invoking"
        case exercises = "Exercises"
        case quiz = "Quizzes and exams"
        case tools = "Facts and calculators"
        case general = "General"
    }

    package let name: String
    package let aliases: [String]
    package let group: Group
    /// One line for the command list.
    package let summary: String
    /// Usage lines (`lesson ID [--step N]`).
    package let usage: [String]
    /// The short form shown in the `help` overview (defaults to the first usage line).
    package let synopsis: String
    /// A paragraph or two for `help NAME`.
    package let discussion: String?
    package let examples: [String]
    package let options: [OptionSpec]
    /// Candidates for the word under the cursor (options are completed automatically).
    package let complete: @Sendable (CompletionRequest, Session) -> [String]
    package let run: @Sendable (CommandContext) async throws -> Void

    package init(_ name: String, aliases: [String] = [], group: Group, summary: String, usage: [String] = [],
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
package struct CommandContext: Sendable {
    package let session: Session
    package let arguments: Arguments
    /// The line as typed.
    package let line: String

    package var console: Console { session.console }
}
