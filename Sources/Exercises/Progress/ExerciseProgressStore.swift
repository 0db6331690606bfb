import Foundation
import TutorSupport

extension DataHome {
    /// The learner's exercise progress.
    public var exerciseProgressFile: URL { root.appendingPathComponent("exercises.json") }
}

/// Loads and saves ``ExerciseProgress`` atomically (temp file, fsync, rename). A file that
/// cannot be read is moved aside and reported, never silently reset; until the learner deals
/// with it the session starts from empty progress.
public struct ExerciseProgressStore: Sendable {
    public let url: URL

    public init(url: URL) { self.url = url }

    public init(home: DataHome) { self.url = home.exerciseProgressFile }

    public func load() -> (progress: ExerciseProgress, notice: String?) {
        guard let data = FileManager.default.contents(atPath: url.path) else { return (ExerciseProgress(), nil) }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        if let progress = try? decoder.decode(ExerciseProgress.self, from: data), progress.format <= ExerciseProgress.currentFormat {
            return (progress, nil)
        }
        do {
            let aside = try AtomicFile.quarantine(url)
            return (ExerciseProgress(), "\(url.path) could not be read; it was moved to \(aside.lastPathComponent) and exercise progress starts empty")
        } catch {
            return (ExerciseProgress(), "\(url.path) could not be read (\(error.message)); exercise progress starts empty and is not saved this session")
        }
    }

    public func save(_ progress: ExerciseProgress) throws(FileError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data: Data
        do {
            data = try encoder.encode(progress)
        } catch {
            throw FileError(path: url.path, message: "cannot encode exercise progress: \(error)")
        }
        try AtomicFile.write(data, to: url)
    }

    /// Reads the file again, applies `change`, and saves: another tutor sharing the folder
    /// may have written since this one loaded, and its changes must not be lost.
    @discardableResult
    public func update(_ change: (inout ExerciseProgress) -> Void) throws(FileError) -> ExerciseProgress {
        var progress = load().progress
        change(&progress)
        try save(progress)
        return progress
    }
}
