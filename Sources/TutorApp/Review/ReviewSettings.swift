import Foundation
import LearnerStore
import SpacedRepetition
import TutorSupport

/// The learner's review settings, kept in the settings of the learner database: today the
/// desired retention (`review --retention 0.85`). Only this key is replaced, so a setting
/// another part of the tutor keeps there is never dropped.
struct ReviewSettings: Sendable, Equatable {
    static let retentionKey = "reviewDesiredRetention"
    /// The range `review --retention` accepts: below 0.7 reviews come too rarely to keep
    /// anything; above 0.97 they come so often that the workload explodes (FSRS's own advice).
    static let retentionRange = 0.70...0.97

    var desiredRetention: Double = Scheduler.defaultDesiredRetention

    /// Reads the settings; a missing document or key gives the defaults.
    static func load(from database: LearnerDatabase) -> (settings: ReviewSettings, notice: String?) {
        let (object, notice) = database.settings()
        var settings = ReviewSettings()
        if let value = object[retentionKey] as? Double, retentionRange.contains(value) {
            settings.desiredRetention = value
        }
        return (settings, notice)
    }

    /// Writes the retention in one transaction, keeping the other settings (another tutor's too).
    func save(to database: LearnerDatabase) throws(FileError) {
        try database.setSetting(Self.retentionKey, to: desiredRetention)
    }
}
