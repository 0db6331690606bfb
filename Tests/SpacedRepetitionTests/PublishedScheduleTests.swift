import Foundation
import SpacedRepetition
import Testing

/// The schedules py-fsrs's own test suite pins (tests/test_basic.py, py-fsrs 6.3.1 and 6.3.2),
/// as plain unit tests that need no network. `PyFSRSComparisonTests` checks many more sequences
/// against the installed package.
struct PublishedScheduleTests {
    static let start = Date(timeIntervalSince1970: 1_669_725_000) // 2022-11-29 12:30:00 UTC, py-fsrs's test date
    static let noFuzz = try! Scheduler(fuzz: .off)

    /// Reviews `ratings`, each at the moment the card falls due; returns the whole days
    /// between each review and the due date it set.
    static func intervals(_ ratings: [Rating], scheduler: Scheduler = noFuzz) -> (days: [Int], card: ReviewCard) {
        var card = ReviewCard(id: "card", created: start)
        var time = start
        var days: [Int] = []
        for rating in ratings {
            card = scheduler.review(card, rating: rating, at: time)
            days.append(Int((card.due.timeIntervalSince(card.lastReview!) / 86_400).rounded(.down)))
            time = card.due
        }
        return (days, card)
    }

    @Test func theReferenceIntervalHistory() {
        // test_review_card: six Goods, two Agains, five Goods.
        let ratings: [Rating] = Array(repeating: .good, count: 6) + [.again, .again] + Array(repeating: .good, count: 5)
        let result = Self.intervals(ratings)
        #expect(result.days == [0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21])
        // The values py-fsrs 6.3.2 gives for this card at the end (printed by the reference).
        #expect(abs(result.card.stability! - 20.77035728499242) < 1e-9)
        #expect(abs(result.card.difficulty! - 9.055759917231622) < 1e-9)
        #expect(result.card.lapses == 1)
    }

    @Test func theReferenceMemoryState() throws {
        // test_memo_state: Again, then Goods after 0, 1, 3, 8 and 21 days.
        let scheduler = Scheduler.standard
        var card = ReviewCard(id: "memo", created: Self.start)
        var time = Self.start
        for (rating, gap) in zip([Rating.again, .good, .good, .good, .good, .good], [0, 0, 1, 3, 8, 21]) {
            time = time.addingTimeInterval(TimeInterval(gap) * 86_400)
            card = scheduler.review(card, rating: rating, at: time)
        }
        // Published: 53.62691 and 6.3574867 (abs 1e-4); py-fsrs 6.3.2 prints the digits below.
        #expect(abs(try #require(card.stability) - 53.62691) < 1e-4)
        #expect(abs(try #require(card.difficulty) - 6.3574867) < 1e-4)
        #expect(abs(card.stability! - 53.626902917141365) < 1e-9)
        #expect(abs(card.difficulty! - 6.357487083997829) < 1e-9)
    }

    @Test func repeatedEasyReachesTheLowestDifficulty() {
        var card = ReviewCard(id: "easy", created: Self.start)
        for i in 0..<10 {
            card = Self.noFuzz.review(card, rating: .easy, at: Self.start.addingTimeInterval(Double(i) * 1e-6))
        }
        #expect(card.difficulty == 1.0)
    }

    @Test func learningSteps() {
        let new = ReviewCard(id: "steps", created: Self.start)
        let good = Scheduler.standard.review(new, rating: .good, at: Self.start)
        #expect(good.state == .learning && good.step == 1)
        #expect(good.due.timeIntervalSince(Self.start) == 600)
        let graduated = Scheduler.standard.review(good, rating: .good, at: good.due)
        #expect(graduated.state == .review && graduated.step == nil)
        #expect(graduated.due.timeIntervalSince(good.due) >= 86_400)

        let again = Scheduler.standard.review(new, rating: .again, at: Self.start)
        #expect(again.state == .learning && again.step == 0)
        #expect(again.due.timeIntervalSince(Self.start) == 60)

        let hard = Scheduler.standard.review(new, rating: .hard, at: Self.start)
        #expect(hard.state == .learning && hard.step == 0)
        #expect(hard.due.timeIntervalSince(Self.start) == 330) // halfway between 1 and 10 minutes

        let easy = Scheduler.standard.review(new, rating: .easy, at: Self.start)
        #expect(easy.state == .review && easy.step == nil)
        #expect(easy.due.timeIntervalSince(Self.start) >= 86_400)
    }

    @Test func hardWithOneLearningStepWaitsHalfAgainAsLong() throws {
        let scheduler = try Scheduler(learningSteps: [180])
        let card = scheduler.review(ReviewCard(id: "one", created: Self.start), rating: .hard, at: Self.start)
        #expect(card.state == .learning)
        #expect(card.due.timeIntervalSince(Self.start) == 270)
    }

    @Test func aLapseGoesThroughRelearning() {
        let result = Self.intervals([.good, .good, .good])
        let lapsed = Self.noFuzz.review(result.card, rating: .again, at: result.card.due)
        #expect(lapsed.state == .relearning && lapsed.step == 0)
        #expect(lapsed.due.timeIntervalSince(result.card.due) == 600)
        #expect(lapsed.lapses == 1)
        let againAgain = Self.noFuzz.review(lapsed, rating: .again, at: lapsed.due)
        #expect(againAgain.state == .relearning && againAgain.step == 0)
        #expect(againAgain.due.timeIntervalSince(lapsed.due) == 600)
        let back = Self.noFuzz.review(againAgain, rating: .good, at: againAgain.due)
        #expect(back.state == .review && back.step == nil)
        #expect(back.due.timeIntervalSince(againAgain.due) >= 86_400)
    }

