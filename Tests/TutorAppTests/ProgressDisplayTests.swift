import Foundation
import TerminalUI
import TestSupport
import Testing
@testable import TutorApp

/// The start-up summary (reviews due, streak, what next) and the progress bars.
@Suite("Progress you can see")
struct ProgressDisplayTests {
    static let noon = Date(timeIntervalSince1970: 1_800_000_000 - 1_800_000_000.truncatingRemainder(dividingBy: 86_400) + 43_200)

    @Test("A streak counts days in a row with any learning, up to today or yesterday")
    func streak() {
        func day(_ n: Int, hour: Double = 0) -> Date { Self.noon.addingTimeInterval(Double(n) * 86_400 + hour * 3_600) }
        #expect(StudyStreak(activity: [], now: day(0), day: LocalDay.utc) == StudyStreak(days: 0, activeToday: false))
        #expect(StudyStreak(activity: [day(0), day(0, hour: 2)], now: day(0), day: LocalDay.utc) == StudyStreak(days: 1, activeToday: true))
        #expect(StudyStreak(activity: [day(-3), day(-2), day(-1), day(0)], now: day(0), day: LocalDay.utc).days == 4)
        // Nothing yet today: yesterday's streak still stands, and the text says how to keep it.
        let open = StudyStreak(activity: [day(-2), day(-1)], now: day(0), day: LocalDay.utc)
        #expect(open == StudyStreak(days: 2, activeToday: false))
        #expect(open.text == "2-day streak — learn something today to keep it")
        // A gap ends it.
        #expect(StudyStreak(activity: [day(-5), day(-4), day(-2)], now: day(0), day: LocalDay.utc).days == 0)
        #expect(StudyStreak(activity: [day(-5), day(-1), day(0)], now: day(0), day: LocalDay.utc).days == 2)
    }

    @Test("A local day number agrees with the calendar's local days over more than a year of instants")
    func localDays() {
        let calendar = Calendar.current
        let base = Self.noon
        for hours in stride(from: -9_000, through: 9_000, by: 7) {
            let date = base.addingTimeInterval(Double(hours) * 3_600)
            let days = calendar.dateComponents([.day], from: calendar.startOfDay(for: base), to: calendar.startOfDay(for: date)).day
            #expect(LocalDay.local(date) - LocalDay.local(base) == days, "\(date)")
        }
        #expect(LocalDay.utc(Date(timeIntervalSince1970: -1)) == -1)
        #expect(LocalDay.utc(Date(timeIntervalSince1970: 86_399)) == 0)
    }

    @Test("Bars: eighths of a block at a UTF-8 terminal, # and - in plain mode, full only when done")
    func bars() {
        #expect(ProgressBar(0.5, width: 10).render(style: .plain, glyphs: .ascii) == "#####-----")
        #expect(ProgressBar(0.99, width: 10).render(style: .plain, glyphs: .ascii) == "#########-")
        #expect(ProgressBar(1, width: 4).render(style: .plain, glyphs: .ascii) == "####")
        #expect(ProgressBar(0.55, width: 10).render(style: .plain, glyphs: .unicode) == "█████▌░░░░")
        #expect(ProgressBar(-1, width: 3).render(style: .plain, glyphs: .unicode) == "░░░")
    }

    @Test("The summary says what is due, the streak, and one next step: review first, then the lesson in progress, then the next lesson")
    func summary() async throws {
        let fixture = try SessionFixture()
        let view = WelcomeView(style: .plain, width: 80)
        #expect(WelcomeView.next(due: 0, session: fixture.session) == .start(lessonID: "alpha", title: "Alpha"))
        await fixture.run("lesson alpha")
        #expect(WelcomeView.next(due: 0, session: fixture.session) == .resume(lessonID: "alpha", title: "Alpha", step: 1, of: 3))
        #expect(WelcomeView.next(due: 2, session: fixture.session) == .review(due: 2))
        let lines = view.summary(due: 2, cards: 5, streak: StudyStreak(days: 3, activeToday: true), next: .review(due: 2))
        #expect(lines == ["Today: 2 cards due for review · 3-day streak.",
                          "Next: type review to go through them (a few minutes keeps them fresh)."])
        #expect(view.summary(due: 0, cards: 0, streak: StudyStreak(days: 0, activeToday: false), next: .start(lessonID: "alpha", title: "Alpha"))
                == ["Next: start \"Alpha\": lesson alpha."])
    }
}
