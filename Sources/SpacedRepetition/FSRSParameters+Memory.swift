import Foundation

/// The FSRS-6 memory model: how stability (S, in days) and difficulty (D, 1–10) change with
/// each review, and how likely recall is (retrievability, R) after `t` days.
///
/// Written from the algorithm's published description (the open-spaced-repetition wiki, "The
/// Algorithm", FSRS-6) and checked against py-fsrs 6.3.2, the reference implementation; see
/// `Tests/SpacedRepetitionTests`. Grades enter as numbers: Again 1, Hard 2, Good 3, Easy 4.
extension FSRSParameters {
    static let minimumStability = 0.001
    static let difficultyRange = 1.0...10.0

    /// R(t, S) = (1 + factor · t / S)^decay: 0.9 when t equals S.
    package func retrievability(elapsedDays: Double, stability: Double) -> Double {
        pow(1 + factor * elapsedDays / stability, decay)
    }

    /// S₀(G) = w[G−1]: the stability after the very first review.
    func initialStability(_ rating: Rating) -> Double {
        max(weights[rating.rawValue - 1], Self.minimumStability)
    }

    /// D₀(G) = w4 − e^(w5·(G−1)) + 1. Clamped to 1…10 for a new card; left unclamped as the
    /// target of mean reversion.
    func initialDifficulty(_ rating: Rating, clamped: Bool) -> Double {
        let raw = weights[4] - exp(weights[5] * Double(rating.rawValue - 1)) + 1
        return clamped ? Self.clampDifficulty(raw) : raw
    }

    /// D' = w7·D₀(Easy) + (1 − w7)·(D + ΔD·(10 − D)/9), with ΔD = −w6·(G − 3): a step up for
    /// Again and Hard, down for Easy, damped near 10, pulled slightly back towards D₀(Easy).
    func nextDifficulty(_ difficulty: Double, rating: Rating) -> Double {
        let delta = -weights[6] * Double(rating.rawValue - 3)
        let damped = difficulty + delta * (10 - difficulty) / 9
        let reverted = weights[7] * initialDifficulty(.easy, clamped: false) + (1 - weights[7]) * damped
        return Self.clampDifficulty(reverted)
    }

    /// A review on the same day as the last one: S' = S · e^(w17·(G − 3 + w18)) · S^(−w19).
    /// For every passing grade the factor is at least 1, so a same-day success never lowers
    /// stability (py-fsrs 6.3.2 and the benchmark model apply this floor to Hard too).
    func shortTermStability(_ stability: Double, rating: Rating) -> Double {
        var increase = exp(weights[17] * (Double(rating.rawValue) - 3 + weights[18])) * pow(stability, -weights[19])
        if rating.isRecall { increase = max(increase, 1) }
        return max(stability * increase, Self.minimumStability)
    }

    /// Stability after a review a day or more later: the recall formula for a pass, the
    /// post-lapse formula for Again.
    func nextStability(difficulty: Double, stability: Double, retrievability: Double, rating: Rating) -> Double {
        let next = rating == .again
            ? forgetStability(difficulty: difficulty, stability: stability, retrievability: retrievability)
            : recallStability(difficulty: difficulty, stability: stability, retrievability: retrievability, rating: rating)
        return max(next, Self.minimumStability)
    }

    /// S' = S · (1 + e^w8 · (11 − D) · S^(−w9) · (e^(w10·(1 − R)) − 1) · hard · easy): the lower R
    /// was (the longer the wait), the bigger the gain; harder cards and already stable ones gain less.
    func recallStability(difficulty: Double, stability: Double, retrievability: Double, rating: Rating) -> Double {
        let hardPenalty = rating == .hard ? weights[15] : 1
        let easyBonus = rating == .easy ? weights[16] : 1
        let gain = exp(weights[8]) * (11 - difficulty) * pow(stability, -weights[9])
            * (exp((1 - retrievability) * weights[10]) - 1) * hardPenalty * easyBonus
        return stability * (1 + gain)
    }

    /// After a lapse: S' = w11 · D^(−w12) · ((S + 1)^w13 − 1) · e^(w14·(1 − R)), never more than
    /// S / e^(w17·w18) (a lapse must not leave a card more stable than a same-day Again would).
    func forgetStability(difficulty: Double, stability: Double, retrievability: Double) -> Double {
        let longTerm = weights[11] * pow(difficulty, -weights[12]) * (pow(stability + 1, weights[13]) - 1)
            * exp((1 - retrievability) * weights[14])
        let shortTermCeiling = stability / exp(weights[17] * weights[18])
        return min(longTerm, shortTermCeiling)
    }

    /// The interval (days, unrounded) after which retrievability falls to `retention`:
    /// I = S / factor · (retention^(1/decay) − 1).
    func rawInterval(stability: Double, retention: Double) -> Double {
        stability / factor * (pow(retention, 1 / decay) - 1)
    }

    static func clampDifficulty(_ value: Double) -> Double {
        min(max(value, difficultyRange.lowerBound), difficultyRange.upperBound)
    }
}
