import Foundation

/// Where the derived schedule is kept between sessions: ``StoredSchedule`` (the learner
/// database), or ``InMemoryScheduleStore``. Small on purpose.
package protocol ScheduleStore: Sendable {
    /// The stored schedule, or nil if there is none yet. A store that finds its copy damaged
    /// sets it aside and returns nil with a note (the schedule is rebuilt from the log).
    func load() -> (schedule: ReviewSchedule?, notice: String?)
    func save(_ schedule: ReviewSchedule) throws(ScheduleStoreError)
}

package struct ScheduleStoreError: Error, Sendable, CustomStringConvertible {
    package var message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}

extension ScheduleStore {
    /// The schedule for the whole log `events`: the stored one brought up to date (or rebuilt),
    /// saved again when it changed. A store that cannot be written still yields the schedule;
    /// the failure is in `notices`.
    package func current(events: [ReviewEvent], scheduler: Scheduler = .standard,
                        policy: RatingPolicy = .standard) -> (schedule: ReviewSchedule, notices: [String]) {
        var notices: [String] = []
        let loaded = load()
        if let notice = loaded.notice { notices.append(notice) }
        let schedule: ReviewSchedule
        var changed = true
        if let stored = loaded.schedule, stored.scheduler == scheduler, stored.policy == policy {
            let refreshed = stored.refreshed(with: events)
            schedule = refreshed.schedule
            changed = refreshed.rebuilt || refreshed.schedule.applied.count != stored.applied.count
        } else {
            schedule = ReviewSchedule.rebuild(from: events, scheduler: scheduler, policy: policy)
        }
        if changed {
            do {
                try save(schedule)
            } catch {
                notices.append("the review schedule could not be saved (\(error.message)); it is rebuilt from your answers next time")
            }
        }
        return (schedule, notices)
    }
}

/// A store in memory (tests, and sessions whose data folder cannot be written).
package final class InMemoryScheduleStore: ScheduleStore, @unchecked Sendable {
    // @unchecked: `stored` is only touched with `lock` held.
    private let lock = NSLock()
    private var stored: ReviewSchedule?
    package private(set) var saves = 0

    package init(_ schedule: ReviewSchedule? = nil) { stored = schedule }

    package func load() -> (schedule: ReviewSchedule?, notice: String?) { lock.withLock { (stored, nil) } }

    package func save(_ schedule: ReviewSchedule) throws(ScheduleStoreError) {
        lock.withLock {
            stored = schedule
            saves += 1
        }
    }
}
