import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Shows long output one screen at a time.
///
/// The pager is, in order: `LAMBDA_TUTOR_PAGER`, `$PAGER`, `less`, `more`; without any of them, a
/// small built-in pager. `less` gets `LESS=-R -F -X -K` unless the learner set `LESS`: colours
/// pass through, it exits at once if the text fits, leaves the text on screen, and quits on
/// Ctrl-C. The pager runs as the terminal's foreground job (``TerminalJob``), so it can read
/// keys. `LAMBDA_TUTOR_PAGER=cat` (or `PAGER=cat`) never pages. Output that is not a terminal
/// is never paged.
package struct Pager: Sendable {
    package var terminal: TerminalInfo
    package var environment: [String: String]

    package init(terminal: TerminalInfo, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.terminal = terminal
        self.environment = environment
    }

    /// True when `text` would not fit on one screen of an interactive terminal.
    package func shouldPage(_ text: String) -> Bool {
        guard terminal.isOutputTerminal, terminal.isInputTerminal else { return false }
        if let command = configuredCommand, Self.isCat(command) { return false }
        return Self.lineCount(text) > max(terminal.rows - 2, 5)
    }

    static func lineCount(_ text: String) -> Int {
        text.reduce(into: 1) { count, ch in if ch == "\n" { count += 1 } }
    }

    /// Writes `text` to standard output, paging it if needed. Returns true if it was paged
    /// (the learner may have left the pager before the end).
    @discardableResult
    package func present(_ text: String) -> Bool {
        guard shouldPage(text) else {
            print(text)
            return false
        }
        let text = Self.keepingBoxesWhole(text, pageHeight: max(terminal.rows - 1, 5))
        if let command = pagerCommand() {
            let outcome = TerminalJob.runShell(command, environment: pagerEnvironment(for: command), input: text + "\n")
            switch outcome {
            case .exited(let status) where status != 126 && status != 127: return true
            case .signalled: return true
            default: break  // not found or not started: the built-in pager
            }
        }
        builtIn(text)
        return true
    }

    /// Moves a framed box (a callout, `╭` … `╰`) that would straddle a page break to the top
    /// of the next page with blank lines, so it is read whole; a box taller than a page is
    /// left as it is. `pageHeight` is the lines a page shows: a terminal's rows less the
    /// pager's own prompt line (as `less` and the built-in pager both page).
    package static func keepingBoxesWhole(_ text: String, pageHeight: Int) -> String {
        let lines = text.components(separatedBy: "\n")
        guard pageHeight > 0, lines.count > pageHeight else { return text }
        let visible = lines.map { plain($0).drop { $0 == " " } }
        var out: [String] = []
        var index = 0
        while index < lines.count {
            if visible[index].hasPrefix("╭"),
               let end = lines.indices[(index + 1)...].first(where: { visible[$0].hasPrefix("╰") }) {
                let height = end - index + 1
                let used = out.count % pageHeight
                if height <= pageHeight, used + height > pageHeight {
                    out += Array(repeating: "", count: pageHeight - used)
                }
                out += lines[index...end]
                index = end + 1
                continue
            }
            out.append(lines[index])
            index += 1
        }
        return out.joined(separator: "\n")
    }

    /// `line` without its ANSI escape sequences.
    static func plain(_ line: String) -> String {
        var result = ""
        var inEscape = false
        for scalar in line.unicodeScalars {
            if inEscape {
                if (0x40...0x7E).contains(scalar.value), scalar != "[" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" { inEscape = true; continue }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// What the learner asked for, if anything: `LAMBDA_TUTOR_PAGER`, then `$PAGER`.
    var configuredCommand: String? {
        for key in ["LAMBDA_TUTOR_PAGER", "PAGER"] {
            if let value = environment[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        return nil
    }

    func pagerCommand() -> String? {
        if let configured = configuredCommand { return configured }
        return TerminalJob.find(["less", "more"], path: environment["PATH"])
    }

    /// `cat` (by name or path, with no arguments) means "do not page".
    static func isCat(_ command: String) -> Bool {
        let words = command.split(separator: " ")
        return words.count == 1 && (words[0] == "cat" || words[0].hasSuffix("/cat"))
    }

    func pagerEnvironment(for command: String) -> [String: String] {
        var env = environment
        env["LESSCHARSET"] = env["LESSCHARSET"] ?? "utf-8"
        if env["LESS"] == nil { env["LESS"] = "-R -F -X -K" }
        // `more` and `less` size themselves from the terminal; stale values would mislead them.
        env["LINES"] = nil
        env["COLUMNS"] = nil
        return env
    }

    /// A minimal pager: Space for a page, Enter for a line, q to stop.
    func builtIn(_ text: String) {
        let lines = text.components(separatedBy: "\n")
        let page = max(terminal.rows - 1, 5)
        var shown = 0
        let style = terminal.style
        while shown < lines.count {
            let step = shown == 0 ? page : page
            let end = min(lines.count, shown + step)
            for line in lines[shown..<end] { print(line) }
            shown = end
            guard shown < lines.count else { break }
            let prompt = style.muted("── \(shown)/\(lines.count) lines · Space: next page · Enter: next line · q: stop ──")
            print(prompt, terminator: "")
            fflush(nil)
            let key = RawKey.read()
            print("\r\u{1B}[2K", terminator: "")
            switch key {
            case "q", "Q", "\u{3}", "\u{1B}", nil:
                return
            case "\r", "\n":
                print(lines[shown])
                shown += 1
            default:
                continue
            }
        }
    }
}

/// Reads one key press from the terminal without waiting for Enter.
enum RawKey {
    static func read() -> Character? {
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return nil }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(STDIN_FILENO, TCSANOW, &raw)
        defer { tcsetattr(STDIN_FILENO, TCSANOW, &original) }
        var byte: UInt8 = 0
        let n = Glibc.read(STDIN_FILENO, &byte, 1)
        guard n == 1 else { return nil }
        return Character(Unicode.Scalar(byte))
    }
}
