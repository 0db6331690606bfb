import Foundation

/// Where a card is in FSRS's life cycle. Raw values are py-fsrs's, so exported schedules
/// compare directly with the reference implementation.
package enum LearningState: Int, Sendable, Hashable, Codable, CustomStringConvertible {
    /// New or being learned: short learning steps (minutes) until it graduates.
    case learning = 1
    /// Graduated: intervals in days from the memory model.
    case review = 2
    /// Forgotten after graduating: short relearning steps, then back to review.
    case relearning = 3

    package var description: String {
        switch self {
        case .learning: "learning"
        case .review: "review"
        case .relearning: "relearning"
        }
    }
}

/// One thing to remember (a question, a checkpoint) and its memory state.
///
/// A card is never the only record of anything: it is what replaying the learner's answers
/// through the ``Scheduler`` gives, and ``ReviewSchedule`` rebuilds it from the attempt log
/// whenever the cached copy is missing, stale or damaged.
package struct ReviewCard: Sendable, Hashable, Codable, Identifiable {
    /// The question or checkpoint id.
    package var id: String
    package var state: LearningState
    /// The learning or relearning step; nil in review.
    package var step: Int?
    /// Days until retrievability falls to 90 %; nil before the first review.
    package var stability: Double?
    /// 1 (easy to remember) to 10 (hard); nil before the first review.
    package var difficulty: Double?
    /// When the card should next be shown.
    package var due: Date
    package var lastReview: Date?
    /// Reviews so far (also seeds the fuzz, so a replay gives the same intervals).
    package var reviews: Int
    /// Times the card was forgotten after it had graduated (Again in review).
    package var lapses: Int
    /// The last rating given.
    package var lastRating: Rating?

    /// A new card, due at `created`.
    package init(id: String, created: Date) {
        self.id = id
        self.state = .learning
        self.step = 0
        self.stability = nil
        self.difficulty = nil
        self.due = created
        self.lastReview = nil
        self.reviews = 0
        self.lapses = 0
        self.lastRating = nil
    }

    package init(id: String, state: LearningState, step: Int?, stability: Double?, difficulty: Double?, due: Date,
                lastReview: Date?, reviews: Int = 0, lapses: Int = 0, lastRating: Rating? = nil) {
        self.id = id
        self.state = state
        self.step = step
        self.stability = stability
        self.difficulty = difficulty
        self.due = due
        self.lastReview = lastReview
        self.reviews = reviews
        self.lapses = lapses
        self.lastRating = lastRating
    }

    package func isDue(at now: Date) -> Bool { due <= now }
}
