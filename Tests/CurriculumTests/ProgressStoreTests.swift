import Foundation
import Testing
import LearnerStore
import TestSupport
import TutorSupport
@testable import Curriculum

@Suite("Progress")
struct ProgressStoreTests {
    /// When the changes are made (the tutor passes its clock's time).
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let lesson = Lesson(id: "l", title: "L", summary: "S", steps: (1...4).map {
        LessonStep(number: $0, title: "s\($0)", line: $0, blocks: [], tries: [], handlers: [], checks: [])
    }, file: "l.md")

    @Test("Visiting steps moves status from new to in progress to done")
    func status() {
        var progress = LearnerProgress()
        #expect(progress.status(of: Self.lesson) == .new)
        progress.visit(Self.lesson, step: 1, now: Self.now)
        progress.visit(Self.lesson, step: 2, now: Self.now)
        #expect(progress.status(of: Self.lesson) == .inProgress)
        #expect(progress.percentDone(Self.lesson) == 50)
        #expect(progress.currentLesson == "l")
        progress.complete(Self.lesson, now: Self.now)
        #expect(progress.status(of: Self.lesson) == .done)
        #expect(progress.percentDone(Self.lesson) == 100)
        progress.reset("l")
        #expect(progress.status(of: Self.lesson) == .new)
        #expect(progress.currentLesson == nil)
    }

    @Test("A passed checkpoint stays passed")
    func checks() {
        var progress = LearnerProgress()
        progress.recordCheck(Self.lesson, step: 2, index: 1, correct: true, now: Self.now)
        progress.recordCheck(Self.lesson, step: 2, index: 1, correct: false, now: Self.now)
        #expect(progress.lessons["l"]?.checks["2.1"] == true)
    }

    static let checked = Lesson(id: "c", title: "C", summary: "S", steps: (1...3).map { number in
        LessonStep(number: number, title: "s\(number)", line: number, blocks: [], tries: [], handlers: [],
                   checks: number == 2 ? [CheckBlock(source: "x", line: 1, index: 1), CheckBlock(source: "y", line: 2, index: 2)] : [])
    }, file: "c.md")

    @Test("A lesson is done when every step was seen and every checkpoint passed; a revealed key leaves it open")
    func doneNeedsCheckpoints() {
        var progress = LearnerProgress()
        #expect(Self.checked.checkpoints.map(\.key) == ["2.1", "2.2"])
        progress.complete(Self.checked, now: Self.now)
        #expect(progress.status(of: Self.checked) == .inProgress, "all steps seen, no checkpoint passed")
        #expect(progress.checkpointSummary(Self.checked) == "0 of 2")
        progress.recordCheck(Self.checked, step: 2, index: 1, correct: true, now: Self.now)
        progress.recordReveal(Self.checked, step: 2, index: 2, session: "run-1", now: Self.now)
        #expect(progress.checkpointSummary(Self.checked) == "1 of 2")
        #expect(progress.openCheckpoints(Self.checked) == [Checkpoint(step: 2, index: 2)])
        #expect(progress.revealedIn(Self.checked, Checkpoint(step: 2, index: 2)) == "run-1")
        #expect(progress.status(of: Self.checked) == .inProgress)
        progress.recordCheck(Self.checked, step: 2, index: 2, correct: true, now: Self.now)
        #expect(progress.revealedIn(Self.checked, Checkpoint(step: 2, index: 2)) == nil)
        #expect(progress.status(of: Self.checked) == .done)
        #expect(Checkpoint(step: 2, index: 2).label(in: Self.checked) == "step 2 (checkpoint 2)")
    }

    @Test("A progress file written before checkpoints were revealed loads")
    func olderFile() throws {
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent("progress.json")
        try #"{"version": 1, "currentLesson": "c", "lessons": {"c": {"step": 2, "visited": [1, 2], "completed": false, "checks": {"2.1": true}, "updated": "2026-01-01T00:00:00Z"}}}"#
            .write(to: url, atomically: true, encoding: .utf8)
        let loaded = ProgressStore(home: DataHome(root: dir.url)).load()
        #expect(loaded.notice == nil)
        #expect(loaded.progress.lessons["c"]?.revealed == [:])
        #expect(loaded.progress.passedCheckpoints(Self.checked) == [Checkpoint(step: 2, index: 1)])
    }

    @Test("Saved progress loads back unchanged")
    func roundTrip() throws {
        let dir = try TemporaryDirectory()
        let store = ProgressStore(home: DataHome(root: dir.url))
        var progress = LearnerProgress()
        progress.visit(Self.lesson, step: 3, now: Date(timeIntervalSince1970: 1_700_000_000))
        try store.save(progress)
        let loaded = store.load()
        #expect(loaded.notice == nil)
        #expect(loaded.progress == progress)
    }

    @Test("A damaged progress file is not imported, is reported and kept; a stored copy that does not decode is set aside")
    func damaged() throws {
        let dir = try TemporaryDirectory()
        try "{\"version\": 1, \"lessons\": {".write(to: dir.url.appendingPathComponent("progress.json"), atomically: true, encoding: .utf8)
        let store = ProgressStore(home: DataHome(root: dir.url))
        let loaded = store.load()
        #expect(loaded.progress == LearnerProgress())
        let notices = store.database.takeNotices()
        #expect(notices.contains { $0.contains("progress.json could not be read") }, "\(notices)")
        let kept = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasPrefix("migrated-") })
        #expect(try String(contentsOfFile: dir.url.appendingPathComponent("\(kept)/progress.json").path, encoding: .utf8) == "{\"version\": 1, \"lessons\": {")

        try store.database.updateDocument(.progress) { _ in Data(#"{"version": 1, "lessons": 5}"#.utf8) }
        let again = store.load()
        #expect(again.notice?.contains("set aside") == true, "\(again.notice ?? "")")
        #expect(again.writable)
        #expect(try store.database.setAside().map(\.name) == ["progress"])
    }

    @Test("Progress from a newer version is left alone and not overwritten")
    func newerVersion() throws {
        let dir = try TemporaryDirectory()
        try "{\"version\": 99, \"lessons\": {}}".write(to: dir.url.appendingPathComponent("progress.json"), atomically: true, encoding: .utf8)
        let store = ProgressStore(home: DataHome(root: dir.url))
        let loaded = store.load()
        #expect(loaded.notice?.contains("newer") == true)
        #expect(!loaded.writable)
        #expect(throws: FileError.self) { try store.saveMerging(LearnerProgress(), base: LearnerProgress()) }
        #expect(String(decoding: try #require(try store.database.document(.progress)).content, as: UTF8.self).contains("99"))
    }

    @Test("No progress yet is simply a fresh start")
    func missing() throws {
        let dir = try TemporaryDirectory()
        let loaded = ProgressStore(home: DataHome(root: dir.url)).load()
        #expect(loaded.notice == nil)
        #expect(loaded.progress.lessons.isEmpty)
    }
}
