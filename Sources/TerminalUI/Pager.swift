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
/// Uses `less -R` when it is installed (colours pass through, `-F` exits at once if the text
/// fits, `-X` leaves the text on screen, `-K` quits on Ctrl-C); otherwise a small built-in
/// pager. `LAMBDA_TUTOR_PAGER` overrides the command; set it to `cat` to never page. Output
/// that is not a terminal is never paged.
public struct Pager: Sendable {
    public var terminal: TerminalInfo
    public var environment: [String: String]

    public init(terminal: TerminalInfo, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.terminal = terminal
        self.environment = environment
    }

    /// True when `text` would not fit on one screen of an interactive terminal.
    public func shouldPage(_ text: String) -> Bool {
        guard terminal.isOutputTerminal, terminal.isInputTerminal else { return false }
        if environment["LAMBDA_TUTOR_PAGER"] == "cat" { return false }
        let lineCount = text.reduce(into: 1) { count, ch in if ch == "\n" { count += 1 } }
        return lineCount > max(terminal.rows - 2, 5)
    }

    /// Writes `text` to standard output, paging it if needed.
    public func present(_ text: String) {
        guard shouldPage(text) else {
            print(text)
            return
        }
        if let command = pagerCommand(), runExternal(command, text) { return }
        builtIn(text)
    }

    func pagerCommand() -> String? {
        if let custom = environment["LAMBDA_TUTOR_PAGER"], !custom.isEmpty { return custom }
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/less") {
            return "\(dir)/less -R -F -X -K"
        }
        return nil
    }

    /// Runs the pager with the text on its standard input; false if it could not start.
    func runExternal(_ command: String, _ text: String) -> Bool {
        fflush(nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        var env = environment
        env["LESSCHARSET"] = env["LESSCHARSET"] ?? "utf-8"
        process.environment = env
        let pipe = Pipe()
        process.standardInput = pipe
        do {
            try process.run()
        } catch {
            return false
        }
        // Foundation starts the child in a process group of its own; a pager outside the
        // terminal's foreground group gets EIO reading keys and quits after the first screen.
        // Hand it the terminal before it has anything to show, and take it back afterwards
        // (ignoring SIGTTOU, which a background group gets for asking).
        let handedOver = isatty(STDIN_FILENO) == 1 && tcsetpgrp(STDIN_FILENO, process.processIdentifier) == 0
        defer {
            if handedOver {
                let previous = signal(SIGTTOU, SIG_IGN)
                tcsetpgrp(STDIN_FILENO, getpgrp())
                signal(SIGTTOU, previous)
            }
        }
        let data = Data((text + "\n").utf8)
        // The pager may quit before reading everything (q); ignore EPIPE.
        signal(SIGPIPE, SIG_IGN)
        pipe.fileHandleForWriting.writeabilityHandler = nil
        _ = try? pipe.fileHandleForWriting.write(contentsOf: data)
        try? pipe.fileHandleForWriting.close()
        process.waitUntilExit()
        return true
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
