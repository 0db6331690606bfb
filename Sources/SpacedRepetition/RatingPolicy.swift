/// Turns an answer into an FSRS grade, from whether it was right, how sure the learner said
/// they were, and how long it took:
///
/// | answer                                             | grade |
/// |----------------------------------------------------|-------|
/// | wrong, blank, revealed (`show`)                     | Again |
/// | right, but the learner said it was a guess          | Again |
/// | right, but unsure, slow, or after the hint          | Hard  |
/// | right, sure and fast                                | Easy  |
/// | any other right answer                              | Good  |
///
/// *Slow* is more than ``slowFactor`` × the expected time, *fast* at most ``fastFraction`` × it.
/// A right guess counts as Again because it is not recall: on a four-option question one guess
/// in four is right by chance, and scheduling it as a success would hide the card for days.
/// An answer with no time measured is neither slow nor fast.
package struct RatingPolicy: Sendable, Hashable, Codable {
    /// The expected time when the event does not say (an exam allows about two minutes a
    /// question; a review of something known should take well under one).
    package var defaultExpectedSeconds: Double
    package var slowFactor: Double
    package var fastFraction: Double

    package static let standard = RatingPolicy(defaultExpectedSeconds: 40, slowFactor: 2, fastFraction: 0.5)

    package init(defaultExpectedSeconds: Double, slowFactor: Double, fastFraction: Double) {
        self.defaultExpectedSeconds = defaultExpectedSeconds
        self.slowFactor = slowFactor
        self.fastFraction = fastFraction
    }

    package func rating(for answer: ReviewEvent.Answer) -> Rating {
        guard answer.correct, !answer.revealed else { return .again }
        if answer.confidence == .guess { return .again }
        let expected = answer.expectedSeconds ?? defaultExpectedSeconds
        let slow = answer.seconds.map { $0 > expected * slowFactor } ?? false
        let fast = answer.seconds.map { $0 <= expected * fastFraction } ?? false
        if answer.confidence == .unsure || slow || answer.hinted { return .hard }
        if answer.confidence == .sure, fast { return .easy }
        return .good
    }
}
