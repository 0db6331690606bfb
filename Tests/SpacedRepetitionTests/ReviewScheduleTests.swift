import Foundation
import SpacedRepetition
import TestSupport
import TutorSupport
import LearnerStore
import Testing

/// The schedule is a cache of replaying the attempt log: it must always equal a fresh replay.
struct ReviewScheduleTests {
    static let start = PublishedScheduleTests.start

    /// A log of answers to a few cards over a month, in time order.
    static func log(days: Int = 30) -> [ReviewEvent] {
        var events: [ReviewEvent] = []
        for day in 0..<days {
            for (index, card) in ["timeout", "memory", "dlq"].enumerated() where (day + index) % 3 == 0 {
                let time = start.addingTimeInterval(Double(day) * 86_400 + Double(index) * 90)
                let correct = (day * 7 + index) % 5 != 0
                events.append(ReviewEvent(cardID: card, time: time,
                                          answer: .init(correct: correct, confidence: day % 2 == 0 ? .sure : .unsure, seconds: 12)))
            }
        }
        return events
    }

    @Test func growingTheLogAppliesOnlyTheNewAnswers() {
        let events = Self.log()
        let early = ReviewSchedule.rebuild(from: Array(events.prefix(10)))
        let (refreshed, rebuilt) = early.refreshed(with: events)
        #expect(!rebuilt)
        #expect(refreshed == ReviewSchedule.rebuild(from: events))
        #expect(refreshed.replayed == events.count)
    }

    @Test func anEditedOrShorterLogIsReplayedFromScratch() {
        let events = Self.log()
        let full = ReviewSchedule.rebuild(from: events)
        var edited = events
        edited[3] = ReviewEvent(cardID: edited[3].cardID, time: edited[3].time, rating: .easy)
        let afterEdit = full.refreshed(with: edited)
        #expect(afterEdit.rebuilt)
        #expect(afterEdit.schedule == ReviewSchedule.rebuild(from: edited))

        let shorter = full.refreshed(with: Array(events.prefix(5)))
        #expect(shorter.rebuilt)
        #expect(shorter.schedule.replayed == 5)
    }

    @Test func answersOutOfTimeOrderAreReplayedInTimeOrder() {
        let events = Self.log()
        let early = ReviewSchedule.rebuild(from: Array(events.prefix(20)))
        // A record appended later but stamped earlier (a clock set back, another tutor's log).
        let late = ReviewEvent(cardID: "timeout", time: Self.start.addingTimeInterval(3_600), rating: .again)
        let all = events.prefix(20) + [late]
        let result = early.refreshed(with: Array(all))
        #expect(result.rebuilt)
        let sorted = all.sorted { $0.time < $1.time }
        #expect(result.schedule.cards == ReviewSchedule.rebuild(from: sorted).cards)
    }

    @Test func aCardIsItsHistoryReplayed() {
        let events = Self.log()
        let schedule = ReviewSchedule.rebuild(from: events)
        var card = ReviewCard(id: "dlq", created: events.first { $0.cardID == "dlq" }!.time)
        for event in events where event.cardID == "dlq" {
            card = Scheduler.standard.review(card, rating: event.rating(.standard), at: event.time)
        }
        #expect(schedule.card("dlq") == card)
    }

    @Test func dueCardsAndCounts() {
        let schedule = ReviewSchedule.rebuild(from: Self.log())
        let later = Self.start.addingTimeInterval(400 * 86_400)
        #expect(schedule.dueCount(at: later) == 3)
        #expect(schedule.dueCards(at: later).map(\.due) == schedule.dueCards(at: later).map(\.due).sorted())
        #expect(schedule.dueCount(at: Self.start) == 0)
    }

    @Test func anotherRetentionReschedulesTheSameHistory() throws {
        let events = Self.log()
        let schedule = ReviewSchedule.rebuild(from: events)
        let stricter = schedule.rescheduled(with: try Scheduler.standard.withDesiredRetention(0.97), events: events)
        for (id, card) in schedule.cards where card.state == .review {
            let other = try #require(stricter.card(id))
            #expect(other.stability == card.stability)
            #expect(other.due <= card.due)
        }
    }

