import Foundation
import LearnerStore
import TutorSupport

/// Loads and saves ``LearnerProgress``: the `progress` document of the learner database
/// (``LearnerDatabase``).
///
/// A save is one transaction that reads what is stored, merges it with this tutor's changes
/// when another tutor saved meanwhile, and writes the result: two tutors on one folder never
/// lose each other's work. A stored copy that cannot be read is set aside and reported, never
/// silently replaced; one written by a newer tutor is left alone and nothing is saved over it.
package struct ProgressStore: Sendable {
    package let database: LearnerDatabase

    package init(database: LearnerDatabase) {
        self.database = database
    }

    /// A store on its own connection to `home`'s database (tests; a tutor session shares one).
    package init(home: DataHome) {
        self.init(database: LearnerDatabase(home: home))
    }

    package struct Loaded: Sendable {
        package var progress: LearnerProgress
        /// Set when the stored copy was damaged or unusable: what happened, in a sentence.
        package var notice: String?
        /// False when saving would overwrite what this tutor cannot read.
        package var writable = true
    }

    package func load() -> Loaded {
        let stored: (content: Data, revision: Int)?
        do {
            stored = try database.document(.progress)
        } catch {
            return Loaded(progress: LearnerProgress(), notice: "progress could not be read (\(error.message)); progress is not saved this session", writable: false)
        }
        guard let stored else { return Loaded(progress: LearnerProgress()) }
        switch Self.decode(stored.content) {
        case .success(let progress) where progress.version > LearnerProgress.currentVersion:
            return Loaded(progress: LearnerProgress(),
                          notice: "the lesson progress in \(database.url.path) was written by a newer lambda-tutor (format \(progress.version)); it is left untouched and progress is not saved this session",
                          writable: false)
        case .success(let progress):
            return Loaded(progress: progress)
        case .failure(let failure):
            do {
                return Loaded(progress: LearnerProgress(), notice: try database.setAsideDocument(.progress, what: "lesson progress", reason: failure.reason))
            } catch {
                return Loaded(progress: LearnerProgress(), notice: "lesson progress could not be read (\(failure.reason)) nor set aside (\(error.message)); progress is not saved this session",
                              writable: false)
            }
        }
    }

    /// What ``saveMerging(_:base:)`` wrote and whether another tutor's changes were in it.
    package struct Saved: Sendable {
        package var progress: LearnerProgress
        package var mergedOtherChanges: Bool
    }

    /// Saves `progress` in one transaction. If the stored copy changed since `base` was read
    /// (another tutor saved), the two are merged (``LearnerProgress/merged(base:disk:)``), so
    /// neither tutor's work is lost; the result, which becomes the new base, is returned.
    package func saveMerging(_ progress: LearnerProgress, base: LearnerProgress) throws(FileError) -> Saved {
        var saved = Saved(progress: progress, mergedOtherChanges: false)
        var failure: FileError?
        try database.updateDocument(.progress) { stored in
            var result = progress
            if let stored {
                switch Self.decode(stored.content) {
                case .success(let disk) where disk.version > LearnerProgress.currentVersion:
                    failure = FileError(path: database.url.path, message: "the lesson progress was written by a newer lambda-tutor; it is left untouched")
                    return nil
                case .success(let disk) where disk != base:
                    result = progress.merged(base: base, disk: disk)
                default:
                    break  // unchanged since read, or unreadable (reported at load): this tutor's copy is the best there is
                }
            }
            let data = try Self.encode(result)
            // As stored (dates to the second), so the next merge compares like with like.
            saved.progress = (try? Self.decode(data).get()) ?? result
            saved.mergedOtherChanges = result != progress
            return data
        }
        if let failure { throw failure }
        return saved
    }

    package func save(_ progress: LearnerProgress) throws(FileError) {
        try database.updateDocument(.progress) { _ in try Self.encode(progress) }
    }

    static func encode(_ progress: LearnerProgress) throws -> Data {
        try StoredJSON.encoder.encode(progress)
    }

    static func decode(_ data: Data) -> Result<LearnerProgress, DecodeFailure> {
        do {
            return .success(try StoredJSON.decoder.decode(LearnerProgress.self, from: data))
        } catch {
            return .failure(DecodeFailure(JSONFile.describe(error)))
        }
    }
}

/// Why a stored document did not decode, in a few words.
struct DecodeFailure: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
