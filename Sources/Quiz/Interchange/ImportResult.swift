import TutorSupport

/// Questions read from another format (GIFT, Aiken).
public struct ImportResult: Sendable {
    public var questions: [Question]
    /// Errors (the question was skipped) and warnings (something could not be carried over).
    public var diagnostics: [Diagnostic]
}
