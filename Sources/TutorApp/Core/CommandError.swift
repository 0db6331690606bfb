import TutorSupport

/// A command failed in a way the learner can fix; shown as `error: message` plus a hint.
public struct CommandError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { hint.map { "\(message) (\($0))" } ?? message }
}

extension CommandError: LearnerFacingError {
    public var learnerMessage: String { message }
    public var learnerHint: String? { hint }
}