    @Test func withoutStepsCardsGoStraightToDays() throws {
        let noLearning = try Scheduler(learningSteps: [])
        let card = noLearning.review(ReviewCard(id: "a", created: Self.start), rating: .again, at: Self.start)
        #expect(card.state == .review)
        #expect(card.due.timeIntervalSince(Self.start) >= 86_400)

        let noRelearning = try Scheduler(relearningSteps: [])
        var other = ReviewCard(id: "b", created: Self.start)
        other = noRelearning.review(other, rating: .good, at: Self.start)
        other = noRelearning.review(other, rating: .good, at: other.due)
        #expect(other.state == .review)
        other = noRelearning.review(other, rating: .again, at: other.due)
        #expect(other.state == .review)
        #expect(other.due.timeIntervalSince(other.lastReview!) >= 86_400)
    }

    @Test func aCardFromLongerStepsGraduatesUnderShorterOnes() throws {
        let two = try Scheduler(learningSteps: [60, 600])
        let one = try Scheduler(learningSteps: [60])
        let card = two.review(ReviewCard(id: "c", created: Self.start), rating: .good, at: Self.start)
        #expect(card.step == 1)
        let graduated = one.review(card, rating: .hard, at: card.due)
        #expect(graduated.state == .review)
    }

    @Test func intervalsGrowAfterRecallAndShrinkAfterALapse() {
        let result = Self.intervals([.good, .good, .good, .good, .good])
        let days = result.days.dropFirst(2)
        #expect(zip(days, days.dropFirst()).allSatisfy { $0 < $1 }, "\(result.days)")
        let before = result.card.stability!
        let lapsed = Self.noFuzz.review(result.card, rating: .again, at: result.card.due)
        #expect(lapsed.stability! < before)
        let relearnt = Self.noFuzz.review(lapsed, rating: .good, at: lapsed.due)
        let relearntDays = Int(relearnt.due.timeIntervalSince(relearnt.lastReview!) / 86_400)
        #expect(relearntDays < result.days.last!)
    }

    @Test func theMaximumIntervalHolds() throws {
        let scheduler = try Scheduler(maximumInterval: 100, fuzz: .off)
        var card = ReviewCard(id: "max", created: Self.start)
        for rating in [Rating.easy, .good, .easy, .good, .easy] {
            card = scheduler.review(card, rating: rating, at: card.due)
            #expect(card.due.timeIntervalSince(card.lastReview!) <= 100 * 86_400)
        }
    }

    @Test func stabilityNeverFallsBelowItsFloor() {
        var card = ReviewCard(id: "floor", created: Self.start)
        var time = Self.start
        for _ in 0..<200 {
            card = Self.noFuzz.review(card, rating: .again, at: time)
            time = card.due
            #expect(card.stability! >= 0.001)
        }
    }

    @Test func retrievabilityIsNinetyPercentAfterOneStability() {
        let parameters = FSRSParameters.defaults
        #expect(abs(parameters.retrievability(elapsedDays: 7.5, stability: 7.5) - 0.9) < 1e-12)
        #expect(Scheduler.standard.retrievability(of: ReviewCard(id: "new", created: Self.start), at: Self.start) == 0)
    }

    @Test func defaultsAreTheFSRS6Defaults() {
        #expect(FSRSParameters.defaults.weights.count == 21)
        #expect(FSRSParameters.defaults.weights.first == 0.212)
        #expect(FSRSParameters.defaults.weights.last == 0.1542)
        #expect(FSRSParameters.modelVersion == "FSRS-6")
        #expect(Scheduler.standard.desiredRetention == 0.9)
        #expect(Scheduler.standard.learningSteps == [60, 600])
        #expect(Scheduler.standard.relearningSteps == [600])
        #expect(Scheduler.standard.maximumInterval == 36_500)
    }

    @Test func badSettingsAreRefused() {
        #expect(throws: SchedulerError.self) { try FSRSParameters(Array(repeating: 1, count: 19)) }
        var weights = FSRSParameters.defaults.weights
        weights[7] = 0.9
        #expect(throws: SchedulerError.self) { try FSRSParameters(weights) }
        #expect(throws: SchedulerError.self) { try Scheduler(desiredRetention: 1) }
        #expect(throws: SchedulerError.self) { try Scheduler(desiredRetention: 0) }
        #expect(throws: SchedulerError.self) { try Scheduler(learningSteps: [0]) }
        #expect(throws: SchedulerError.self) { try Scheduler(maximumInterval: 0) }
    }

    @Test func higherRetentionMeansShorterIntervals() throws {
        let stricter = try Scheduler.standard.withDesiredRetention(0.95)
        let looser = try Scheduler.standard.withDesiredRetention(0.8)
        #expect(stricter.intervalDays(stability: 30) < Scheduler.standard.intervalDays(stability: 30))
        #expect(looser.intervalDays(stability: 30) > Scheduler.standard.intervalDays(stability: 30))
        #expect(Scheduler.standard.intervalDays(stability: 30) == 30) // at 0.9, the interval is the stability
    }
}
