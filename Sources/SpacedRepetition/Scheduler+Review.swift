import Foundation

extension Scheduler {
    /// The card after a review with `rating` at `time`: new stability and difficulty, then
    /// the next state, step and due date.
    package func review(_ card: ReviewCard, rating: Rating, at time: Date) -> ReviewCard {
        var next = card
        updateMemory(&next, rating: rating, at: time)
        let wait = schedule(&next, rating: rating)
        let interval: TimeInterval
        switch wait {
        case .steps(let seconds):
            interval = seconds
        case .days(let days):
            interval = TimeInterval(fuzzed(days, card: card)) * 86_400
        }
        if card.state == .review, rating == .again { next.lapses += 1 }
        next.due = time.addingTimeInterval(interval)
        next.lastReview = time
        next.reviews += 1
        next.lastRating = rating
        return next
    }

    /// Stability and difficulty: the first review sets them from the grade; a review the same
    /// day as the previous one uses the short-term formula; later ones the long-term formulas
    /// with the retrievability the card had reached.
    private func updateMemory(_ card: inout ReviewCard, rating: Rating, at time: Date) {
        guard let stability = card.stability, let difficulty = card.difficulty else {
            card.stability = parameters.initialStability(rating)
            card.difficulty = parameters.initialDifficulty(rating, clamped: true)
            return
        }
        if let last = card.lastReview, Self.wholeDays(from: last, to: time) < 1 {
            card.stability = parameters.shortTermStability(stability, rating: rating)
        } else {
            card.stability = parameters.nextStability(difficulty: difficulty, stability: stability,
                                                      retrievability: retrievability(of: card, at: time), rating: rating)
        }
        card.difficulty = parameters.nextDifficulty(difficulty, rating: rating)
    }

    private enum Wait {
        case steps(TimeInterval)
        case days(Int)
    }

    /// Moves the card through learning → review ⇄ relearning and says how long until it is due.
    private func schedule(_ card: inout ReviewCard, rating: Rating) -> Wait {
        switch card.state {
        case .learning:
            return stepThrough(&card, steps: learningSteps, rating: rating)
        case .relearning:
            return stepThrough(&card, steps: relearningSteps, rating: rating)
        case .review:
            if rating == .again, let first = relearningSteps.first {
                card.state = .relearning
                card.step = 0
                return .steps(first)
            }
            return .days(intervalDays(stability: card.stability ?? Self.fallbackStability))
        }
    }

    /// One (re)learning step. Again restarts the steps; Hard repeats the current one (on the
    /// first step: halfway to the second, or 1.5 × a single step); Good advances and graduates
    /// after the last; Easy graduates at once. A card whose step is beyond the configured steps
    /// (the steps were shortened) graduates on any pass.
    private func stepThrough(_ card: inout ReviewCard, steps: [TimeInterval], rating: Rating) -> Wait {
        let step = card.step ?? 0
        if steps.isEmpty || (step >= steps.count && rating.isRecall) {
            return graduate(&card)
        }
        switch rating {
        case .again:
            card.step = 0
            return .steps(steps[0])
        case .hard:
            card.step = step
            if step == 0 { return .steps(steps.count == 1 ? steps[0] * 1.5 : (steps[0] + steps[1]) / 2) }
            return .steps(steps[step])
        case .good:
            guard step + 1 < steps.count else { return graduate(&card) }
            card.step = step + 1
            return .steps(steps[step + 1])
        case .easy:
            return graduate(&card)
        }
    }

    private func graduate(_ card: inout ReviewCard) -> Wait {
        card.state = .review
        card.step = nil
        return .days(intervalDays(stability: card.stability ?? Self.fallbackStability))
    }

    /// Never used in practice (every reviewed card has a stability); keeps the state machine total.
    private static let fallbackStability = FSRSParameters.minimumStability
}
