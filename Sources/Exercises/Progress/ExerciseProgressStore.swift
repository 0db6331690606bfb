import Foundation
import TutorSupport

extension DataHome {
    /// The learner's exercise progress.
    public var exerciseProgressFile: URL { root.appendingPathComponent("exercises.json") }
}

/// Loads and saves ``ExerciseProgress`` atomically (temp file, fsync, rename). A file that
/// cannot be read is moved aside and reported, never silently reset; one written by a newer
/// tutor is left untouched and nothing is saved over it.
public struct ExerciseProgressStore: Sendable {
    public let url: URL

    public init(url: URL) { self.url = url }

    public init(home: DataHome) { self.url = home.exerciseProgressFile }

    public struct Loaded: Sendable {
        public var progress: ExerciseProgress
        public var notice: String?
        /// False when saving would overwrite something this tutor cannot read.
        public var writable: Bool
    }

    public func load() -> Loaded {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let loaded = JSONFile.load(ExerciseProgress.self, from: url, what: "exercise progress", decoder: decoder)
        guard let progress = loaded.value else {
            return Loaded(progress: ExerciseProgress(), notice: loaded.notice, writable: loaded.writable)
        }
        guard progress.format <= ExerciseProgress.currentFormat else {
            return Loaded(progress: ExerciseProgress(),
                          notice: "\(url.path) was written by a newer lambda-tutor (format \(progress.format)); it is left untouched and exercise progress is not saved this session",
                          writable: false)
        }
        return Loaded(progress: progress, notice: nil, writable: true)
    }

    public func save(_ progress: ExerciseProgress) throws(FileError) {
        try JSONFile.write(progress, to: url, what: "exercise progress") { $0.dateEncodingStrategy = .iso8601 }
    }

    /// Reads the file again, applies `change`, and saves, all under the data folder's lock:
    /// another tutor sharing the folder may have written since this one loaded, and its
    /// changes must not be lost. `waiting` is called if that tutor holds the lock.
    @discardableResult
    public func update(waiting: () -> Void = {}, _ change: (inout ExerciseProgress) -> Void) throws(FileError) -> ExerciseProgress {
        try DataFolderLock(home: DataHome(root: url.deletingLastPathComponent())).withLock(waiting: waiting) { () throws(FileError) -> ExerciseProgress in
            let loaded = load()
            guard loaded.writable else {
                throw FileError(path: url.path, message: loaded.notice ?? "\(url.path) cannot be saved")
            }
            var progress = loaded.progress
            change(&progress)
            try save(progress)
            return progress
        }
    }
}
