import Foundation
import TutorSupport

extension DataHome {
    /// The derived review schedule, beside the attempt log it is rebuilt from.
    public var reviewScheduleFile: URL { root.appendingPathComponent("review-schedule.json") }
}

/// The schedule as a JSON file, written atomically (temp file, fsync, rename). A file that
/// cannot be read as a schedule is moved aside (`…damaged-DATE`) and reported; the schedule
/// is rebuilt from the attempt log, so nothing is lost.
public struct ScheduleFile: ScheduleStore {
    public let url: URL

    public init(url: URL) { self.url = url }

    public init(home: DataHome) { self.url = home.reviewScheduleFile }

    public func load() -> (schedule: ReviewSchedule?, notice: String?) {
        let decoder = JSONDecoder()
        // Seconds since 1970 as a JSON number: exact, so a stored card equals the replayed one.
        decoder.dateDecodingStrategy = .secondsSince1970
        let loaded = JSONFile.load(ReviewSchedule.self, from: url, what: "the review schedule", decoder: decoder)
        return (loaded.value, loaded.notice.map { $0 + "; the schedule is rebuilt from your answers" })
    }

    public func save(_ schedule: ReviewSchedule) throws(ScheduleStoreError) {
        do {
            try JSONFile.write(schedule, to: url, what: "the review schedule") { $0.dateEncodingStrategy = .secondsSince1970 }
        } catch {
            throw ScheduleStoreError(error.message)
        }
    }
}
