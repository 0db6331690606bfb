import Foundation
import Testing
import TestSupport

/// `simulate` as a person sees it: an 80 × 24 terminal (tmux), the real `less` for the long
/// view, braille and colour on a UTF-8 terminal, plain ASCII under NO_COLOR.
@Suite("simulate in a terminal", .serialized)
struct SimulateTerminalTests {
    func start(_ home: TemporaryDirectory, extra: [String: String] = [:]) throws -> TmuxTerminal {
        var env = TutorBinary.environment(home: home, extra: extra)
        env["TERM"] = "xterm-256color"
        let terminal = try TmuxTerminal(command: [TutorBinary.url.path], environment: env, width: 80, height: 24)
        try terminal.waitFor("λ ›")
        return terminal
    }

    static func hasBraille(_ text: String) -> Bool { text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } }

    @Test("The default view pages through less: braille charts first, the bill and the model's footnotes at the end, then the prompt")
    func pagedView() throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/less"), "less is needed (apt-get install less)")
        let home = try TemporaryDirectory()
        let terminal = try start(home)
        defer { terminal.close() }
        try terminal.type("simulate --preset black-friday")
        let first = try terminal.waitFor("the first page with the concurrency chart") { $0.contains("Concurrency") && Self.hasBraille($0) }
        #expect(first.contains("checkout: 500 → 20,000 requests/s"))
        for line in first.split(separator: "\n") { #expect(line.count <= 80) }
        try terminal.send("G")
        let last = try terminal.waitFor("the end of the view") { $0.contains("no free") && $0.contains("tier subtracted") }
        #expect(last.contains("Function errors and timeouts are not simulated"))
        try terminal.send("q")
        try terminal.waitFor("the prompt after less") { $0.split(separator: "\n").last?.hasPrefix("λ ›") == true }
        try terminal.type("where")
        try terminal.waitFor("No lesson is open")
    }

    @Test("Under NO_COLOR the charts are plain ASCII")
    func noColor() throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        let home = try TemporaryDirectory()
        let terminal = try start(home, extra: ["NO_COLOR": "1"])
        defer { terminal.close() }
        try terminal.type("simulate --rps 500 --duration 200ms --for 2m --reserved 80")
        let screen = try terminal.waitFor("the first page in ASCII") { $0.contains("Concurrency") && $0.contains("|") }
        #expect(!Self.hasBraille(screen))
        #expect(screen.contains("# reserved 80"), "the legend names each series by its character")
        try terminal.send("q")
        try terminal.waitFor("the prompt after less") { $0.split(separator: "\n").last?.hasPrefix("λ ›") == true }
    }
}
