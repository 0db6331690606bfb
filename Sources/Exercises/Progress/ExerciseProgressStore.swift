import Foundation
import LearnerStore
import TutorSupport

/// Loads and saves ``ExerciseProgress``: the `exercises` document of the learner database
/// (``LearnerDatabase``). A stored copy that cannot be read is set aside and reported, never
/// silently reset; one written by a newer tutor is left untouched and nothing is saved over it.
package struct ExerciseProgressStore: Sendable {
    package let database: LearnerDatabase

    package init(database: LearnerDatabase) { self.database = database }

    /// A store on its own connection to `home`'s database (tests; a tutor session shares one).
    package init(home: DataHome) { self.init(database: LearnerDatabase(home: home)) }

    package struct Loaded: Sendable {
        package var progress: ExerciseProgress
        package var notice: String?
        /// False when saving would overwrite something this tutor cannot read.
        package var writable: Bool
    }

    package func load() -> Loaded {
        let stored: (content: Data, revision: Int)?
        do {
            stored = try database.document(.exercises)
        } catch {
            return Loaded(progress: ExerciseProgress(), notice: "exercise progress could not be read (\(error.message))", writable: false)
        }
        guard let stored else { return Loaded(progress: ExerciseProgress(), notice: nil, writable: true) }
        do {
            let progress = try Self.decoder.decode(ExerciseProgress.self, from: stored.content)
            guard progress.format <= ExerciseProgress.currentFormat else {
                return Loaded(progress: ExerciseProgress(),
                              notice: "the exercise progress in \(database.url.path) was written by a newer lambda-tutor (format \(progress.format)); it is left untouched and exercise progress is not saved this session",
                              writable: false)
            }
            return Loaded(progress: progress, notice: nil, writable: true)
        } catch {
            let reason = JSONFile.describe(error)
            do {
                return Loaded(progress: ExerciseProgress(), notice: try database.setAsideDocument(.exercises, what: "exercise progress", reason: reason), writable: true)
            } catch {
                return Loaded(progress: ExerciseProgress(), notice: "exercise progress could not be read (\(reason)) nor set aside (\(error.message))", writable: false)
            }
        }
    }

    package func save(_ progress: ExerciseProgress) throws(FileError) {
        try database.updateDocument(.exercises) { _ in try Self.encoder.encode(progress) }
    }

    /// Reads the stored progress, applies `change`, and saves, in one transaction: another
    /// tutor sharing the folder may have written since this one loaded, and its changes must
    /// not be lost. A tutor that finds the database busy waits (SQLite's busy timeout).
    @discardableResult
    package func update(_ change: (inout ExerciseProgress) -> Void) throws(FileError) -> ExerciseProgress {
        let loaded = load()
        guard loaded.writable else {
            throw FileError(path: database.url.path, message: loaded.notice ?? "exercise progress cannot be saved")
        }
        var result = ExerciseProgress()
        try database.updateDocument(.exercises) { stored in
            var progress = try stored.map { try Self.decoder.decode(ExerciseProgress.self, from: $0.content) } ?? ExerciseProgress()
            change(&progress)
            result = progress
            return try Self.encoder.encode(progress)
        }
        return result
    }

    static var encoder: JSONEncoder { StoredJSON.encoder }
    static var decoder: JSONDecoder { StoredJSON.decoder }
}
