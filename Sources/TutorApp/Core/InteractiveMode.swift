import Foundation
import LineEditor

/// A mode that takes over the prompt for a while: a practice quiz waiting for answers, an
/// exam with its clock, a multi-line handler editor.
///
/// The REPL offers each typed line to the top mode first; lines the mode does not handle go to
/// the command table, so `help`, `facts` or `where` keep working mid-quiz.
package protocol InteractiveMode: AnyObject, Sendable {
    /// The prompt while the mode is active (e.g. `quiz 3/10 ›` or `exam 41:12 ›`).
    func prompt(_ session: Session) -> String
    /// Handles a line. Return `.notHandled` to pass it to the command table.
    func handle(_ line: String, _ session: Session) async throws -> ModeOutcome
    /// Extra completions while the mode is active.
    func completions(_ request: CompletionRequest, _ session: Session) -> [String]
    /// Ctrl-C at the prompt while the mode is active. Return true if the mode dealt with it
    /// (e.g. asked whether to pause or abandon an exam); false just cancels the line.
    func interrupted(_ session: Session) async -> Bool
    /// End of input (Ctrl-D or the end of a script) while the mode is active: save what must
    /// not be lost.
    func endOfInput(_ session: Session) async
    /// An empty line (Enter alone). Nothing to run, but a chance to catch up with time: the
    /// prompt cannot refresh itself while libedit waits, so Enter is how an idle learner asks
    /// "where am I?" (an exam whose time ran out reports it here).
    func emptyLine(_ session: Session) async -> ModeOutcome
    /// When the prompt should give up waiting (an exam's deadline). At that time the line being
    /// typed is dropped and the mode gets an ``emptyLine(_:)``, as if the learner pressed Enter.
    func wakeAt(_ session: Session) -> Date?
}

package enum ModeOutcome: Sendable, Equatable {
    case handled
    /// Handled, and the mode is over: pop it.
    case finished
    case notHandled
    /// Handled, but it failed (script mode counts it).
    case failed
}

extension InteractiveMode {
    package func completions(_ request: CompletionRequest, _ session: Session) -> [String] { [] }
    package func interrupted(_ session: Session) async -> Bool { false }
    package func endOfInput(_ session: Session) async {}
    package func emptyLine(_ session: Session) async -> ModeOutcome { .handled }
    package func wakeAt(_ session: Session) -> Date? { nil }
}
