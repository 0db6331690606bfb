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
        guard let data = FileManager.default.contents(atPath: url.path) else { return (nil, nil) }
        let decoder = JSONDecoder()
        // Seconds since 1970 as a JSON number: exact, so a stored card equals the replayed one.
        decoder.dateDecodingStrategy = .secondsSince1970
        if let schedule = try? decoder.decode(ReviewSchedule.self, from: data) { return (schedule, nil) }
        do {
            let aside = try AtomicFile.quarantine(url)
            return (nil, "\(url.path) could not be read; it was moved to \(aside.lastPathComponent) and the review schedule is rebuilt from your answers")
        } catch {
            return (nil, "\(url.path) could not be read (\(error.message)); the review schedule is rebuilt from your answers")
        }
    }

    public func save(_ schedule: ReviewSchedule) throws(ScheduleStoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        do {
            try AtomicFile.write(try encoder.encode(schedule), to: url)
        } catch let error as FileError {
            throw ScheduleStoreError(error.message)
        } catch {
            throw ScheduleStoreError("cannot encode the review schedule: \(error)")
        }
    }
}
