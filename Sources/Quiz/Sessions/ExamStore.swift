import Foundation
import LearnerStore
import TutorSupport

/// Paused and recorded exams, in the learner database (``LearnerDatabase``).
///
/// Submitting is one transaction: the exam's row (its id is the key: an exam is recorded once),
/// its answers and its summary go in, and its paused state goes out, together or not at all. A
/// tutor killed at any moment leaves the exam either recorded once or still resumable, and a
/// second tutor that submits or saves an exam already recorded is told so and changes nothing.
///
/// A paused exam that does not hold together (see ``ExamState/inconsistency``) is set aside
/// (kept in the database's `set_aside` table) and reported, never deleted.
package struct ExamStore: Sendable {
    /// The attempt log the exams are submitted to (same database).
    package let log: AttemptLog
    package var database: LearnerDatabase { log.database }

    package init(database: LearnerDatabase) {
        log = AttemptLog(database: database)
    }

    package init(home: DataHome) {
        self.init(database: LearnerDatabase(home: home))
    }

    /// Why a save or submit changed nothing: the exam was recorded by another tutor meanwhile.
    package static func alreadyRecorded(_ id: String, _ url: URL) -> FileError {
        FileError(path: url.path, message: alreadyRecordedMessage)
    }

    static let alreadyRecordedMessage = "this exam was already recorded by another lambda-tutor on this data folder; it counts once, and this copy was not saved"

    /// True for the error of ``alreadyRecorded(_:_:)``: nothing to retry.
    package static func isAlreadyRecorded(_ error: FileError) -> Bool { error.message == alreadyRecordedMessage }

    /// Saves the exam in progress (after every answer and on pause). Throws
    /// ``alreadyRecorded(_:_:)`` when another tutor recorded this exam meanwhile.
    package func save(_ state: ExamState) throws(FileError) {
        let data: Data
        do {
            data = try Self.encoder.encode(state)
        } catch {
            throw FileError(path: database.url.path, message: "cannot encode the exam: \(error)")
        }
        guard try database.savePaused(id: state.id, state: data) else { throw Self.alreadyRecorded(state.id, database.url) }
    }

    /// Removes a paused exam without recording it.
    package func remove(id: String) {
        try? database.removePaused(id: id)
    }

    /// Records a finished exam in one transaction: its answers, its summary, and the removal of
    /// its paused state. `stamp` adds what the caller knows (the learner's name) to each record.
    /// Throws ``alreadyRecorded(_:_:)`` when the exam was recorded before (by another tutor).
    package func submit(_ result: ExamResult, stamp: (inout AttemptRecord) -> Void = { _ in }) throws(FileError) {
        let records = Self.batch(result.records.map { record in
            var copy = record
            stamp(&copy)
            return copy
        })
        let summary: Data
        do {
            summary = try Self.encoder.encode(result.summary)
        } catch {
            throw FileError(path: database.url.path, message: "cannot encode the exam summary: \(error)")
        }
        guard try database.recordExam(id: result.examID, outcome: .submitted, summary: summary, attempts: try records.map(AttemptLog.stored)) else {
            throw Self.alreadyRecorded(result.examID, database.url)
        }
    }

    /// Records the answered questions of an abandoned exam (no score, no summary), in one
    /// transaction with the removal of its paused state.
    package func abandon(_ result: ExamResult, stamp: (inout AttemptRecord) -> Void = { _ in }) throws(FileError) {
        let records = Self.batch(result.records.filter { $0.answer != nil }.map { record in
            var copy = record
            copy.abandoned = true
            stamp(&copy)
            return copy
        })
        guard try database.recordExam(id: result.examID, outcome: .abandoned, summary: nil, attempts: try records.map(AttemptLog.stored)) else {
            throw Self.alreadyRecorded(result.examID, database.url)
        }
    }

    /// Marks the records of one submit as one batch (id and count), as the attempt files did:
    /// exported results keep the same fields.
    static func batch(_ records: [AttemptRecord]) -> [AttemptRecord] {
        let id = UUID().uuidString.lowercased()
        return records.map { record in
            var copy = record
            copy.batch = id
            copy.batchCount = records.count
            return copy
        }
    }

    /// Completed (submitted) exams, oldest first, each once.
    package func completed() -> [ExamSummary] {
        ((try? database.exams()) ?? []).compactMap { exam in
            guard exam.outcome == .submitted, let summary = exam.summary else { return nil }
            return try? Self.decoder.decode(ExamSummary.self, from: summary)
        }
    }

    /// Paused exams, most recently paused first, and one message per exam set aside.
    ///
    /// A paused state whose exam is already recorded (imported from a folder where an older
    /// tutor was stopped between its answers and the removal of its paused file) is not
    /// offered again: its summary is filled in if missing and the state removed.
    package func paused() -> (exams: [ExamState], warnings: [String]) {
        let rows: [(id: String, state: Data, recorded: Bool)]
        do {
            rows = try database.pausedExams()
        } catch {
            return ([], ["paused exams could not be read: \(error.message)"])
        }
        var exams: [ExamState] = []
        var warnings: [String] = []
        for row in rows {
            guard let state = try? Self.decoder.decode(ExamState.self, from: row.state) else {
                warnings.append(setAside(row.id, because: "could not be read"))
                continue
            }
            if let problem = state.inconsistency {
                warnings.append(setAside(row.id, because: "cannot be resumed: \(problem)"))
                continue
            }
            if row.recorded {
                finishSubmit(state)
                continue
            }
            exams.append(state)
        }
        exams.sort { ($0.pausedAt ?? $0.started) > ($1.pausedAt ?? $1.started) }
        return (exams, warnings)
    }

    /// Completes a submit that was recorded but not cleaned up (older tutors' files).
    private func finishSubmit(_ state: ExamState) {
        let exam = ((try? database.exams()) ?? []).first { $0.id == state.id }
        if exam?.outcome == .submitted, exam?.summary == nil {
            let records = (try? log.read().records)?.filter { $0.session == state.id && $0.mode == .exam } ?? []
            let finished = records.map(\.time).max() ?? state.pausedAt ?? state.started
            guard let summary = try? Self.encoder.encode(ExamResult(state: state, finished: finished, timedOut: false).summary),
                  (try? database.setSummary(exam: state.id, summary)) != nil else { return }
        }
        remove(id: state.id)
    }

    private func setAside(_ id: String, because reason: String) -> String {
        do {
            return try database.setAsidePaused(id: id, reason: reason)
        } catch {
            return "the paused exam \(id) \(reason) (and it could not be set aside: \(error.message))"
        }
    }

    static var encoder: JSONEncoder { StoredJSON.encoder }
    static var decoder: JSONDecoder { StoredJSON.decoder }
}
