import Foundation

/// FSRS-6 scheduling with the same settings and life cycle as py-fsrs: new cards go through
/// short learning steps, graduate to intervals in days from the memory model, and a lapse
/// sends them through relearning steps.
///
/// A value with no clock and no I/O: every method takes the time of the review, so replaying
/// the same answers always gives the same schedule (see ``ReviewSchedule``).
package struct Scheduler: Sendable, Hashable, Codable {
    package var parameters: FSRSParameters
    /// The recall probability intervals aim for when a card comes back (0.9: nine in ten
    /// cards still remembered when due). Higher means shorter intervals and more reviews.
    package var desiredRetention: Double
    /// Waits between learning steps of a new card, in seconds (py-fsrs: 1 min, 10 min).
    package var learningSteps: [TimeInterval]
    /// Waits between relearning steps after a lapse, in seconds (py-fsrs: 10 min).
    package var relearningSteps: [TimeInterval]
    /// The longest interval, in days.
    package var maximumInterval: Int
    package var fuzz: Fuzz

    /// Spreads intervals of three days or more by a few percent so cards learnt together do
    /// not all fall due on the same day. Seeded, and drawn from the card id and its review
    /// count, so a replay of the same history gives the same dates.
    package enum Fuzz: Sendable, Hashable, Codable {
        case off
        case seeded(UInt64)
    }

    package static let defaultDesiredRetention = 0.9
    package static let defaultLearningSteps: [TimeInterval] = [60, 600]
    package static let defaultRelearningSteps: [TimeInterval] = [600]
    package static let defaultMaximumInterval = 36_500

    /// The tutor's scheduler: FSRS-6 defaults, retention 0.9, py-fsrs's steps, fuzz seeded with 0.
    package static let standard = Scheduler(uncheckedParameters: .defaults, desiredRetention: defaultDesiredRetention,
                                           learningSteps: defaultLearningSteps, relearningSteps: defaultRelearningSteps,
                                           maximumInterval: defaultMaximumInterval, fuzz: .seeded(0))

    package init(parameters: FSRSParameters = .defaults, desiredRetention: Double = defaultDesiredRetention,
                learningSteps: [TimeInterval] = defaultLearningSteps, relearningSteps: [TimeInterval] = defaultRelearningSteps,
                maximumInterval: Int = defaultMaximumInterval, fuzz: Fuzz = .seeded(0)) throws(SchedulerError) {
        guard desiredRetention > 0, desiredRetention < 1 else {
            throw SchedulerError(.invalidRetention, "desired retention must be between 0 and 1 (exclusive), got \(desiredRetention)")
        }
        for step in learningSteps + relearningSteps where !(step > 0 && step.isFinite) {
            throw SchedulerError(.invalidSteps, "learning and relearning steps must be positive durations, got \(step) s")
        }
        guard maximumInterval >= 1 else {
            throw SchedulerError(.invalidMaximumInterval, "the maximum interval must be at least 1 day, got \(maximumInterval)")
        }
        self.init(uncheckedParameters: parameters, desiredRetention: desiredRetention, learningSteps: learningSteps,
                  relearningSteps: relearningSteps, maximumInterval: maximumInterval, fuzz: fuzz)
    }

    private init(uncheckedParameters: FSRSParameters, desiredRetention: Double, learningSteps: [TimeInterval],
                 relearningSteps: [TimeInterval], maximumInterval: Int, fuzz: Fuzz) {
        self.parameters = uncheckedParameters
        self.desiredRetention = desiredRetention
        self.learningSteps = learningSteps
        self.relearningSteps = relearningSteps
        self.maximumInterval = maximumInterval
        self.fuzz = fuzz
    }

    /// The same scheduler aiming at another retention.
    package func withDesiredRetention(_ retention: Double) throws(SchedulerError) -> Scheduler {
        try Scheduler(parameters: parameters, desiredRetention: retention, learningSteps: learningSteps,
                      relearningSteps: relearningSteps, maximumInterval: maximumInterval, fuzz: fuzz)
    }

    // MARK: - Memory

    /// The probability the learner recalls `card` at `time` (0 before its first review).
    /// Elapsed time counts in whole days, as the reference implementation does.
    package func retrievability(of card: ReviewCard, at time: Date) -> Double {
        guard let last = card.lastReview, let stability = card.stability else { return 0 }
        return parameters.retrievability(elapsedDays: Double(Self.wholeDays(from: last, to: time)), stability: stability)
    }

    /// Days from the memory model for a card of `stability`: rounded (half to even, as
    /// py-fsrs's `round`), at least 1, at most ``maximumInterval``.
    package func intervalDays(stability: Double) -> Int {
        let raw = parameters.rawInterval(stability: stability, retention: desiredRetention).rounded(.toNearestOrEven)
        return min(max(Int(raw), 1), maximumInterval)
    }

    /// Whole days between two times, floored; never negative.
    static func wholeDays(from start: Date, to end: Date) -> Int {
        max(0, Int((end.timeIntervalSince(start) / 86_400).rounded(.down)))
    }
}
