/// An error a learner reads: what went wrong (`learnerMessage`, shown after `error:`) and what
/// to do about it (`learnerHint`). Each module's errors say this of themselves, and the REPL
/// renders every such error in one place (`Session.report`), so a command can let a library's
/// error through instead of translating it, and nothing branches on an error's text.
package protocol LearnerFacingError: Error {
    var learnerMessage: String { get }
    var learnerHint: String? { get }
}

extension LearnerFacingError {
    package var learnerHint: String? { nil }
}

extension FileError: LearnerFacingError {
    package var learnerMessage: String { description }
}
