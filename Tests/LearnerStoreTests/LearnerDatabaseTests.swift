import Foundation
import Testing
import TestSupport
import TutorSupport
@testable import LearnerStore
import GRDB

@Suite("Learner database")
struct LearnerDatabaseTests {
    static func attempt(_ key: String, session: String = "s", mode: String = "practice", question: String = "q") -> StoredAttempt {
        StoredAttempt(key: key, session: session, mode: mode, question: question,
                      record: Data(#"{"id":"\#(key)","question":"\#(question)","session":"\#(session)","mode":"\#(mode)"}"#.utf8))
    }

    @Test("The file is created owner-only, in WAL mode, and opened only on first use")
    func createdPrivate() throws {
        let dir = try TemporaryDirectory()
        let home = DataHome(root: dir.url.appendingPathComponent("data"))
        let database = LearnerDatabase(home: home)
        #expect(!database.isOpen)
        #expect(!FileManager.default.fileExists(atPath: home.learnerDatabase.path))
        try database.append([Self.attempt("a")])
        #expect(database.isOpen)
        for path in [home.learnerDatabase.path, home.learnerDatabase.path + "-wal"] {
            let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            #expect(mode & 0o077 == 0, "\(path) is \(String(mode, radix: 8))")
        }
        let journal = try database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    @Test("A link planted in place of the database is refused, not followed")
    func linkRefused() throws {
        let dir = try TemporaryDirectory()
        let home = DataHome(root: dir.url.appendingPathComponent("data"))
        try home.ensureExists()
        let target = try dir.write("elsewhere", "x")
        try FileManager.default.createSymbolicLink(at: home.learnerDatabase, withDestinationURL: target)
        #expect(throws: FileError.self) { try LearnerDatabase(home: home).append([Self.attempt("a")]) }
        #expect(try String(contentsOf: target, encoding: .utf8) == "x")
    }

    @Test("An exam is recorded once: a second record of the same id changes nothing")
    func examOnce() throws {
        let dir = try TemporaryDirectory()
        let home = DataHome(root: dir.url)
        let first = LearnerDatabase(home: home), second = LearnerDatabase(home: home)
        #expect(try first.savePaused(id: "e1", state: Data("{}".utf8)))
        #expect(try first.recordExam(id: "e1", outcome: .submitted, summary: Data("{}".utf8), attempts: [Self.attempt("a", session: "e1", mode: "exam")]))
        // Another tutor (its own connection) submits its copy of the same exam, then saves it.
        #expect(try second.recordExam(id: "e1", outcome: .submitted, summary: nil, attempts: [Self.attempt("b", session: "e1", mode: "exam")]) == false)
        #expect(try second.savePaused(id: "e1", state: Data("{}".utf8)) == false)
        #expect(try first.attempts().map(\.key) == ["a"])
        #expect(try first.exams().count == 1)
        #expect(try first.pausedExams().isEmpty)
    }

    @Test("A document update sees the other connection's write (one transaction per read-modify-write)")
    func documentUpdates() throws {
        let dir = try TemporaryDirectory()
        let home = DataHome(root: dir.url)
        let first = LearnerDatabase(home: home), second = LearnerDatabase(home: home)
        try first.setSetting("learner", to: "Ada")
        try second.setSetting("reviewDesiredRetention", to: 0.85)
        let values = first.settings().values
        #expect(values["learner"] as? String == "Ada")
        #expect(values["reviewDesiredRetention"] as? Double == 0.85)
        #expect(try first.document(.settings)?.revision == 2)
    }

    @Test("A damaged database is moved aside as …damaged-…, reported, and a new one started")
    func damaged() throws {
        let dir = try TemporaryDirectory()
        let home = DataHome(root: dir.url)
        try LearnerDatabase(home: home).append([Self.attempt("a")])
        // Overwrite the middle of the file: the header stays, the pages are garbage.
        let handle = try FileHandle(forWritingTo: home.learnerDatabase)
        try handle.seek(toOffset: 100)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 8000))
        try handle.close()
        let garbage = try Data(contentsOf: home.learnerDatabase)

        let reopened = LearnerDatabase(home: home, now: { Date(timeIntervalSince1970: 1_800_000_000) })
        #expect(try reopened.attempts().isEmpty)
        let notices = reopened.takeNotices()
        #expect(notices.count == 1)
        #expect(notices.first?.contains("learner.sqlite.damaged-20270115-080000") == true, "\(notices)")
        let moved = dir.url.appendingPathComponent("learner.sqlite.damaged-20270115-080000")
        #expect(try Data(contentsOf: moved) == garbage, "the damaged file is kept as it was")
    }

    @Test("A file that is not a database at all is moved aside too")
    func notADatabase() throws {
        let dir = try TemporaryDirectory()
        let home = DataHome(root: dir.url)
        try "this is not SQLite, it is a text file that is long enough to have a header and then some".write(to: home.learnerDatabase, atomically: true, encoding: .utf8)
        let database = LearnerDatabase(home: home)
        try database.append([Self.attempt("a")])
        #expect(database.takeNotices().contains { $0.contains("damaged") })
        #expect(try database.attempts().count == 1)
    }
}
