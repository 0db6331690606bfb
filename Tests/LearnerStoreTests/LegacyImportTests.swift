import Foundation
import Testing
import TestSupport
import TutorSupport
@testable import LearnerStore
import GRDB

/// The JSON files of older versions come into the database once, whole, and never twice.
@Suite("Import of the older JSON files")
struct LegacyImportTests {
    /// A data folder as an older tutor left it: practice answers (one without an id), an exam
    /// submitted twice (a kill before its paused file went, then a resubmit), an exam whose
    /// submit was cut short (a torn batch; still paused), a damaged line, progress, settings.
    static func legacyFolder(_ dir: TemporaryDirectory) throws -> DataHome {
        let lines = [
            #"{"id":"p1","session":"run","mode":"practice","question":"q1","time":"2026-01-01T00:00:00Z"}"#,
            #"{"session":"run","mode":"practice","question":"q2","time":"2026-01-01T00:01:00Z"}"#,
            #"{"id":"e1a","session":"exam-1","mode":"exam","question":"q1","batch":"b1","batchCount":2}"#,
            #"{"id":"e1b","session":"exam-1","mode":"exam","question":"q2","batch":"b1","batchCount":2}"#,
            #"{"id":"e1c","session":"exam-1","mode":"exam","question":"q1","batch":"b2","batchCount":2}"#,
            #"{"id":"e1d","session":"exam-1","mode":"exam","question":"q2","batch":"b2","batchCount":2}"#,
            #"{"id":"e2a","session":"exam-2","mode":"exam","question":"q1","batch":"b3","batchCount":2}"#,
            #"{"id":"p1","session":"run","mode":"practice","question":"q1","time":"2026-01-01T00:00:00Z"}"#,
            #"{"id":"torn"#,
        ]
        try dir.write("data/attempts.jsonl", lines.joined(separator: "\n") + "\n")
        try dir.write("data/exams/history.jsonl", #"{"examID":"exam-1","percent":50}"# + "\n" + #"{"examID":"exam-1","percent":50}"# + "\n")
        try dir.write("data/exams/paused-exam-2.json", #"{"id":"exam-2","current":0}"#)
        try dir.write("data/progress.json", #"{"version":2,"lessons":{}}"#)
        try dir.write("data/settings.json", #"{"learner":"Ada"}"#)
        try dir.write("data/exercises.json", "{ not json")
        return DataHome(root: dir.url.appendingPathComponent("data"))
    }

    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("Every record comes in once; the batch rule holds; the files are kept in migrated-DATE/")
    func importsOnce() throws {
        let dir = try TemporaryDirectory()
        let home = try Self.legacyFolder(dir)
        let database = LearnerDatabase(home: home, now: { Self.now })
        let attempts = try database.attempts()
        #expect(attempts.map(\.question) == ["q1", "q2", "q1", "q2"], "p1, the id-less q2, exam-1's first batch; not the torn exam-2")
        #expect(attempts[1].key.hasPrefix("line:"))
        #expect(try database.exams().map(\.id) == ["exam-1"])
        #expect(try database.exams().first?.summary != nil)
        #expect(try database.pausedExams().map(\.id) == ["exam-2"], "a submit cut short leaves the exam resumable")
        #expect(try database.document(.progress) != nil)
        #expect(database.settings().values["learner"] as? String == "Ada")
        #expect(try database.document(.exercises) == nil, "a damaged file is not imported")

        let notices = database.takeNotices()
        #expect(notices.contains { $0.contains("migrated-20270115-080000") }, "\(notices)")
        #expect(notices.contains { $0.contains("1 damaged line(s) of attempts.jsonl") }, "\(notices)")
        #expect(notices.contains { $0.contains("exercises.json could not be read") }, "\(notices)")
        let kept = home.root.appendingPathComponent("migrated-20270115-080000")
        for file in ["attempts.jsonl", "exams/history.jsonl", "exams/paused-exam-2.json", "progress.json", "settings.json", "exercises.json"] {
            #expect(FileManager.default.fileExists(atPath: kept.appendingPathComponent(file).path), "\(file) kept")
            #expect(!FileManager.default.fileExists(atPath: home.root.appendingPathComponent(file).path), "\(file) no longer read")
        }
    }

    @Test("Killed before the files were moved: the next start imports again and nothing doubles")
    func idempotent() throws {
        let dir = try TemporaryDirectory()
        let home = try Self.legacyFolder(dir)
        let copy = dir.url.appendingPathComponent("copy")
        try FileManager.default.copyItem(at: home.root, to: copy)
        let first = LearnerDatabase(home: home, now: { Self.now })
        let before = try first.attempts()
        // The files come back as they were (the kill came between the commit and the moves).
        for name in try FileManager.default.contentsOfDirectory(atPath: copy.path) {
            let target = home.root.appendingPathComponent(name)
            if name == "exams" {
                for file in try FileManager.default.contentsOfDirectory(atPath: copy.appendingPathComponent(name).path) {
                    try? FileManager.default.removeItem(at: target.appendingPathComponent(file))
                    try FileManager.default.copyItem(at: copy.appendingPathComponent("exams/\(file)"), to: target.appendingPathComponent(file))
                }
            } else {
                try FileManager.default.copyItem(at: copy.appendingPathComponent(name), to: target)
            }
        }
        let second = LearnerDatabase(home: home, now: { Self.now.addingTimeInterval(60) })
        #expect(try second.attempts() == before)
        #expect(try second.exams().count == 1)
        #expect(try second.pausedExams().count == 1)
        #expect(try second.document(.progress)?.revision == 1)
    }

    @Test("Killed mid-import (the transaction never committed): nothing is half there, the files are untouched")
    func rolledBack() throws {
        let dir = try TemporaryDirectory()
        let home = try Self.legacyFolder(dir)
        let original = try Data(contentsOf: home.root.appendingPathComponent("attempts.jsonl"))
        // The schema exists, the import fails inside its transaction (a row the table refuses).
        let database = LearnerDatabase(home: home)
        _ = try database.read { _ in }  // opens and imports
        try database.write { db in try db.execute(sql: "DELETE FROM attempt; DELETE FROM exam; DELETE FROM paused_exam; DELETE FROM document; DELETE FROM legacy_file") }
        let kept = try #require(try FileManager.default.contentsOfDirectory(atPath: home.root.path).first { $0.hasPrefix("migrated-") })
        for file in ["attempts.jsonl", "progress.json"] {
            try FileManager.default.copyItem(at: home.root.appendingPathComponent(kept).appendingPathComponent(file), to: home.root.appendingPathComponent(file))
        }
        try database.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse BEFORE INSERT ON document BEGIN SELECT RAISE(ABORT, 'simulated kill'); END")
        }
        #expect(throws: (any Error).self) { try LegacyImport(home: home, now: Self.now).run(try database.queue()) }
        #expect(try database.attempts().isEmpty, "the attempts inserted before the failure were rolled back")
        #expect(try Data(contentsOf: home.root.appendingPathComponent("attempts.jsonl")) == original, "the file stays where it was")
        try database.write { db in try db.execute(sql: "DROP TRIGGER refuse") }
        _ = try LegacyImport(home: home, now: Self.now.addingTimeInterval(1)).run(try database.queue())
        #expect(try database.attempts().count == 4)
    }

    @Test("A legacy file written after the import (an older tutor on the folder) adds only what is new, and is said")
    func lateFile() throws {
        let dir = try TemporaryDirectory()
        let home = try Self.legacyFolder(dir)
        let database = LearnerDatabase(home: home, now: { Self.now })
        #expect(try database.attempts().count == 4)
        try dir.write("data/attempts.jsonl", #"{"id":"p1","session":"run","mode":"practice","question":"q1"}"# + "\n"
                      + #"{"id":"p9","session":"run2","mode":"practice","question":"q9"}"# + "\n")
        let later = LearnerDatabase(home: home, now: { Self.now.addingTimeInterval(5) })
        #expect(try later.attempts().map(\.key).suffix(1) == ["id:p9"])
        #expect(try later.attempts().count == 5)
        #expect(later.takeNotices().contains { $0.contains("turned up again") && $0.contains("what was new in them was added") })
    }
}
