import Foundation

/// The 21 weights of the FSRS-6 memory model, checked against the bounds the reference
/// implementation accepts.
///
/// The defaults are the published FSRS-6 defaults (fitted by the open-spaced-repetition project
/// on the anki-revlogs-10k dataset), as py-fsrs 6.3.2 ships them. A trainer or a later optimiser
/// may pass their own; ``init(_:)`` refuses a vector that is the wrong length or out of bounds
/// rather than producing intervals nobody can explain.
package struct FSRSParameters: Sendable, Hashable, Codable {
    /// `w[0]` … `w[20]`.
    package let weights: [Double]

    /// The model version these weights belong to (21 weights: FSRS-6).
    package static let modelVersion = "FSRS-6"

    /// FSRS-6's published default weights.
    package static let defaults = FSRSParameters(unchecked: [
        0.212, 1.2931, 2.3065, 8.2956,          // w0–w3: initial stability for Again, Hard, Good, Easy (days)
        6.4133, 0.8334,                         // w4–w5: initial difficulty
        3.0194, 0.001,                          // w6: difficulty step per grade; w7: mean reversion
        1.8722, 0.1666, 0.796,                  // w8–w10: stability after a recall
        1.4835, 0.0614, 0.2629, 1.6483,         // w11–w14: stability after a lapse
        0.6014, 1.8729,                         // w15: Hard penalty; w16: Easy bonus
        0.5425, 0.0912, 0.0658,                 // w17–w19: same-day (short-term) stability
        0.1542,                                 // w20: the forgetting curve's decay
    ])

    /// The lowest value each weight may take (py-fsrs's `LOWER_BOUNDS_PARAMETERS`).
    package static let lowerBounds: [Double] = [
        0.001, 0.001, 0.001, 0.001, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
        0.001, 0.001, 0.001, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.1,
    ]

    /// The highest value each weight may take (py-fsrs's `UPPER_BOUNDS_PARAMETERS`).
    package static let upperBounds: [Double] = [
        100, 100, 100, 100, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5,
        5.0, 0.25, 0.9, 4.0, 1.0, 6.0, 2.0, 2.0, 0.8, 0.8,
    ]

    package init(_ weights: [Double]) throws(SchedulerError) {
        guard weights.count == Self.lowerBounds.count else {
            throw SchedulerError(.invalidParameters, "FSRS-6 takes \(Self.lowerBounds.count) parameters, got \(weights.count)")
        }
        var problems: [String] = []
        for (index, weight) in weights.enumerated() {
            let low = Self.lowerBounds[index], high = Self.upperBounds[index]
            if !(low...high).contains(weight) { problems.append("w[\(index)] = \(weight) is outside \(low)…\(high)") }
        }
        guard problems.isEmpty else {
            throw SchedulerError(.invalidParameters, "FSRS-6 parameters out of bounds: " + problems.joined(separator: "; "))
        }
        self.weights = weights
    }

    private init(unchecked weights: [Double]) {
        self.weights = weights
    }

    package subscript(index: Int) -> Double { weights[index] }

    /// The forgetting curve's exponent: `-w20`.
    package var decay: Double { -weights[20] }

    /// Chosen so that retrievability is exactly 90 % when the elapsed time equals the stability:
    /// `0.9^(1/decay) - 1`.
    package var factor: Double { pow(0.9, 1 / decay) - 1 }
}
