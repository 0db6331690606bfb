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
        let store = ProgressStore(home: home)
        let other = ProgressStore(home: home)  // the second tutor: its own connection
        let start = store.load().progress

        var first = start
        first.visit(ProgressStoreTests.lesson, step: 1, now: ProgressStoreTests.now)
        first.recordCheck(ProgressStoreTests.checked, step: 2, index: 1, correct: true, now: ProgressStoreTests.now)
        let savedFirst = try store.saveMerging(first, base: start)
        #expect(!savedFirst.mergedOtherChanges)

        var second = start  // loaded before the first saved
        let later = ProgressStoreTests.now.addingTimeInterval(1)
        second.visit(Self.other, step: 2, now: later)
        second.recordCheck(ProgressStoreTests.checked, step: 2, index: 2, correct: true, now: later)
        let savedSecond = try other.saveMerging(second, base: start)
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
        base.visit(ProgressStoreTests.lesson, step: 2, now: ProgressStoreTests.now)
        var mine = base
        mine.reset("l")
        var disk = base
        disk.visit(Self.other, step: 1, now: ProgressStoreTests.now.addingTimeInterval(1))
        let merged = mine.merged(base: base, disk: disk)
        #expect(merged.lessons["l"] == nil)
        #expect(merged.lessons["m"]?.visited == [1])
    }
}
