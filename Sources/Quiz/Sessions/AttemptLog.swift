import Foundation
import LearnerStore
import TutorSupport

/// The learner's attempts: the `attempt` table of the learner database (``LearnerDatabase``),
/// one ``AttemptRecord`` per row, kept as the JSON the tutor always wrote for it.
///
/// This is the one place that writes answers and reads them back. An exam's answers are not
/// written here but by ``ExamStore/submit(_:stamp:)``, in the transaction that records the exam
/// (so a submit counts once); everything else is appended answer by answer. A row that no
/// longer decodes is skipped with a warning and kept.
package struct AttemptLog: Sendable {
    package let database: LearnerDatabase

    /// The database file (named in messages).
    package var url: URL { database.url }

    package init(database: LearnerDatabase) {
        self.database = database
    }

    /// A log on its own connection to `home`'s database (tests, tools; a tutor session shares one).
    package init(home: DataHome) {
        self.init(database: LearnerDatabase(home: home))
    }

    /// Appends answers one by one (practice, lessons, review: each is its own step).
    package func append(_ record: AttemptRecord) throws(FileError) {
        try append([record])
    }

    /// Appends several answers in one transaction.
    package func append(_ records: [AttemptRecord]) throws(FileError) {
        try database.append(try records.map(Self.stored))
    }

    /// Every record, oldest first, and one warning per row that does not decode.
    package func read() throws(FileError) -> (records: [AttemptRecord], warnings: [Diagnostic]) {
        var records: [AttemptRecord] = []
        var damaged = 0
        for row in try database.attempts() {
            if let record = try? Self.decoder.decode(AttemptRecord.self, from: row.record) {
                records.append(record)
            } else {
                damaged += 1
            }
        }
        let warnings: [Diagnostic] = damaged == 0 ? [] : [
            .warning(url.path, line: 1, column: 1, "skipped \(damaged) attempt(s) that could not be read (they are kept in the database)"),
        ]
        return (records, warnings)
    }

    /// The ids of recorded exams (submitted or abandoned).
    package func committedExams() -> Set<String> {
        Set(((try? database.exams()) ?? []).map(\.id))
    }

    /// A record as a row: its JSON as the attempt log always wrote it (sorted keys, ISO dates).
    static func stored(_ record: AttemptRecord) throws(FileError) -> StoredAttempt {
        let data: Data
        do {
            data = try encoder.encode(record)
        } catch {
            throw FileError(path: "attempt", message: "cannot encode an answer: \(error)")
        }
        return StoredAttempt(key: "id:" + record.attemptID, session: record.session, mode: record.mode.rawValue,
                             question: record.question, record: data)
    }

    /// Moves the attempts recorded under each old question id (a key of `map`, see
    /// ``QuestionIDMap``) to the new id, in one transaction; the review schedule, a cache keyed
    /// by question, is dropped with it and rebuilt on next use. Returns how many moved.
    package func renameQuestions(_ map: [String: String]) throws(FileError) -> Int {
        try database.renameQuestions(map, rewrite: Self.renamed)
    }

    /// The record's JSON with its question id replaced.
    static func renamed(_ data: Data, to question: String) -> Data? {
        guard var record = try? decoder.decode(AttemptRecord.self, from: data) else { return nil }
        record.question = question
        return try? encoder.encode(record)
    }

    static var encoder: JSONEncoder { StoredJSON.encoder }
    static var decoder: JSONDecoder { StoredJSON.decoder }
}
