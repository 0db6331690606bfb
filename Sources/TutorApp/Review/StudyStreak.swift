import Foundation

/// Days in a row with any learning (a checkpoint, quiz, exam or review answer, or a lesson
/// step opened), counted in the learner's local calendar.
///
/// A streak still stands on a day with nothing done yet: it counts up to yesterday, and
/// ``activeToday`` says whether today is already in it (so the banner can say "learn something
/// today to keep it").
struct StudyStreak: Sendable, Equatable {
    var days: Int
    var activeToday: Bool

    init(days: Int, activeToday: Bool) {
        self.days = days
        self.activeToday = activeToday
    }

    /// - Parameter day: the day number of an instant (``LocalDay/local(_:)``; tests pin UTC).
    init(activity: [Date], now: Date, day: (Date) -> Int = LocalDay.local) {
        let days = Set(activity.map(day))
        let today = day(now)
        activeToday = days.contains(today)
        var current = activeToday ? today : today - 1
        var count = 0
        while days.contains(current) {
            count += 1
            current -= 1
        }
        self.days = count
    }

    /// "3-day streak", "1-day streak (today)", or nil with no streak.
    var text: String? {
        guard days > 0 else { return nil }
        return "\(days)-day streak" + (activeToday ? "" : " — learn something today to keep it")
    }
}
