import Foundation
import Testing
import TestSupport

/// A command history libedit cannot read, met at a real terminal (the in-process side is
/// TutorAppTests' LearnerDataStartupTests).
@Suite("Damaged history at a terminal", .serialized)
struct HistoryTerminalTests {
    @Test("At a real terminal the learner is told, and the history is started again")
    func damagedHistoryAtTerminal() throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        let dir = try TemporaryDirectory()
        let env = try ScriptedContent.environment(dir)
        _ = try dir.write("data/history", "\u{0}\u{1}binary junk")
        let terminal = try TmuxTerminal(command: [TutorBinary.url.path], environment: env, width: 80, height: 24)
        defer { terminal.close() }
        let screen = try terminal.waitFor("λ ›").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(screen.contains("could not be read"), "\(screen)")
        #expect(screen.contains("history.damaged-"), "\(screen)")
        try terminal.type("quit")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.url.appendingPathComponent("data").path)
        #expect(names.contains { $0.hasPrefix("history.damaged-") })
    }
}
