import Foundation
import Testing
import TestSupport

/// `invoke --concurrent` and `metrics` as a person sees them: an 80 × 24 terminal (tmux),
/// colour and braille on a UTF-8 terminal, nothing wider than the screen.
@Suite("Service commands in a terminal", .serialized)
struct ServiceTerminalTests {
    @Test("invoke --concurrent sums up cold, warm and throttled; metrics shows the table and the chart within 80 columns")
    func concurrentAndMetrics() throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        let home = try TemporaryDirectory()
        var env = TutorBinary.environment(home: home, extra: ["LAMBDA_TUTOR_PAGER": "cat"])
        env["TERM"] = "xterm-256color"
        let terminal = try TmuxTerminal(command: [TutorBinary.url.path], environment: env, width: 80, height: 24)
        defer { terminal.close() }
        try terminal.waitFor("λ ›")
        try terminal.type("fn new hello")
        try terminal.waitFor("Created hello")
        try terminal.type("fn config hello reserved=2")
        try terminal.waitFor("Reserved 2")
        try terminal.type("invoke hello --concurrent 5")
        let summary = try terminal.waitFor("the summary") { $0.contains("5 invocations of hello at once") && $0.contains("Duration p50") }
        #expect(summary.contains("2 ran (2 cold, 0 warm)"))
        #expect(summary.contains("3 throttled"))
        #expect(summary.contains("ReservedFunctionConcurrentInvocationLimitExceeded ×3"))
        try terminal.type("clear")
        try terminal.type("metrics hello --minutes 5")
        let screen = try terminal.waitFor("the table and the chart") { $0.contains("Metrics of hello") && $0.contains("Invocations and Throttles") && $0.contains("Spill") }
        #expect(screen.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "braille on a UTF-8 terminal")
        for line in screen.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        #expect(screen.contains("Throttles"))
        try terminal.waitFor("the prompt") { $0.split(separator: "\n").last?.hasPrefix("λ ›") == true }
    }
}
