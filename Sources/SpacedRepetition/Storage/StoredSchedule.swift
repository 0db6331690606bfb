import Foundation
import LearnerStore
import TutorSupport

/// The schedule as the `review-schedule` document of the learner database. A stored copy that
/// cannot be read as a schedule is set aside and reported; the schedule is rebuilt from the
/// attempts, so nothing is lost.
///
/// Saving is a compare-and-swap on the document's revision: a tutor writes its schedule only
/// if no other tutor saved one since it loaded. The loser's schedule is not lost work (it is a
/// cache of the attempts, which both tutors wrote in their own transactions); its next refresh
/// starts from the winner's copy and applies what is missing.
package final class StoredSchedule: ScheduleStore, @unchecked Sendable {
    // @unchecked: `loadedRevision` is only touched with `lock` held.
    package let database: LearnerDatabase
    private let lock = NSLock()
    private var loadedRevision: Int?

    package init(database: LearnerDatabase) { self.database = database }

    /// A store on its own connection to `home`'s database (tests; a tutor session shares one).
    package convenience init(home: DataHome) { self.init(database: LearnerDatabase(home: home)) }

    package func load() -> (schedule: ReviewSchedule?, notice: String?) {
        let stored: (content: Data, revision: Int)?
        do {
            stored = try database.document(.reviewSchedule)
        } catch {
            return (nil, "the review schedule could not be read (\(error.message)); it is rebuilt from your answers")
        }
        lock.withLock { loadedRevision = stored?.revision }
        guard let stored else { return (nil, nil) }
        do {
            return (try Self.decoder.decode(ReviewSchedule.self, from: stored.content), nil)
        } catch {
            let reason = JSONFile.describe(error)
            let notice = (try? database.setAsideDocument(.reviewSchedule, what: "the review schedule", reason: reason))
                ?? "the review schedule could not be read (\(reason))"
            lock.withLock { loadedRevision = nil }
            return (nil, notice + "; the schedule is rebuilt from your answers")
        }
    }

    package func save(_ schedule: ReviewSchedule) throws(ScheduleStoreError) {
        let expected = lock.withLock { loadedRevision }
        do {
            let revision = try database.updateDocument(.reviewSchedule) { stored in
                guard stored?.revision == expected else { return nil }  // another tutor saved since: keep its copy
                return try Self.encoder.encode(schedule)
            }
            lock.withLock { loadedRevision = revision }
        } catch {
            throw ScheduleStoreError(error.message)
        }
    }

    // Seconds since 1970 as a JSON number: exact, so a stored card equals the replayed one.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }
}
