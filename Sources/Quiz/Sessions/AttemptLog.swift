import Foundation
import TutorSupport

/// The learner's attempt log: `attempts.jsonl` in the data folder, one ``AttemptRecord`` per
/// line, fsynced per write (see `JSONLinesLog`). A damaged line is skipped with a warning and
/// kept in the file; the log is never truncated or rewritten.
///
/// This is the one place that writes an exam's answers (``appendBatch(_:)``) and the one place
/// that reads attempts back (``read()``), so that the rule "a submitted exam counts once" lives
/// here and nowhere else: a batch (every record of one submit, written in one write) counts
/// only when all its records are present, and only the first complete batch of an exam counts
/// — a submit repeated after a kill (the paused file had not been removed yet) is refused.
/// A later move to one SQLite database replaces these two methods by one transaction and one
/// query, and nothing above them changes.
public struct AttemptLog: Sendable {
    private let log: JSONLinesLog<AttemptRecord>

    public var url: URL { log.url }

    public init(url: URL) {
        log = JSONLinesLog(url: url)
    }

    public init(home: DataHome) {
        self.init(url: home.attemptLog)
    }

    /// Appends answers one by one (practice, lessons, review: each is its own step).
    public func append(_ record: AttemptRecord) throws(FileError) {
        try log.append(record)
    }

    public func append(_ records: [AttemptRecord]) throws(FileError) {
        for record in records { try log.append(record) }
    }

    /// Appends the records of one exam submit (or abandon) as one atomic step: each carries
    /// the batch id and count, and all are written with one write and one fsync. Returns the
    /// records as written.
    @discardableResult
    public func appendBatch(_ records: [AttemptRecord], id: String = UUID().uuidString.lowercased()) throws(FileError) -> [AttemptRecord] {
        let stamped = records.map { record in
            var copy = record
            copy.batch = id
            copy.batchCount = records.count
            return copy
        }
        try log.append(contentsOf: stamped)
        return stamped
    }

    /// Every record that counts, oldest first, and one warning per damaged line or incomplete
    /// batch. Records of an incomplete batch (a submit cut short) and of a second batch for the
    /// same exam are left out.
    public func read() throws(FileError) -> (records: [AttemptRecord], warnings: [Diagnostic]) {
        let result = try log.read()
        let (records, incomplete) = Self.counted(result.records)
        var warnings = result.skipped
        if incomplete > 0 {
            warnings.append(.warning(url.path, line: 1, column: 1,
                                     "left out \(incomplete) exam submit(s) cut short before all answers were written (they are kept in the file; the exam can still be resumed)"))
        }
        return (records, warnings)
    }

    /// The ids of exams whose answers were written completely (submitted or abandoned).
    public func committedExams() -> Set<String> {
        guard let records = try? read().records else { return [] }
        return Set(records.filter { $0.mode == .exam && $0.batch != nil }.map(\.session))
    }

    /// Applies the batch rule: complete batches only, the first per session.
    static func counted(_ records: [AttemptRecord]) -> (records: [AttemptRecord], incomplete: Int) {
        var sizes: [String: Int] = [:]
        for record in records {
            if let batch = record.batch { sizes[batch, default: 0] += 1 }
        }
        var sessionBatch: [String: String] = [:]
        var incomplete = Set<String>()  // sessions
        var kept: [AttemptRecord] = []
        for record in records {
            guard let batch = record.batch else {
                kept.append(record)
                continue
            }
            guard sizes[batch] == record.batchCount else {
                incomplete.insert(record.session)
                continue
            }
            let owner = sessionBatch[record.session] ?? batch
            sessionBatch[record.session] = owner
            if owner == batch { kept.append(record) }
        }
        // A submit cut short and then made again is not worth a warning.
        return (kept, incomplete.subtracting(sessionBatch.keys).count)
    }
}
