import Foundation

/// A real terminal for end-to-end tests: runs a command inside a private tmux server, sends
/// keys as a person would, and reads the rendered screen with capture-pane.
///
/// Each instance uses its own tmux socket, so tests never see each other's sessions, and
/// `close()` (or deinit) kills the server and everything in it.
package final class TmuxTerminal: @unchecked Sendable {
    // @unchecked: used from one test at a time; fields are immutable after init.
    package let socket: String
    package let width: Int
    package let height: Int
    private var closed = false

    package struct Failure: Error, CustomStringConvertible {
        package let description: String
    }

    package static var isAvailable: Bool {
        ["/usr/bin/tmux", "/bin/tmux", "/usr/local/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts `command` (argv) with `environment` in a `width`×`height` terminal.
    package init(command: [String], environment: [String: String], width: Int = 100, height: Int = 40) throws {
        socket = "lt-test-\(UUID().uuidString.prefix(8))"
        self.width = width
        self.height = height
        let envPrefix = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.shellQuote($0.value))" }.joined(separator: " ")
        let shellCommand = "env -i \(envPrefix) \(command.map(Self.shellQuote).joined(separator: " ")); echo '[exited '$?']'; sleep 600"
        try tmux(["new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)", shellCommand])
    }

    deinit { close() }

    package func close() {
        guard !closed else { return }
        closed = true
        _ = try? tmux(["kill-server"])
    }

    /// Sends keys: literal text, or tmux key names such as "Enter", "Tab", "C-c", "C-d", "Up".
    package func send(_ keys: String...) throws {
        for key in keys {
            if ["Enter", "Tab", "Up", "Down", "Left", "Right", "BSpace", "Escape"].contains(key) || key.hasPrefix("C-") {
                try tmux(["send-keys", "-t", "main", key])
            } else {
                try tmux(["send-keys", "-t", "main", "-l", key])
            }
        }
    }

    /// Types a line and presses Enter.
    package func type(_ line: String) throws {
        try send(line, "Enter")
    }

    /// The visible screen as plain text, trailing spaces trimmed.
    package func screen() throws -> String {
        let text = try tmux(["capture-pane", "-t", "main", "-p"])
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
            .joined(separator: "\n")
    }

    /// Waits until the screen satisfies `predicate`. The deadline only guards against a hang.
    @discardableResult
    package func waitFor(_ what: String, timeout: TimeInterval = 30, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if predicate(last) { return last }
            usleep(50_000)
        }
        throw Failure(description: "timed out waiting for \(what); screen was:\n\(last)")
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    package func waitFor(_ text: String, timeout: TimeInterval = 30) throws -> String {
        try waitFor("'\(text)'", timeout: timeout) { $0.contains(text) }
    }

    /// The last non-empty line on screen (usually the prompt and what is typed after it).
    package func lastLine() throws -> String {
        try screen().split(separator: "\n").last.map(String.init) ?? ""
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let tmuxPath = ["/usr/bin/tmux", "/bin/tmux", "/usr/local/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/tmux"
        // Only capture-pane's output is read. The server that new-session starts would inherit
        // a pipe and keep it open, so everything else goes to /dev/null.
        let wantsOutput = arguments.first == "capture-pane"
        let output = try SpawnedProcess.run([tmuxPath, "-L", socket, "-f", "/dev/null"] + arguments,
                                            environment: ["PATH": "/usr/bin:/bin", "TERM": "xterm-256color"],
                                            capture: wantsOutput, timeout: 30)
        if output.status != 0, arguments.first != "kill-server" {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed with status \(output.status)")
        }
        return output.stdout
    }

    static func shellQuote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
