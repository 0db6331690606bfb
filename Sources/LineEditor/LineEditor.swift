import CLibEdit
import Foundation

/// Reads command lines: libedit with history, Ctrl-R and Tab completion on a terminal; plain
/// lines with no prompt and no escape codes otherwise (scripts, tests, CI).
///
/// libedit must be driven from the main thread (Ctrl-C only interrupts its read() there), and
/// completion callbacks arrive on that thread synchronously, so the provider is `@Sendable`
/// and must not need the main actor.
package final class LineEditor: @unchecked Sendable {
    // @unchecked: all mutable state is touched only from the thread that calls readLine
    // (the main thread); the completion provider is immutable after configuration.

    package enum Input: Equatable, Sendable {
        case line(String)
        /// Ctrl-C on an interactive prompt: the line was cancelled.
        case interrupted
        /// Ctrl-D or end of piped input.
        case endOfInput
        /// The `wakeAt` time of ``readLine(prompt:wakeAt:)`` came while the learner had not
        /// finished the line; what was typed is dropped.
        case timeUp
    }

    package let interactive: Bool
    private let historyFile: URL?
    private var lastHistoryLine: String?

    /// - Parameters:
    ///   - interactive: use libedit (true only when stdin and stdout are terminals).
    ///   - historyFile: where history persists across sessions; nil keeps none.
    package init(interactive: Bool, historyFile: URL?, completion: CompletionProvider? = nil) {
        self.interactive = interactive
        self.historyFile = historyFile
        guard interactive else { return }
        Self.configureLocale()
        clibedit_set_readline_name(strdup("lambda-tutor"))
        CompletionBridge.provider = completion
        clibedit_set_completion_function(CompletionBridge.attempted)
        clibedit_set_completion_append_character(Int32(UInt8(ascii: " ")))
        // Only whitespace and quotes break words: `env.TABLE=users` and `--event=s3` stay whole.
        clibedit_set_basic_word_break_characters(strdup(" \t\n\"'"))
        using_history()
        stifle_history(1000)
        if let historyFile {
            _ = historyFile.path.withCString { read_history($0) }
        }
        clibedit_install_sigint_handler()
    }

    /// Without a UTF-8 locale libedit drops non-ASCII input (`café` becomes `caf`).
    static func configureLocale() {
        if let current = setlocale(LC_CTYPE, ""), let name = String(validatingCString: current), name != "C", name != "POSIX" {
            return
        }
        if setlocale(LC_CTYPE, "C.UTF-8") == nil {
            _ = setlocale(LC_CTYPE, "en_US.UTF-8")
        }
    }

    /// Reads one line. The prompt may contain ANSI escapes; they are wrapped in the
    /// \u{1}…\u{2} markers libedit needs to measure the prompt correctly.
    ///
    /// With `wakeAt`, an interactive prompt gives up at that time and returns `.timeUp`, so a
    /// timed exam can end on screen at its deadline instead of at the next keypress. Scripts
    /// (not interactive) are never interrupted: their next line is already there.
    ///
    /// With `remember` false the line stays out of the history: answers to a command's own
    /// questions (confirmations, code typed for `fn edit --inline`) are not commands to recall.
    package func readLine(prompt: String, wakeAt: Date? = nil, remember: Bool = true) -> Input {
        guard interactive else {
            guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
            return .line(line.hasSuffix("\r") ? String(line.dropLast()) : line)
        }
        _ = clibedit_take_interrupt()
        if let wakeAt {
            let left = wakeAt.timeIntervalSinceNow
            guard left > 0 else { return .timeUp }
            _ = clibedit_arm_alarm(Int64((left * 1_000_000).rounded(.up)))
        }
        let marked = Self.markEscapes(prompt)
        let raw = readline(marked)
        let alarmed = wakeAt != nil && clibedit_disarm_alarm() != 0
        guard let raw else {
            if clibedit_take_interrupt() != 0 {
                print("^C")
                return .interrupted
            }
            if alarmed {
                print("")
                return .timeUp
            }
            return .endOfInput
        }
        defer { free(raw) }
        let line = String(cString: raw)
        if clibedit_take_interrupt() != 0 {
            // ^C arrived while the line was being returned: treat the line as cancelled.
            print("^C")
            return .interrupted
        }
        if remember { self.remember(line) }
        return .line(line)
    }

    /// Adds a line to history (skipping blanks and immediate repeats) and saves the file.
    func remember(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed != lastHistoryLine else { return }
        lastHistoryLine = trimmed
        _ = trimmed.withCString { add_history($0) }
        saveHistory()
    }

    /// True when `url` is missing, empty or a libedit history file (it starts with libedit's
    /// `_HiStOrY_V2_` line). Anything else would be replaced by the first save, so the caller
    /// moves it aside first.
    package static func isHistoryFile(at url: URL) -> Bool {
        // A folder (or a device) opens and reads as empty: it is not a file the save can replace.
        var status = stat()
        if lstat(url.path, &status) == 0, status.st_mode & S_IFMT != S_IFREG { return false }
        guard let handle = try? FileHandle(forReadingFrom: url) else { return !FileManager.default.fileExists(atPath: url.path) }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 13)) ?? Data()
        return head.isEmpty || head.starts(with: Data("_HiStOrY_V2_".utf8))
    }

    /// Writes history to a temp file and renames it over the old one, so a crash never leaves
    /// a truncated history.
    package func saveHistory() {
        guard interactive, let historyFile else { return }
        let directory = historyFile.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temp = directory.appendingPathComponent(".history.\(getpid()).tmp")
        let ok = temp.path.withCString { write_history($0) } == 0
        if !ok || rename(temp.path, historyFile.path) != 0 {
            unlink(temp.path)
        }
    }

    /// Wraps every ANSI escape sequence in \u{1}…\u{2} (readline's "invisible" markers).
    static func markEscapes(_ prompt: String) -> String {
        var out = ""
        var inEscape = false
        for scalar in prompt.unicodeScalars {
            if scalar == "\u{1B}" {
                out.unicodeScalars.append("\u{1}")
                inEscape = true
            }
            out.unicodeScalars.append(scalar)
            if inEscape, (0x40...0x7E).contains(scalar.value), scalar != "[" {
                out.unicodeScalars.append("\u{2}")
                inEscape = false
            }
        }
        return out
    }

    // MARK: - Interrupts while a command runs

    /// True (and cleared) if Ctrl-C arrived since the last check. The REPL polls this while a
    /// command runs to cancel it.
    package static func takeInterrupt() -> Bool { clibedit_take_interrupt() != 0 }

    /// Installs the Ctrl-C handler that sets the interrupt flag instead of killing the process.
    /// Interactive editors install it themselves; script mode calls this so Ctrl-C still cancels
    /// the running command cleanly.
    package static func installInterruptHandler() { clibedit_install_sigint_handler() }
}
