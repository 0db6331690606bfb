/// A small deterministic random number generator (SplitMix64) and the helpers built on it.
///
/// Why our own: a trainer who gives a room seed 42 must give every learner the same questions
/// and the same numbers, on Linux and macOS, this year and after a Swift upgrade. The standard
/// library's `shuffle(using:)` and `random(in:using:)` algorithms are not promised to stay the
/// same across versions, so sampling, shuffling and generated variants use only the methods
/// here. Never use `SystemRandomNumberGenerator` for anything a seed must reproduce.
package struct SeededRandom: Sendable {
    private var state: UInt64

    package init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits (SplitMix64, Steele, Lea & Flood 2014).
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` without modulo bias (rejection sampling).
    package mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let n = UInt64(bound)
        let limit = UInt64.max - UInt64.max % n
        while true {
            let value = next()
            if value < limit { return Int(value % n) }
        }
    }

    /// A uniform integer in the closed range.
    package mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.upperBound - range.lowerBound + 1)
    }

    /// The elements in a random order (Fisher–Yates, walking down from the end).
    package mutating func shuffled<T>(_ items: [T]) -> [T] {
        var result = items
        var index = result.count - 1
        while index > 0 {
            let other = int(below: index + 1)
            result.swapAt(index, other)
            index -= 1
        }
        return result
    }

    /// A seed for one part of a larger run (one question of an exam), so that each part is
    /// reproducible on its own and does not shift when other parts change.
    ///
    /// Kept below 2^53 so the seed survives JSON readers that store numbers as doubles
    /// (spreadsheets, JavaScript) when logs are exported.
    package static func derive(_ seed: UInt64, _ label: String) -> UInt64 {
        var mixer = SeededRandom(seed: seed ^ stableHash(label))
        return mixer.next() & ((1 << 53) - 1)
    }

    /// FNV-1a over the UTF-8 bytes. `Hasher` is randomised per process, so it cannot be used
    /// for anything that must be the same tomorrow.
    package static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// A fresh seed for a session the learner did not seed. Only the choice of seed is random;
    /// the seed is logged, so the session can still be replayed.
    package static func freshSeed() -> UInt64 {
        UInt64.random(in: 1...999_999)
    }
}
