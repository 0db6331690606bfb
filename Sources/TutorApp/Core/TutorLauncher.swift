import Foundation
import LineEditor
import TerminalUI
import TutorSupport

/// Builds a session and runs it: the REPL, a script on stdin, or one command for the CLI.
/// The executable target stays a thin layer of argument parsing over this.
package struct TutorLauncher {
    package var contentFolders: [String]
    package var environment: [String: String]
    package var forceNoColor: Bool
    /// `--learner NAME`.
    package var learner: String?
    /// False with `--no-bundled`: only the trainer's content.
    package var bundled: Bool

    package init(contentFolders: [String], environment: [String: String] = ProcessInfo.processInfo.environment, forceNoColor: Bool = false,
                learner: String? = nil, bundled: Bool = true) {
        self.learner = learner
        self.bundled = bundled
        self.contentFolders = contentFolders
        self.environment = environment
        self.forceNoColor = forceNoColor
    }

    /// `lambda-tutor` with no subcommand: the REPL on a terminal, script mode otherwise.
    /// `initialLines` run first (a CLI subcommand such as `quiz` starting its mode).
    package func runREPL(initialLines: [String] = []) -> Int32 {
        SignalMask.unblockTerminalSignals()
        var terminal = TerminalInfo.current(environment: environment)
        if forceNoColor { terminal.colorEnabled = false }
        let interactive = terminal.isInputTerminal && terminal.isOutputTerminal
        if !interactive { terminal.colorEnabled = terminal.colorEnabled && terminal.isOutputTerminal && forceColorWhenPiped }
        let session = makeSession(terminal: terminal, interactive: interactive)
        if interactive, let notice = Self.setAsideDamagedHistory(session.dataHome.historyFile) { session.console.warning(notice) }
        // No history file in a folder that goes at the end (saving it at exit would make the folder again).
        let editor = LineEditor(interactive: interactive, historyFile: interactive && !session.keepsNothing ? session.dataHome.historyFile : nil) { request in
            session.completions(for: request)
        }
        if !interactive { LineEditor.installInterruptHandler() }
        installTerminationHandling(session)
        if interactive { FunctionURLService.resumeIfConfigured(session) }
        return REPL(session: session, editor: editor).run(greeting: initialLines.isEmpty, initialLines: initialLines)
    }

    /// Runs command lines without a prompt (the CLI subcommands). Stdin is read only if a
    /// command asks for input.
    package func runLines(_ lines: [String]) -> Int32 {
        SignalMask.unblockTerminalSignals()
        var terminal = TerminalInfo.current(environment: environment)
        if forceNoColor { terminal.colorEnabled = false }
        let session = makeSession(terminal: terminal, interactive: false)
        let editor = LineEditor(interactive: false, historyFile: nil)
        LineEditor.installInterruptHandler()
        installTerminationHandling(session)
        let repl = REPL(session: session, editor: editor)
        session.reportStartupProblems(to: session.console)
        var failed = false
        for line in lines {
            if !repl.perform({ await session.execute(line) }) { failed = true }
            if session.quitRequested { break }
        }
        // A mode still active (a quiz or exam fed from a file) ends as at the end of a script.
        if let mode = session.modes.last { _ = repl.perform { await mode.endOfInput(session); return true } }
        _ = repl.perform { await session.shutdown(); return true }
        return failed ? 1 : 0
    }

    /// Moves a command history libedit cannot read (its first save would replace it) to
    /// `history.damaged-…`, as every damaged learner file is; returns what to tell the learner.
    static func setAsideDamagedHistory(_ url: URL) -> String? {
        guard !LineEditor.isHistoryFile(at: url) else { return nil }
        do {
            let moved = try AtomicFile.quarantine(url)
            return "the command history \(url.path) could not be read; it was moved to \(moved.lastPathComponent) and a new one is started"
        } catch {
            return "the command history \(url.path) could not be read nor moved aside (\(error.message))"
        }
    }

    /// Colour stays off in script mode unless explicitly requested.
    var forceColorWhenPiped: Bool { environment["LAMBDA_TUTOR_COLOR"]?.lowercased() == "always" }

    func makeSession(terminal: TerminalInfo, interactive: Bool) -> Session {
        let console = Console.standard(terminal: terminal, environment: environment)
        var dataHome = DataHome.resolve(environment: environment)
        var temporary: URL?
        do {
            try dataHome.ensureExists()
        } catch {
            // One warning, then a session that works: in a private folder of its own, gone when
            // the session ends (otherwise every store would report the same cause again).
            if let scratch = DataHome.privateTemporary() {
                console.warning("\(error.description); this session keeps your work in \(scratch.root.path), which is removed when you leave: nothing is saved")
                dataHome = scratch
                temporary = scratch.root
            } else {
                console.warning("\(error.description); progress and history will not be saved")
            }
        }
        var configuration = Session.Configuration(dataHome: dataHome, contentFolders: contentFolders, environment: environment,
                                                  interactive: interactive)
        configuration.learner = learner
        configuration.bundled = bundled
        configuration.keepsNothing = temporary != nil
        let session = Session(configuration: configuration, console: console)
        if let temporary {
            // Registered first, so it runs last: after the environments using it have stopped.
            session.onShutdown { try? FileManager.default.removeItem(at: temporary) }
        }
        return session
    }

    /// SIGTERM, SIGHUP, SIGQUIT: stop child processes and save, then exit.
    func installTerminationHandling(_ session: Session) {
        TerminationSignals.install { _ in
            let done = DispatchSemaphore(value: 0)
            Task.detached {
                await session.shutdown()
                done.signal()
            }
            _ = done.wait(timeout: .now() + .seconds(5))
        }
    }
}

extension TutorLauncher {
    /// `lambda-tutor check [PATH…]`, or with `listCode` what those lessons would run.
    package func runCheck(paths: [String], strict: Bool, listCode: Bool = false) -> Int32 {
        var terminal = TerminalInfo.current(environment: environment)
        if forceNoColor { terminal.colorEnabled = false }
        let console = Console.standard(terminal: terminal, environment: environment)
        let sources = ContentSources.locate(extraFolders: contentFolders, environment: environment, bundled: bundled)
        for notice in sources.notices { console.warning(notice) }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if listCode {
            return ContentCheck.printRunnable(ContentCheck.runnableItems(paths: paths, sources: sources, base: cwd), console: console)
        }
        let report = ContentCheck.run(paths: paths, sources: sources, base: cwd)
        return ContentCheck.print(report, console: console, strict: strict)
    }
}
