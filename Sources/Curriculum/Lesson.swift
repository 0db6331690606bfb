import Foundation
import TutorSupport

/// One lesson: front matter plus steps (the `##` sections of the file).
package struct Lesson: Sendable, Identifiable {
    package let id: String
    package var title: String
    package var summary: String
    package var topics: [String]
    package var prerequisites: [String]
    package var minutes: Int?
    package var objectives: [String]
    package var related: [String]
    /// Text before the first `##`, shown above step 1.
    package var introduction: [MarkdownBlock]
    package var steps: [LessonStep]
    package let file: String
    /// Where it came from: the bundled content or a trainer's folder.
    package let origin: ContentOrigin
    /// Where the front matter says what it says, so catalog-wide messages (a duplicate id, a
    /// missing prerequisite, a cycle) point at the line to change.
    package var positions = FrontMatterPositions()

    package init(id: String, title: String, summary: String, topics: [String] = [], prerequisites: [String] = [],
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
    package func step(_ number: Int) -> LessonStep? {
        steps.indices.contains(number - 1) ? steps[number - 1] : nil
    }
}

/// Lines of a lesson's front matter that catalog-wide checks point at.
package struct FrontMatterPositions: Sendable, Hashable {
    /// The `id:` line.
    package var id = SourcePosition(line: 2, column: 1)
    /// Each prerequisite and related lesson id, where it is written.
    package var references: [String: SourcePosition] = [:]
    /// The `prerequisites:` key (for a cycle, which no single item causes).
    package var prerequisites: SourcePosition?

    package init() {}
}

/// One `##` section of a lesson.
package struct LessonStep: Sendable {
    /// 1-based position in the lesson.
    package let number: Int
    package let title: String
    /// Line of the `##` heading in the file.
    package let line: Int
    /// The step's content (without its heading), special blocks included as `.code` blocks.
    package let blocks: [MarkdownBlock]
    /// Commands from ```try blocks, numbered 1… across the step (`run 2`).
    package let tries: [TryCommand]
    /// Code from ```handler python|node blocks, for `load`.
    package let handlers: [HandlerBlock]
    /// Inline checkpoints from ```check blocks.
    package let checks: [CheckBlock]
    /// "Predict, then run" questions from ```predict blocks, each about one try command.
    package var predictions: [Prediction] = []

    /// The prediction to ask before try command `number` runs, if any.
    package func prediction(forTry number: Int) -> Prediction? {
        predictions.first { $0.tryNumber == number }
    }
}

/// A REPL command a lesson offers to run.
package struct TryCommand: Sendable, Hashable {
    package let command: String
    package let line: Int
    /// Written with a leading `!`: the command is meant to fail (to show an error), so `run`
    /// treats its error as the lesson, not as a failure.
    package let expectsFailure: Bool

    package init(command: String, line: Int, expectsFailure: Bool = false) {
        self.command = command
        self.line = line
        self.expectsFailure = expectsFailure
    }

    /// Reads one line of a `try` block; nil for blank lines and `#` comments.
    package static func parse(_ raw: Substring, line: Int) -> TryCommand? {
        var text = raw.trimmedSpaces
        guard !text.isEmpty, !text.hasPrefix("#") else { return nil }
        let expectsFailure = text.hasPrefix("!")
        if expectsFailure { text = String(text.dropFirst()).trimmedSpaces }
        guard !text.isEmpty else { return nil }
        return TryCommand(command: text, line: line, expectsFailure: expectsFailure)
    }
}

/// Handler code a learner can load into the mini runtime.
package struct HandlerBlock: Sendable, Hashable {
    package enum Runtime: String, Sendable, Hashable {
        case python, node
    }

    package let runtime: Runtime
    package let code: String
    /// `key=value` words after the language on the fence line (e.g. `name=hello`,
    /// `handler=app.lambda_handler`).
    package let attributes: [String: String]
    package let line: Int

    /// The function name the block suggests (attribute `name`), if any.
    package var suggestedName: String? { attributes["name"] }
}

/// An inline checkpoint question, as written (YAML); the quiz engine parses and grades it.
package struct CheckBlock: Sendable, Hashable {
    package let source: String
    /// Line of the first line of `source` in the lesson file.
    package let line: Int
    /// 1-based position among the step's checks.
    package let index: Int
}

/// Where content was loaded from.
package enum ContentOrigin: Sendable, Hashable {
    case bundled
    case trainer(folder: String)
}
