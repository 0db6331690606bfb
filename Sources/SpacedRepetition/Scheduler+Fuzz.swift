import Foundation

extension Scheduler {
    /// The window an interval of `days` may be moved within: ±(1 day + 15 % of the part from
    /// 2.5 to 7 days + 10 % of 7–20 + 5 % beyond 20), at least 2 days, at most the maximum
    /// (the ranges of py-fsrs and the other FSRS implementations). Nil below 2.5 days: short
    /// intervals are not fuzzed.
    package func fuzzRange(days: Int) -> ClosedRange<Int>? {
        guard Double(days) >= 2.5 else { return nil }
        var delta = 1.0
        for band in Self.fuzzBands {
            delta += band.factor * max(min(Double(days), band.end) - band.start, 0)
        }
        var low = Int((Double(days) - delta).rounded(.toNearestOrEven))
        var high = Int((Double(days) + delta).rounded(.toNearestOrEven))
        low = max(2, low)
        high = min(high, maximumInterval)
        low = min(low, high)
        return low...high
    }

    private static let fuzzBands: [(start: Double, end: Double, factor: Double)] = [
        (2.5, 7, 0.15), (7, 20, 0.10), (20, .infinity, 0.05),
    ]

    /// `days` moved to a day drawn uniformly from ``fuzzRange(days:)``. The draw depends only on
    /// the seed, the card id and how many reviews the card had, so it is reproducible.
    ///
    /// py-fsrs draws from Python's global `random()` and rounds `random · (n + 1) + low`, which
    /// can land one day past the top of the range; this picks within the range.
    func fuzzed(_ days: Int, card: ReviewCard) -> Int {
        guard case .seeded(let seed) = fuzz, let range = fuzzRange(days: days) else { return days }
        var generator = SplitMix64(seed: seed ^ StableHash.fnv1a(card.id) ^ (UInt64(card.reviews) &* 0x9E37_79B9_7F4A_7C15))
        let count = UInt64(range.count)
        return range.lowerBound + Int(generator.next() % count)
    }
}

/// SplitMix64: a tiny, well-mixed generator whose sequence is the same on every platform and
/// run (Swift's `Hasher` and `SystemRandomNumberGenerator` are not).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A hash of text that never changes between runs (for seeding, not for security).
enum StableHash {
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
