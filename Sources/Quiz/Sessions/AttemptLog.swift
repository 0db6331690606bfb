import Foundation
import TutorSupport

/// The learner's attempt log: `attempts.jsonl` in the data folder, one ``AttemptRecord`` per
/// line, fsynced per record (see `JSONLinesLog`). A damaged line is skipped with a warning and
/// kept in the file; the log is never truncated or rewritten.
public struct AttemptLog: Sendable {
    private let log: JSONLinesLog<AttemptRecord>

    public var url: URL { log.url }

    public init(url: URL) {
        log = JSONLinesLog(url: url)
    }

    public init(home: DataHome) {
        self.init(url: home.attemptLog)
    }

    public func append(_ record: AttemptRecord) throws(FileError) {
        try log.append(record)
    }

    public func append(_ records: [AttemptRecord]) throws(FileError) {
        for record in records { try log.append(record) }
    }

    /// Every readable record, oldest first, and one warning per damaged line.
    public func read() throws(FileError) -> (records: [AttemptRecord], warnings: [Diagnostic]) {
        let result = try log.read()
        return (result.records, result.skipped)
    }
}
