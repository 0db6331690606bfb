import Foundation
import LineEditor
import TerminalUI
import TutorSupport

extension TutorLauncher {
    /// `lambda-tutor serve [--port N] [--time-scale N]`: the Lambda API in the foreground until
    /// Ctrl-C (or SIGTERM), then every environment stopped and the data folder's note of it
    /// removed. A time scale is set first, so the first event already waits scaled.
    package func runServe(port: Int?, timeScale: Double? = nil) -> Int32 {
        SignalMask.unblockTerminalSignals()
        var terminal = TerminalInfo.current(environment: environment)
        if forceNoColor { terminal.colorEnabled = false }
        let session = makeSession(terminal: terminal, interactive: false)
        let repl = REPL(session: session, editor: LineEditor(interactive: false, historyFile: nil))
        LineEditor.installInterruptHandler()
        installTerminationHandling(session)
        session.reportStartupProblems(to: session.console)
        let line = port.map { "api start --port \($0)" } ?? "api start"
        let scaled = timeScale.map { scale in repl.perform { await session.execute("time scale \(TimelineView.number(scale))") } } ?? true
        guard scaled, repl.perform({ await session.execute(line) }) else {
            _ = repl.perform { await session.shutdown(); return true }
            return 1
        }
        session.console.line(session.console.style.muted("  Serving \(session.dataHome.root.path) until Ctrl-C."))
        while !LineEditor.takeInterrupt() { usleep(100_000) }
        session.console.line(session.console.style.muted("^C — stopping…"))
        _ = repl.perform { await session.shutdown(); return true }
        session.console.say("The Lambda API is stopped, and no environment is left running.")
        return 0
    }
}
