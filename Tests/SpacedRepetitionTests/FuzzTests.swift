import Foundation
import SpacedRepetition
import Testing

struct FuzzTests {
    static let start = PublishedScheduleTests.start

    static func thirdInterval(_ scheduler: Scheduler, id: String) -> Int {
        var card = ReviewCard(id: id, created: start)
        card = scheduler.review(card, rating: .good, at: start)
        card = scheduler.review(card, rating: .good, at: card.due)
        let previous = card.due
        card = scheduler.review(card, rating: .good, at: card.due)
        return Int((card.due.timeIntervalSince(previous) / 86_400).rounded(.down))
    }

    @Test func fuzzIsReproducibleForASeed() throws {
        let a = try Scheduler(fuzz: .seeded(42)), b = try Scheduler(fuzz: .seeded(42))
        for id in ["q1", "q2", "q3", "lambda-timeout"] {
            #expect(Self.thirdInterval(a, id: id) == Self.thirdInterval(b, id: id))
        }
    }

    @Test func fuzzStaysInsideTheReferenceWindow() throws {
        let noFuzz = try Scheduler(fuzz: .off)
        let unfuzzed = Self.thirdInterval(noFuzz, id: "x")
        let range = try #require(noFuzz.fuzzRange(days: unfuzzed))
        var seen: Set<Int> = []
        for seed in UInt64(0)..<64 {
            let days = Self.thirdInterval(try Scheduler(fuzz: .seeded(seed)), id: "x")
            #expect(range.contains(days), "seed \(seed): \(days) not in \(range)")
            seen.insert(days)
        }
        #expect(seen.count > 1, "fuzz never moved the interval")
    }

    @Test func shortIntervalsAreNotFuzzed() {
        #expect(Scheduler.standard.fuzzRange(days: 1) == nil)
        #expect(Scheduler.standard.fuzzRange(days: 2) == nil)
        // py-fsrs's window for 3 days: delta = 1 + 0.15 × 0.5 = 1.075 → 2…4.
        #expect(Scheduler.standard.fuzzRange(days: 3) == 2...4)
        // 100 days: delta = 1 + 0.15·4.5 + 0.1·13 + 0.05·80 = 6.975 → 93…107.
        #expect(Scheduler.standard.fuzzRange(days: 100) == 93...107)
    }
}
