import Foundation

extension TmuxTerminal {
    /// Opens another window in the same terminal running `command` — an editor beside the
    /// tutor, as a person keeps one — without switching to it. Returns the window's target
    /// (`main:1`) for ``send(to:_:)`` and ``screen(of:)``.
    package func openWindow(_ command: [String], environment: [String: String]) throws -> String {
        let target = "main:1"
        let envPrefix = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.shellQuote($0.value))" }.joined(separator: " ")
        try tmux(["new-window", "-d", "-t", target, "env -i \(envPrefix) \(command.map(Self.shellQuote).joined(separator: " ")); sleep 600"])
        return target
    }

    /// Sends keys to one window: literal text, or tmux key names ("Enter", "Escape", "C-c").
    package func send(to target: String, _ keys: String...) throws {
        for key in keys {
            if ["Enter", "Escape", "Tab", "BSpace"].contains(key) || key.hasPrefix("C-") {
                try tmux(["send-keys", "-t", target, key])
            } else {
                try tmux(["send-keys", "-t", target, "-l", key])
            }
        }
    }

    /// One window's visible screen, trailing spaces trimmed.
    package func screen(of target: String) throws -> String {
        try tmux(["capture-pane", "-t", target, "-p"]).split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
            .joined(separator: "\n")
    }

    /// Waits until one window's screen contains `text`. The deadline only guards against a hang.
    @discardableResult
    package func waitFor(_ text: String, in target: String, timeout: TimeInterval = 30) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen(of: target)
            if last.contains(text) { return last }
            usleep(50_000)
        }
        throw Failure(description: "timed out waiting for '\(text)' in \(target); screen was:\n\(last)")
    }
}
