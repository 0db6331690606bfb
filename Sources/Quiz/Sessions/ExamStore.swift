import Foundation
import TutorSupport

/// Paused exams and the exam history, in the learner's `exams/` folder.
///
/// Each paused exam is one JSON file written atomically (temp file, fsync, rename), so a crash
/// mid-save leaves the previous save. A file that cannot be read is moved aside and reported,
/// never deleted.
public struct ExamStore: Sendable {
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    public init(home: DataHome) {
        self.init(folder: home.examsFolder)
    }

    /// Completed exams, one ``ExamSummary`` per line.
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

    /// Paused exams, most recently paused first, and one message per damaged file moved aside.
    public func paused() -> (exams: [ExamState], warnings: [String]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return ([], []) }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var exams: [ExamState] = []
        var warnings: [String] = []
        for name in names.sorted() where name.hasPrefix("paused-") && name.hasSuffix(".json") {
            let url = folder.appendingPathComponent(name)
            do {
                exams.append(try decoder.decode(ExamState.self, from: Data(contentsOf: url)))
            } catch {
                do {
                    let moved = try AtomicFile.quarantine(url)
                    warnings.append("\(url.path): could not read this paused exam; moved it to \(moved.lastPathComponent)")
                } catch {
                    warnings.append("\(url.path): could not read this paused exam (\(error.message))")
                }
            }
        }
        exams.sort { ($0.pausedAt ?? $0.started) > ($1.pausedAt ?? $1.started) }
        return (exams, warnings)
    }
}
