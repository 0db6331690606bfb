import Foundation
import TutorSupport

/// Loads and saves ``LearnerProgress`` durably.
///
/// Saves are atomic (temp file, fsync, rename). A file that cannot be read is moved aside and
/// reported, never silently replaced: the learner's history stays recoverable.
public struct ProgressStore: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    public struct Loaded: Sendable {
        public var progress: LearnerProgress
        /// Set when the file was damaged: what happened, in a sentence for the learner.
        public var notice: String?
    }

    public func load() -> Loaded {
        guard FileManager.default.fileExists(atPath: url.path) else {
            return Loaded(progress: LearnerProgress())
        }
        do {
            let data = try Data(contentsOf: url)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let progress = try decoder.decode(LearnerProgress.self, from: data)
            if progress.version > LearnerProgress.currentVersion {
                return Loaded(progress: LearnerProgress(),
                              notice: "\(url.path) was written by a newer lambda-tutor (format \(progress.version)); it is left untouched and progress is not saved this session")
            }
            return Loaded(progress: progress)
        } catch {
            let reason = JSONFile.describe(error)
            do {
                let moved = try AtomicFile.quarantine(url)
                return Loaded(progress: LearnerProgress(),
                              notice: "progress file \(url.path) could not be read (\(reason)); it was moved to \(moved.path) and a new one is started")
            } catch {
                return Loaded(progress: LearnerProgress(),
                              notice: "progress file \(url.path) could not be read (\(reason)) nor moved aside (\(error)); progress will not be saved this session")
            }
        }
    }

    /// What ``saveMerging(_:base:lock:)`` wrote and whether another tutor's changes were in it.
    public struct Saved: Sendable {
        public var progress: LearnerProgress
        public var mergedOtherChanges: Bool
    }

    /// Saves `progress` under the data folder's lock. If the file changed since `base` was read
    /// (another tutor saved), the two are merged (``LearnerProgress/merged(base:disk:)``), so
    /// neither tutor's work is lost; the result, which becomes the new base, is returned.
    public func saveMerging(_ progress: LearnerProgress, base: LearnerProgress, lock: DataFolderLock,
                            waiting: () -> Void = {}) throws(FileError) -> Saved {
        try lock.withLock(waiting: waiting) { () throws(FileError) -> Saved in
            let existed = FileManager.default.fileExists(atPath: url.path)
            let disk = load()
            if let notice = disk.notice, FileManager.default.fileExists(atPath: url.path) {
                throw FileError(path: url.path, message: notice)  // a newer tutor's file: leave it alone
            }
            // No file, or a damaged one just moved aside: this tutor's copy is the best there is.
            guard existed, disk.notice == nil, disk.progress != base else {
                return Saved(progress: try saveAndReread(progress), mergedOtherChanges: false)
            }
            let merged = progress.merged(base: base, disk: disk.progress)
            return Saved(progress: try saveAndReread(merged), mergedOtherChanges: merged != progress)
        }
    }

    /// Saves, and returns the progress as the file now holds it (dates to the second), so the
    /// next merge compares like with like: an unchanged lesson must compare equal to the file's.
    private func saveAndReread(_ progress: LearnerProgress) throws(FileError) -> LearnerProgress {
        try save(progress)
        return load().progress
    }

    public func save(_ progress: LearnerProgress) throws(FileError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let data: Data
        do {
            data = try encoder.encode(progress)
        } catch {
            throw FileError(path: url.path, message: "cannot encode progress: \(error)")
        }
        try AtomicFile.write(data, to: url)
    }
}
