import Foundation
import Testing
import TestSupport
import TutorSupport
@testable import Curriculum

/// Two tutors on one data folder: neither one's progress is lost to the other's save.
@Suite("Progress shared by two tutors", .serialized)
struct ProgressMergeTests {
    static let other = Lesson(id: "m", title: "M", summary: "S", steps: (1...3).map {
        LessonStep(number: $0, title: "s\($0)", line: $0, blocks: [], tries: [], handlers: [], checks: [])
    }, file: "m.md")

    @Test("Two tutors save in turn from the same start: both lessons' work is kept")
    func twoTutors() throws {
        let folder = try TemporaryDirectory()
        let home = DataHome(root: folder.url)
        let store = ProgressStore(url: home.progressFile)
        let lock = DataFolderLock(home: home)
        let start = store.load().progress

        var first = start
        first.visit(ProgressStoreTests.lesson, step: 1)
        first.recordCheck(ProgressStoreTests.checked, step: 2, index: 1, correct: true)
        let savedFirst = try store.saveMerging(first, base: start, lock: lock)
        #expect(!savedFirst.mergedOtherChanges)

        var second = start  // loaded before the first saved
        second.visit(Self.other, step: 2)
        second.recordCheck(ProgressStoreTests.checked, step: 2, index: 2, correct: true)
        let savedSecond = try store.saveMerging(second, base: start, lock: lock)
        #expect(savedSecond.mergedOtherChanges, "the second tutor is told")

        let disk = store.load().progress
        #expect(disk.lessons["l"]?.visited == [1])
        #expect(disk.lessons["m"]?.visited == [2])
        #expect(disk.lessons["c"]?.checks == ["2.1": true, "2.2": true], "both checkpoints passed")
        #expect(disk.currentLesson == "m", "the tutor that moved last says where the learner is")
    }

    @Test("A lesson reset by one tutor stays reset when the other changed something else")
    func reset() throws {
        var base = LearnerProgress()
        base.visit(ProgressStoreTests.lesson, step: 2)
        var mine = base
        mine.reset("l")
        var disk = base
        disk.visit(Self.other, step: 1)
        let merged = mine.merged(base: base, disk: disk)
        #expect(merged.lessons["l"] == nil)
        #expect(merged.lessons["m"]?.visited == [1])
    }

    @Test("A second tutor waits for the lock and hears why")
    func waits() throws {
        let folder = try TemporaryDirectory()
        let lock = DataFolderLock(home: DataHome(root: folder.url))
        let held = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let holder = Thread {
            try? lock.withLock {
                held.signal()
                release.wait()
            }
        }
        holder.start()
        held.wait()
        var told = 0
        try lock.withLock(waiting: {
            told += 1
            release.signal()  // the other tutor finishes while this one waits
        }) {}
        #expect(told == 1)
    }

    @Test("A lock file that is a symbolic link is refused, not followed")
    func symlinkRefused() throws {
        let folder = try TemporaryDirectory()
        let target = folder.url.appendingPathComponent("elsewhere")
        try Data().write(to: target)
        try FileManager.default.createSymbolicLink(at: folder.url.appendingPathComponent(".lock"), withDestinationURL: target)
        #expect(throws: FileError.self) {
            try DataFolderLock(home: DataHome(root: folder.url)).withLock {}
        }
    }
}