    @Test func theStoredScheduleRoundTripsAndRefreshes() throws {
        let folder = try TemporaryDirectory(prefix: "review-schedule")
        let store = StoredSchedule(home: DataHome(root: folder.url))
        let events = Self.log()
        let first = store.current(events: Array(events.prefix(12)))
        #expect(first.notices.isEmpty)
        #expect(store.load().schedule == first.schedule)
        let second = store.current(events: events)
        #expect(second.schedule == ReviewSchedule.rebuild(from: events))
        #expect(StoredSchedule(home: DataHome(root: folder.url)).load().schedule == second.schedule)
    }

    @Test func aSecondTutorsSaveDoesNotOverwriteTheFirstsNewerCopy() throws {
        let folder = try TemporaryDirectory(prefix: "review-schedule")
        let events = Self.log()
        let first = StoredSchedule(home: DataHome(root: folder.url)), second = StoredSchedule(home: DataHome(root: folder.url))
        _ = first.load()
        _ = second.load()
        let full = ReviewSchedule.rebuild(from: events), partial = ReviewSchedule.rebuild(from: Array(events.prefix(5)))
        try first.save(full)
        try second.save(partial)  // loaded before the first saved: skipped
        #expect(StoredSchedule(home: DataHome(root: folder.url)).load().schedule == full)
        #expect(second.current(events: events).schedule == full, "the second refreshes from the stored copy")
    }

    @Test func aDamagedCopyIsSetAsideAndRebuilt() throws {
        let folder = try TemporaryDirectory(prefix: "review-schedule")
        let home = DataHome(root: folder.url)
        let store = StoredSchedule(home: home)
        try store.database.updateDocument(.reviewSchedule) { _ in Data(#"{"cards": 3}"#.utf8) }
        let result = store.current(events: Self.log())
        #expect(result.notices.count == 1)
        #expect(result.notices[0].contains("set aside"), "\(result.notices)")
        #expect(result.schedule == ReviewSchedule.rebuild(from: Self.log()))
        #expect(try store.database.setAside().map(\.name) == ["review-schedule"])
        #expect(store.load().schedule != nil)
    }

    @Test func aChangedSchedulerIsNeverServedFromTheCache() throws {
        let store = InMemoryScheduleStore()
        let events = Self.log()
        _ = store.current(events: events)
        let stricter = try Scheduler.standard.withDesiredRetention(0.95)
        let result = store.current(events: events, scheduler: stricter)
        #expect(result.schedule.scheduler == stricter)
        #expect(result.schedule == ReviewSchedule.rebuild(from: events, scheduler: stricter))
    }

    @Test func anAttemptIsAppliedOnceByItsID() {
        let events = Self.log()
        let once = ReviewSchedule.rebuild(from: events)
        // The same attempts again (a log line repeated, a copied file appended): nothing changes.
        #expect(ReviewSchedule.rebuild(from: events + events.prefix(7)) == once)
        let refreshed = once.refreshed(with: events + events.suffix(4))
        #expect(!refreshed.rebuilt)
        #expect(refreshed.schedule == once)
        // Two answers at the same instant with their own ids are two answers.
        let twin = ReviewEvent(id: "other", cardID: events[0].cardID, time: events[0].time, rating: .good)
        #expect(ReviewSchedule.rebuild(from: events + [twin]).replayed == events.count + 1)
    }

    @Test func anAppliedAttemptThatChangedOrWentIsReplayedFromScratch() {
        let events = Self.log()
        let full = ReviewSchedule.rebuild(from: events)
        let gone = full.refreshed(with: Array(events.dropFirst(2)))
        #expect(gone.rebuilt)
        #expect(gone.schedule == ReviewSchedule.rebuild(from: Array(events.dropFirst(2))))
    }
}
