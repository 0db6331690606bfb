import Foundation
import GRDB
import TutorSupport

/// The names of the documents the tutor keeps (one JSON value each).
package enum LearnerDocument: String, Sendable, CaseIterable {
    /// Lesson progress (Curriculum's `LearnerProgress`).
    case progress
    /// Exercise progress (Exercises' `ExerciseProgress`).
    case exercises
    /// A JSON object of settings: the learner's name, the review retention.
    case settings
    /// The review schedule (SpacedRepetition's `ReviewSchedule`), a cache rebuilt from the attempts.
    case reviewSchedule = "review-schedule"
}

extension LearnerDatabase {
    /// A document's content and revision, nil if it was never written.
    package func document(_ name: LearnerDocument) throws(FileError) -> (content: Data, revision: Int)? {
        try read { db in try Self.document(name, db) }
    }

    static func document(_ name: LearnerDocument, _ db: Database) throws -> (content: Data, revision: Int)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT content, revision FROM document WHERE name = ?", arguments: [name.rawValue]) else { return nil }
        return (Data((row["content"] as String).utf8), row["revision"])
    }

    /// Reads the document, lets `change` give the new content (nil: leave it as it is), and
    /// writes it, all in one transaction: another tutor's write cannot slip in between, so a
    /// merge made in `change` sees everything saved before it. Returns the new revision.
    @discardableResult
    package func updateDocument(_ name: LearnerDocument, _ change: ((content: Data, revision: Int)?) throws -> Data?) throws(FileError) -> Int? {
        try write { db in
            let current = try Self.document(name, db)
            guard let content = try change(current) else { return current?.revision }
            let revision = (current?.revision ?? 0) + 1
            try db.execute(sql: "INSERT INTO document (name, content, revision) VALUES (?, ?, ?) "
                           + "ON CONFLICT(name) DO UPDATE SET content = excluded.content, revision = excluded.revision",
                           arguments: [name.rawValue, String(decoding: content, as: UTF8.self), revision])
            return revision
        }
    }

    /// Removes a document (a cache that is rebuilt, such as the review schedule).
    package func removeDocument(_ name: LearnerDocument) throws(FileError) {
        try write { db in try db.execute(sql: "DELETE FROM document WHERE name = ?", arguments: [name.rawValue]) }
    }

    /// Moves a document that cannot be read into `set_aside` (kept, never deleted) so a new one
    /// can be started; returns the sentence for the learner. `what` names it ("lesson progress").
    package func setAsideDocument(_ name: LearnerDocument, what: String, reason: String, time: Date = Date()) throws(FileError) -> String {
        try write { db in
            guard let content = try String.fetchOne(db, sql: "SELECT content FROM document WHERE name = ?", arguments: [name.rawValue]) else { return "" }
            try db.execute(sql: "INSERT INTO set_aside (kind, name, reason, content, time) VALUES ('document', ?, ?, ?, ?)",
                           arguments: [name.rawValue, reason, content, time.timeIntervalSince1970])
            try db.execute(sql: "DELETE FROM document WHERE name = ?", arguments: [name.rawValue])
            return "\(what) in \(url.path) could not be read (\(reason)); it was set aside (table set_aside, kept, not deleted) and a new one is started"
        }
    }

    // MARK: - Paused exams

    /// Saves an exam in progress. Returns false, saving nothing, when the exam was already
    /// recorded meanwhile (by another tutor): it must not come back as resumable.
    package func savePaused(id: String, state: Data) throws(FileError) -> Bool {
        try write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM exam WHERE id = ?", arguments: [id]) == nil else { return false }
            try db.execute(sql: "INSERT INTO paused_exam (id, state) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET state = excluded.state",
                           arguments: [id, String(decoding: state, as: UTF8.self)])
            return true
        }
    }

    /// Every paused exam's state, with whether the exam is already recorded (a state left by an
    /// import from a folder where a submit was cut short).
    package func pausedExams() throws(FileError) -> [(id: String, state: Data, recorded: Bool)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.id, p.state, e.id IS NOT NULL AS recorded FROM paused_exam p LEFT JOIN exam e ON e.id = p.id ORDER BY p.id
                """).map { row in (row["id"], Data((row["state"] as String).utf8), row["recorded"]) }
        }
    }

    package func removePaused(id: String) throws(FileError) {
        try write { db in try db.execute(sql: "DELETE FROM paused_exam WHERE id = ?", arguments: [id]) }
    }

    /// Moves a paused exam that cannot be resumed into `set_aside` (kept, never deleted), in one
    /// transaction. Returns a sentence naming where it went.
    package func setAsidePaused(id: String, reason: String, time: Date = Date()) throws(FileError) -> String {
        try write { db in
            guard let state = try String.fetchOne(db, sql: "SELECT state FROM paused_exam WHERE id = ?", arguments: [id]) else { return "" }
            try db.execute(sql: "INSERT INTO set_aside (kind, name, reason, content, time) VALUES ('paused_exam', ?, ?, ?, ?)",
                           arguments: [id, reason, state, time.timeIntervalSince1970])
            try db.execute(sql: "DELETE FROM paused_exam WHERE id = ?", arguments: [id])
            return "the paused exam \(id) \(reason); it was set aside (table set_aside of \(url.lastPathComponent), kept, not deleted)"
        }
    }

    /// What was set aside, oldest first (kind, name, reason).
    package func setAside() throws(FileError) -> [(kind: String, name: String, reason: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT kind, name, reason FROM set_aside ORDER BY seq").map { ($0["kind"], $0["name"], $0["reason"]) }
        }
    }
}
