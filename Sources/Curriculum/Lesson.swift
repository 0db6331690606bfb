import Foundation
import TutorSupport

/// One lesson: front matter plus steps (the `##` sections of the file).
public struct Lesson: Sendable, Identifiable {
    public let id: String
    public var title: String
    public var summary: String
    public var topics: [String]
    public var prerequisites: [String]
    public var minutes: Int?
    public var objectives: [String]
    public var related: [String]
    /// Text before the first `##`, shown above step 1.
    public var introduction: [MarkdownBlock]
    public var steps: [LessonStep]
    public let file: String
    /// Where it came from: the bundled content or a trainer's folder.
    public let origin: ContentOrigin
    /// Where the front matter says what it says, so catalog-wide messages (a duplicate id, a
    /// missing prerequisite, a cycle) point at the line to change.
    public var positions = FrontMatterPositions()

    public init(id: String, title: String, summary: String, topics: [String] = [], prerequisites: [String] = [],
                minutes: Int? = nil, objectives: [String] = [], related: [String] = [],
                introduction: [MarkdownBlock] = [], steps: [LessonStep], file: String, origin: ContentOrigin = .bundled) {
        self.id = id
        self.title = title
        self.summary = summary
        self.topics = topics
        self.prerequisites = prerequisites
        self.minutes = minutes
        self.objectives = objectives
        self.related = related
        self.introduction = introduction
        self.steps = steps
        self.file = file
        self.origin = origin
    }

    /// The step with a 1-based number, or nil if out of range.
    public func step(_ number: Int) -> LessonStep? {
        steps.indices.contains(number - 1) ? steps[number - 1] : nil
    }
}

/// Lines of a lesson's front matter that catalog-wide checks point at.
public struct FrontMatterPositions: Sendable, Hashable {
    /// The `id:` line.
    public var id = SourcePosition(line: 2, column: 1)
    /// Each prerequisite and related lesson id, where it is written.
    public var references: [String: SourcePosition] = [:]
    /// The `prerequisites:` key (for a cycle, which no single item causes).
    public var prerequisites: SourcePosition?

    public init() {}
}

/// One `##` section of a lesson.
public struct LessonStep: Sendable {
    /// 1-based position in the lesson.
    public let number: Int
    public let title: String
    /// Line of the `##` heading in the file.
    public let line: Int
    /// The step's content (without its heading), special blocks included as `.code` blocks.
    public let blocks: [MarkdownBlock]
    /// Commands from ```try blocks, numbered 1… across the step (`run 2`).
    public let tries: [TryCommand]
    /// Code from ```handler python|node blocks, for `load`.
    public let handlers: [HandlerBlock]
    /// Inline checkpoints from ```check blocks.
    public let checks: [CheckBlock]
    /// "Predict, then run" questions from ```predict blocks, each about one try command.
    public var predictions: [Prediction] = []

    /// The prediction to ask before try command `number` runs, if any.
    public func prediction(forTry number: Int) -> Prediction? {
        predictions.first { $0.tryNumber == number }
    }
}

/// A REPL command a lesson offers to run.
public struct TryCommand: Sendable, Hashable {
    public let command: String
    public let line: Int
    /// Written with a leading `!`: the command is meant to fail (to show an error), so `run`
    /// treats its error as the lesson, not as a failure.
    public let expectsFailure: Bool

    public init(command: String, line: Int, expectsFailure: Bool = false) {
        self.command = command
        self.line = line
        self.expectsFailure = expectsFailure
    }

    /// Reads one line of a `try` block; nil for blank lines and `#` comments.
    public static func parse(_ raw: Substring, line: Int) -> TryCommand? {
        var text = raw.trimmedSpaces
        guard !text.isEmpty, !text.hasPrefix("#") else { return nil }
        let expectsFailure = text.hasPrefix("!")
        if expectsFailure { text = String(text.dropFirst()).trimmedSpaces }
        guard !text.isEmpty else { return nil }
        return TryCommand(command: text, line: line, expectsFailure: expectsFailure)
    }
}

/// Handler code a learner can load into the mini runtime.
public struct HandlerBlock: Sendable, Hashable {
    public enum Runtime: String, Sendable, Hashable {
        case python, node
    }

    public let runtime: Runtime
    public let code: String
    /// `key=value` words after the language on the fence line (e.g. `name=hello`,
    /// `handler=app.lambda_handler`).
    public let attributes: [String: String]
    public let line: Int

    /// The function name the block suggests (attribute `name`), if any.
    public var suggestedName: String? { attributes["name"] }
}

/// An inline checkpoint question, as written (YAML); the quiz engine parses and grades it.
public struct CheckBlock: Sendable, Hashable {
    public let source: String
    /// Line of the first line of `source` in the lesson file.
    public let line: Int
    /// 1-based position among the step's checks.
    public let index: Int
}

/// Where content was loaded from.
public enum ContentOrigin: Sendable, Hashable {
    case bundled
    case trainer(folder: String)
}
