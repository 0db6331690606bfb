/// The largest value pushed during the last `window` seconds, in O(1) amortised per second.
///
/// Environments stay warm for the idle lifetime after their last use, so the number that exist
/// now is the most that were needed at once within that window (a monotonic queue of
/// (second, value) pairs, oldest and largest in front).
struct SlidingMaximum: Sendable {
    private var times: [Int]
    private var values: [Double]
    private var head = 0
    private var count = 0
    private let capacity: Int

    init(window: Int) {
        capacity = max(2, window + 2)
        times = Array(repeating: 0, count: capacity)
        values = Array(repeating: 0, count: capacity)
    }

    /// Forgets values pushed before second `t`.
    @inline(__always)
    mutating func evict(before t: Int) {
        while count > 0, times[head] < t {
            head = head + 1 == capacity ? 0 : head + 1
            count -= 1
        }
    }

    /// The largest value still held (0 when empty).
    @inline(__always)
    var maximum: Double { count > 0 ? values[head] : 0 }

    @inline(__always)
    mutating func push(_ t: Int, _ value: Double) {
        while count > 0 {
            let tail = (head + count - 1) % capacity
            guard values[tail] <= value else { break }
            count -= 1
        }
        if count == capacity {  // cannot happen with evict(before:) called each second; keep the newest
            head = head + 1 == capacity ? 0 : head + 1
            count -= 1
        }
        let slot = (head + count) % capacity
        times[slot] = t
        values[slot] = value
        count += 1
    }
}
