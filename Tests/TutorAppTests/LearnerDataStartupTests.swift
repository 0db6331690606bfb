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
}
