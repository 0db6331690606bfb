import TutorSupport
/// A quiz failure phrased for people: what went wrong (`message`), what to do about it when the
/// quiz engine knows (`hint`), and a typed code callers and tests match on instead of the text.
///
/// A struct rather than an enum so new kinds of failure can be added without breaking
/// `switch` statements in the REPL or the CLI; `Code` is an open set of constants for the
/// same reason.
package struct QuizError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure it is: a stable, dotted identifier (`exam.goto`).
    package struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        package let rawValue: String

        package init(rawValue: String) {
            self.rawValue = rawValue
        }

        package var description: String { rawValue }

        /// A generated question's parameter is missing, of the wrong kind or outside Lambda's limits.
        package static let generatorParameter = Code(rawValue: "generator.parameter")
        /// A bank names a generator the tutor does not have.
        package static let generatorUnknown = Code(rawValue: "generator.unknown")
        /// A generated question asks for a result its generator does not compute.
        package static let generatorOutput = Code(rawValue: "generator.output")
        /// No exam preset has that name.
        package static let examPreset = Code(rawValue: "exam.preset")
        /// `goto` to a question the exam does not have.
        package static let examGoto = Code(rawValue: "exam.goto")
        /// A `type:` selection names no question type.
        package static let filterType = Code(rawValue: "filter.type")
        /// A selection word (`domain:`, `topic:`…) the filter does not know.
        package static let filterField = Code(rawValue: "filter.field")
        /// A results file (`results --export json`) that is not one, or is damaged.
        package static let resultsFile = Code(rawValue: "results.file")
        /// A workshop code that is mistyped, from another version, or made for other banks.
        package static let workshopCode = Code(rawValue: "workshop.code")
    }

    package var code: Code
    package var message: String
    /// What the learner can do next, when the quiz engine can say it; nil when only the caller can.
    package var hint: String?

    package init(_ code: Code, _ message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    package var description: String { message }
}

extension QuizError: LearnerFacingError {
    package var learnerMessage: String { message }
    package var learnerHint: String? { hint }
}
