import Foundation
import GRDB
import TutorSupport

/// One row of the `attempt` table: the record's JSON and the columns queries need.
package struct StoredAttempt: Sendable, Hashable {
    /// The attempt's id, or for an imported record without one a hash of its line: the
    /// uniqueness key that makes a repeated write or import a no-op.
    package var key: String
    package var session: String
    package var mode: String
    package var question: String
    /// The record as JSON (what the attempt log's lines held).
    package var record: Data

    package init(key: String, session: String, mode: String, question: String, record: Data) {
        self.key = key
        self.session = session
        self.mode = mode
        self.question = question
        self.record = record
    }
}

/// One row of the `exam` table.
package struct StoredExam: Sendable, Hashable {
    package enum Outcome: String, Sendable { case submitted, abandoned }
    package var id: String
    package var outcome: Outcome
    package var summary: Data?
}

extension LearnerDatabase {
    /// Adds answers in one transaction; one already recorded (same key) is left as it is.
    package func append(_ attempts: [StoredAttempt]) throws(FileError) {
        guard !attempts.isEmpty else { return }
        try write { db in try Self.insert(attempts, db) }
    }

    static func insert(_ attempts: [StoredAttempt], _ db: Database) throws {
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO attempt (key, session, mode, question, record) VALUES (?, ?, ?, ?, ?)")
        for attempt in attempts {
            try statement.execute(arguments: [attempt.key, attempt.session, attempt.mode, attempt.question,
                                              String(decoding: attempt.record, as: UTF8.self)])
        }
    }

    /// Every attempt, in the order recorded.
    package func attempts() throws(FileError) -> [StoredAttempt] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT key, session, mode, question, record FROM attempt ORDER BY seq").map { row in
                StoredAttempt(key: row["key"], session: row["session"], mode: row["mode"], question: row["question"],
                              record: Data((row["record"] as String).utf8))
            }
        }
    }

    /// Records a finished exam as one transaction: the exam row, its answers, and the removal
    /// of its paused state commit together. Returns false, and changes nothing, when the exam
    /// was already recorded (a second tutor submitted it, or the learner submits again after a
    /// kill that happened after the commit): an exam counts once.
    package func recordExam(id: String, outcome: StoredExam.Outcome, summary: Data?, attempts: [StoredAttempt]) throws(FileError) -> Bool {
        try write { db in try Self.recordExam(id: id, outcome: outcome, summary: summary, attempts: attempts, db) }
    }

    static func recordExam(id: String, outcome: StoredExam.Outcome, summary: Data?, attempts: [StoredAttempt], _ db: Database) throws -> Bool {
        guard try Int.fetchOne(db, sql: "SELECT 1 FROM exam WHERE id = ?", arguments: [id]) == nil else { return false }
        let next = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) + 1 FROM exam") ?? 1
        try db.execute(sql: "INSERT INTO exam (id, outcome, summary, seq) VALUES (?, ?, ?, ?)",
                       arguments: [id, outcome.rawValue, summary.map { String(decoding: $0, as: UTF8.self) }, next])
        try insert(attempts, db)
        try db.execute(sql: "DELETE FROM paused_exam WHERE id = ?", arguments: [id])
        return true
    }

    /// Fills in the summary of a submitted exam recorded without one (imported from a folder
    /// where the tutor was killed between an exam's answers and its history line).
    package func setSummary(exam id: String, _ summary: Data) throws(FileError) {
        try write { db in
            try db.execute(sql: "UPDATE exam SET summary = ? WHERE id = ? AND summary IS NULL",
                           arguments: [String(decoding: summary, as: UTF8.self), id])
        }
    }

    /// Every recorded exam, in the order recorded.
    package func exams() throws(FileError) -> [StoredExam] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, outcome, summary FROM exam ORDER BY seq").map { row in
                StoredExam(id: row["id"], outcome: StoredExam.Outcome(rawValue: row["outcome"]) ?? .submitted,
                           summary: (row["summary"] as String?).map { Data($0.utf8) })
            }
        }
    }

    /// Replaces the question id of attempts recorded under an old id (a key of `map`) by the new
    /// one, in the column and in the record (`rewrite` gives the record's JSON with the new id;
    /// the quiz engine owns that format). Returns how many attempts changed. One transaction.
    package func renameQuestions(_ map: [String: String], rewrite: (Data, String) -> Data?) throws(FileError) -> Int {
        guard !map.isEmpty else { return 0 }
        return try write { db in
            var changed = 0
            for (old, new) in map.sorted(by: { $0.key < $1.key }) where old != new {
                let rows = try Row.fetchAll(db, sql: "SELECT seq, record FROM attempt WHERE question = ?", arguments: [old])
                for row in rows {
                    let text: String = row["record"]
                    guard let data = rewrite(Data(text.utf8), new) else { continue }
                    try db.execute(sql: "UPDATE attempt SET question = ?, record = ? WHERE seq = ?",
                                   arguments: [new, String(decoding: data, as: UTF8.self), row["seq"] as Int64])
                    changed += 1
                }
            }
            if changed > 0 {
                // The schedule's cards are keyed by question: rebuilt from the attempts on next use.
                try db.execute(sql: "DELETE FROM document WHERE name = ?", arguments: [LearnerDocument.reviewSchedule.rawValue])
            }
            return changed
        }
    }
}
