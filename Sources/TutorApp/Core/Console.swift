import Foundation
import TerminalUI
import TutorSupport

#if canImport(Glibc)
import Glibc
#endif

/// Where the tutor's output goes, and how it looks.
///
/// Commands write through the console rather than `print`, so tests can capture output and
/// colour, width and paging follow one set of rules (NO_COLOR, not a terminal, width).
package final class Console: @unchecked Sendable {
    // @unchecked: the sinks are set once at init; `lock` serialises writes from background
    // tasks (a runtime event) and the running command.

    package let terminal: TerminalInfo
    package let style: Style
    private let lock = NSLock()
    private let out: @Sendable (String) -> Void
    private let err: @Sendable (String) -> Void
    private let pager: Pager?
    /// Whether `error:` and `warning:` lines are wrapped between words: only where they go to a
    /// terminal (the terminal would cut a long one mid-word at its edge). Piped, each stays one
    /// line, for whatever reads it.
    private let wrapsMessages: Bool

    package init(terminal: TerminalInfo, out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
                environment: [String: String] = ProcessInfo.processInfo.environment, wrapsMessages: Bool = false) {
        self.terminal = terminal
        self.style = terminal.style
        self.out = out
        self.err = err
        self.pager = terminal.isOutputTerminal ? Pager(terminal: terminal, environment: environment) : nil
        self.wrapsMessages = wrapsMessages
    }

    /// The real standard output and error.
    package static func standard(terminal: TerminalInfo, environment: [String: String] = ProcessInfo.processInfo.environment) -> Console {
        Console(terminal: terminal, out: { text in
            FileHandle.standardOutput.write(Data(text.utf8))
        }, err: { text in
            FileHandle.standardError.write(Data(text.utf8))
        }, environment: environment, wrapsMessages: terminal.isOutputTerminal && isatty(STDERR_FILENO) == 1)
    }

    /// A console that records everything (tests, `--json` capture); `wrapsMessages` as on a terminal.
    package static func capturing(columns: Int = 80, wrapsMessages: Bool = false) -> (Console, OutputCapture) {
        let capture = OutputCapture()
        let console = Console(terminal: .plain(columns: columns), out: { capture.append($0, error: false) }, err: { capture.append($0, error: true) },
                              wrapsMessages: wrapsMessages)
        return (console, capture)
    }

    /// Width to wrap prose to.
    package var width: Int { terminal.textWidth }

    package var markdown: MarkdownRenderer { MarkdownRenderer(style: style, width: width) }

    /// Writes text followed by a newline.
    package func line(_ text: String = "") {
        lock.withLock { out(text + "\n") }
    }

    /// Writes text wrapped to the terminal width, with an optional hanging indent.
    package func wrapped(_ text: String, indent: Int = 0) {
        let pad = String(repeating: " ", count: indent)
        for line in TextWrapper.wrap(text, width: width - indent) { self.line(pad + line) }
    }

    /// Writes text wrapped to the width between words, continuation lines `hanging` columns in
    /// (under the text after a two-space indent and a label): what a line that may be long
    /// (a calculation, a message naming a path) should use, so the terminal never cuts a word.
    package func say(_ text: String, hanging: Int = 4) {
        lock.withLock {
            for line in TextWrapper.wrap(text, width: width, hangingIndent: hanging) { out(line + "\n") }
        }
    }

    /// Writes an error line: `error: message`, plus an optional hint on its own line.
    package func error(_ message: String, hint: String? = nil) {
        lock.withLock {
            err(labelled(style.failure("error:") + " ", width: 7, message))
            if let hint { err(labelled("  ", width: 2, style.muted(hint))) }
        }
    }

    package func warning(_ message: String) {
        lock.withLock { err(labelled(style.warning("warning:") + " ", width: 9, message)) }
    }

    /// `label` (`labelWidth` columns on screen) then `message` and a newline; on a terminal
    /// wrapped between words to the width, the continuation lines under the message.
    private func labelled(_ label: String, width labelWidth: Int, _ message: String) -> String {
        let text = label + message
        guard wrapsMessages, !message.contains("\n") else { return text + "\n" }
        return TextWrapper.wrap(text, width: width, hangingIndent: labelWidth).map { $0 + "\n" }.joined()
    }

    /// Writes `note: message`: what a list of diagnostics above it amounts to.
    package func note(_ message: String) {
        lock.withLock { err(style.muted("note:") + " " + message + "\n") }
    }

    /// Writes a content problem the way `lambda-tutor check` and compilers do,
    /// `path:line:col: error: message`, so a terminal or editor can jump to the line. Never
    /// under a `warning:` prefix: one line says one severity.
    package func diagnostic(_ diagnostic: Diagnostic) {
        let label = diagnostic.severity.rawValue + ":"
        let styled = switch diagnostic.severity {
        case .error: style.failure(label)
        case .warning: style.warning(label)
        case .note: style.muted(label)
        }
        lock.withLock { err(diagnostic.location + ": " + styled + " " + diagnostic.message + "\n") }
    }

    /// Shows a long text, paged on a terminal when it does not fit on one screen. Returns true
    /// when it was paged: the learner may have left the pager before its end, so what must be
    /// on screen when the prompt returns (a checkpoint) is printed again after it.
    @discardableResult
    package func page(_ text: String) -> Bool {
        if let pager, pager.shouldPage(text) {
            return lock.withLock { pager.present(text) }
        }
        line(text)
        return false
    }

    /// True when `text` would go through the pager.
    package func wouldPage(_ text: String) -> Bool {
        pager?.shouldPage(text) ?? false
    }

    /// Runs a program (an editor) in front of the learner, holding the console so no output of
    /// a background task lands on its screen.
    package func runInForeground(_ body: () -> TerminalJob.Outcome) -> TerminalJob.Outcome {
        lock.withLock { body() }
    }
}

/// Collected output of a capturing ``Console``.
package final class OutputCapture: @unchecked Sendable {
    // @unchecked: all access goes through `lock`.
    private let lock = NSLock()
    private var stdout = ""
    private var stderr = ""
    private var combined = ""

    func append(_ text: String, error: Bool) {
        lock.withLock {
            if error { stderr += text } else { stdout += text }
            combined += text
        }
    }

    package var output: String { lock.withLock { stdout } }
    package var errors: String { lock.withLock { stderr } }
    /// Both streams interleaved in the order written.
    package var all: String { lock.withLock { combined } }
}
