import Foundation
import TutorSupport

/// Paused exams and the exam history, in the learner's `exams/` folder.
///
/// Each paused exam is one JSON file written atomically (temp file, fsync, rename), so a crash
/// mid-save leaves the previous save. A file that cannot be read, or that reads but does not
/// hold together (see ``ExamState/inconsistency``), is moved aside and reported, never deleted.
///
/// Submitting is one step: the exam's answers go into the attempt log as one batch (the commit
/// point, see ``AttemptLog``); the history line and the removal of the paused file follow, and
/// if the tutor is killed between them, the next look at the paused exams finishes the job
/// instead of offering the exam again.
public struct ExamStore: Sendable {
    public let folder: URL
    /// The attempt log the exams are submitted to.
    public let log: AttemptLog

    public init(folder: URL, log: AttemptLog) {
        self.folder = folder
        self.log = log
    }

    public init(home: DataHome) {
        self.init(folder: home.examsFolder, log: AttemptLog(home: home))
    }

    /// Completed exams, one ``ExamSummary`` per line. Read through ``completed()``.
    public var history: JSONLinesLog<ExamSummary> {
        JSONLinesLog(url: folder.appendingPathComponent("history.jsonl"))
    }

    func file(for id: String) -> URL {
        folder.appendingPathComponent("paused-\(id).json")
    }

    public func save(_ state: ExamState) throws(FileError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let data: Data
        do {
            data = try encoder.encode(state)
        } catch {
            throw FileError(path: file(for: state.id).path, message: "cannot encode the exam: \(error)")
        }
        try AtomicFile.write(data, to: file(for: state.id))
    }

    /// Removes a paused exam (after it was submitted or abandoned).
    public func remove(id: String) {
        try? FileManager.default.removeItem(at: file(for: id))
    }

    /// Records a finished exam: its answers as one batch, then its summary, then the paused
    /// file goes. `stamp` adds what the caller knows (the learner's name) to each record.
    public func submit(_ result: ExamResult, stamp: (inout AttemptRecord) -> Void = { _ in }) throws(FileError) {
        let records = result.records.map { record in
            var copy = record
            stamp(&copy)
            return copy
        }
        try log.appendBatch(records)
        try history.append(result.summary)
        remove(id: result.examID)
    }

    /// Records the answered questions of an abandoned exam (no score, no summary) as one batch.
    public func abandon(_ result: ExamResult, stamp: (inout AttemptRecord) -> Void = { _ in }) throws(FileError) {
        let records = result.records.filter { $0.answer != nil }.map { record in
            var copy = record
            copy.abandoned = true
            stamp(&copy)
            return copy
        }
        if !records.isEmpty { try log.appendBatch(records) }
        remove(id: result.examID)
    }

    /// Completed exams, oldest first, each once (a summary written again by a repeated submit
    /// is left out).
    public func completed() -> [ExamSummary] {
        var seen = Set<String>()
        return ((try? history.read().records) ?? []).filter { seen.insert($0.examID).inserted }
    }

    /// Paused exams, most recently paused first, and one message per file moved aside.
    ///
    /// An exam whose answers are already in the attempt log (the tutor was stopped between the
    /// commit and the removal of its paused file) is not offered again: its summary is written
    /// if missing and the file removed.
    public func paused() -> (exams: [ExamState], warnings: [String]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return ([], []) }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var exams: [ExamState] = []
        var warnings: [String] = []
        var committed: Set<String>?
        for name in names.sorted() where name.hasPrefix("paused-") && name.hasSuffix(".json") {
            let url = folder.appendingPathComponent(name)
            let state: ExamState
            do {
                state = try decoder.decode(ExamState.self, from: Data(contentsOf: url))
            } catch {
                warnings.append(moveAside(url, because: "could not read this paused exam"))
                continue
            }
            if let problem = state.inconsistency {
                warnings.append(moveAside(url, because: "this paused exam cannot be resumed: \(problem)"))
                continue
            }
            committed = committed ?? log.committedExams()
            if committed?.contains(state.id) == true {
                finishSubmit(state, file: url)
                continue
            }
            exams.append(state)
        }
        exams.sort { ($0.pausedAt ?? $0.started) > ($1.pausedAt ?? $1.started) }
        return (exams, warnings)
    }

    /// Completes a submit that was committed but not cleaned up.
    private func finishSubmit(_ state: ExamState, file url: URL) {
        let records = (try? log.read().records)?.filter { $0.session == state.id && $0.mode == .exam } ?? []
        let abandoned = records.contains { $0.abandoned == true }
        if !abandoned, !completed().contains(where: { $0.examID == state.id }) {
            let finished = records.map(\.time).max() ?? state.pausedAt ?? state.started
            guard (try? history.append(ExamResult(state: state, finished: finished, timedOut: false).summary)) != nil else { return }
        }
        try? FileManager.default.removeItem(at: url)
    }

    private func moveAside(_ url: URL, because reason: String) -> String {
        do {
            let moved = try AtomicFile.quarantine(url)
            return "\(url.path): \(reason); it was moved to \(moved.lastPathComponent)"
        } catch {
            return "\(url.path): \(reason) (and it could not be moved aside: \(error.message))"
        }
    }
}
