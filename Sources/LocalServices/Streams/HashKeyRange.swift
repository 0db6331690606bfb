import Foundation

/// A shard's range of 128-bit hash keys, as Kinesis gives them: a record goes to the shard
/// whose range holds the MD5 of its partition key read as an unsigned big-endian integer.
/// `CreateStream` with N shards splits 0…2¹²⁸−1 into N ranges of ⌊2¹²⁸ / N⌋ keys, the last
/// taking the rest (a two-shard stream splits at 2¹²⁷).
package struct HashKeyRange: Sendable, Hashable {
    package let startingHashKey: UInt128
    package let endingHashKey: UInt128

    package func contains(_ key: UInt128) -> Bool { startingHashKey <= key && key <= endingHashKey }

    /// The ranges of a new stream with `count` shards.
    static func split(into count: Int) -> [HashKeyRange] {
        guard count > 1 else { return [HashKeyRange(startingHashKey: 0, endingHashKey: .max)] }
        let n = UInt128(count)
        // ⌊2¹²⁸ / n⌋ without 2¹²⁸ itself: ⌊(2¹²⁸ − 1) / n⌋, plus one when n divides 2¹²⁸.
        let width = UInt128.max / n + (UInt128.max % n == n - 1 ? 1 : 0)
        return (0..<count).map { index in
            let start = width * UInt128(index)
            let end = index == count - 1 ? UInt128.max : start + width - 1
            return HashKeyRange(startingHashKey: start, endingHashKey: end)
        }
    }

    /// The hash key of a partition key: its MD5, big-endian.
    static func hashKey(_ partitionKey: String) -> UInt128 {
        MD5.digest(Data(partitionKey.utf8)).reduce(UInt128(0)) { $0 << 8 | UInt128($1) }
    }
}
