import TutorSupport

/// A command failed in a way the learner can fix; shown as `error: message` plus a hint.
package struct CommandError: Error, Sendable, CustomStringConvertible {
    package var message: String
    package var hint: String?

    package init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    package var description: String { hint.map { "\(message) (\($0))" } ?? message }
}

extension CommandError: LearnerFacingError {
    package var learnerMessage: String { message }
    package var learnerHint: String? { hint }
}
