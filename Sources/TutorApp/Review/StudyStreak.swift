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

    init(activity: [Date], now: Date, calendar: Calendar = .current) {
        let days = Set(activity.map { calendar.startOfDay(for: $0) })
        let today = calendar.startOfDay(for: now)
        activeToday = days.contains(today)
        var day = activeToday ? today : calendar.date(byAdding: .day, value: -1, to: today)!
        var count = 0
        while days.contains(day) {
            count += 1
            day = calendar.date(byAdding: .day, value: -1, to: day)!
        }
        self.days = count
    }

    /// "3-day streak", "1-day streak (today)", or nil with no streak.
    var text: String? {
        guard days > 0 else { return nil }
        return "\(days)-day streak" + (activeToday ? "" : " — learn something today to keep it")
    }
}
