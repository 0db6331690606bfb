import TutorSupport

extension CommandError {
    /// A library's error as a command's own (inside a function that may throw only
    /// ``CommandError``). Elsewhere there is nothing to translate: ``Session/report(_:)``
    /// renders every ``LearnerFacingError`` itself.
    init(_ error: any LearnerFacingError) {
        self.init(error.learnerMessage, hint: error.learnerHint)
    }
}
