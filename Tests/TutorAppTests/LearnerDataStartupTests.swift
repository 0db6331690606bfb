import Foundation
import Testing
import TestSupport
import TutorSupport
@testable import TutorApp

/// What the tutor does with the data folder before the first prompt: a command history libedit
/// cannot read is kept as `history.damaged-…`, not replaced by the first save.
@Suite("Learner data at start", .serialized)
struct LearnerDataStartupTests {
    @Test("An unreadable command history is moved aside with one sentence; a good one is left alone")
    func damagedHistory() throws {
        let folder = try TemporaryDirectory()
        let history = try folder.write("history", "ls\nquiz\n")  // not libedit's format
        let notice = try #require(TutorLauncher.setAsideDamagedHistory(history))
        #expect(notice.contains("moved to history.damaged-"), "\(notice)")
        #expect(!FileManager.default.fileExists(atPath: history.path))
        let moved = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("history.damaged-") }
        #expect(moved.count == 1)
        #expect(try String(contentsOf: folder.url.appendingPathComponent(moved[0]), encoding: .utf8) == "ls\nquiz\n", "nothing in it is lost")

        _ = try folder.write("history", "_HiStOrY_V2_\nls\n")
        #expect(TutorLauncher.setAsideDamagedHistory(history) == nil)
        try FileManager.default.removeItem(at: history)
        #expect(TutorLauncher.setAsideDamagedHistory(history) == nil, "no history yet is fine")
    }

    @Test("At a real terminal the learner is told, and the history is started again")
    func damagedHistoryAtTerminal() throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        let dir = try TemporaryDirectory()
        let env = try QuizScriptTests.environment(dir)
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
