import TutorSupport

/// Questions read from another format (GIFT, Aiken).
package struct ImportResult: Sendable {
    package var questions: [Question]
    /// Errors (the question was skipped) and warnings (something could not be carried over).
    package var diagnostics: [Diagnostic]
}
