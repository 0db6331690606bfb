import LambdaModel

/// Lambda's internal queue for asynchronous events that were throttled.
///
/// A throttled event goes back to the queue and is tried again after a backoff that starts at
/// 1 s and doubles up to 5 min; after the maximum event age (6 h by default) it is dropped. The
/// queue is kept as counts per number of throttles so far, each in a ring of due seconds: every
/// event that has been throttled n times has waited exactly age(n) seconds, so ages need no
/// per-event bookkeeping.
struct AsyncRetryQueue: Sendable {
    static var minBackoff: Int { Facts.asyncThrottleBackoffMin.int }
    static var maxBackoff: Int { Facts.asyncThrottleBackoffMax.int }
    static var ring: Int { maxBackoff + 1 }

    /// Throttles an event may take before its age passes the maximum and it is dropped.
    let maxThrottles: Int
    /// `due[n * ring + second % ring]`: events throttled n times, due again at that second.
    private var due: [Double]
    private var levelTotals: [Double]
    /// Events waiting for a retry.
    private(set) var backlog = 0.0
    /// Highest throttle count among waiting events (so the per-second scan stays short).
    private var highestLevel = 0
    private let ringSize: Int
    /// `ages[n]` = age(afterThrottles: n), worked out once.
    private let ages: [Int]

    /// Wait after the n-th throttle (n ≥ 1): 1 s, 2 s, 4 s … up to 5 min.
    static func backoff(afterThrottle n: Int) -> Int {
        let doubled = n - 1 >= 20 ? Int.max : minBackoff << (n - 1)
        return min(doubled, maxBackoff)
    }

    /// Seconds an event has waited when it is tried after its n-th throttle.
    static func age(afterThrottles n: Int) -> Int {
        (0..<max(0, n)).reduce(0) { $0 + backoff(afterThrottle: $1 + 1) }
    }

    init(maxEventAgeSeconds: Int) {
        var n = 0
        while Self.age(afterThrottles: n + 1) <= maxEventAgeSeconds { n += 1 }
        maxThrottles = n
        ringSize = Self.ring
        ages = (0...n + 1).map { Self.age(afterThrottles: $0) }
        due = Array(repeating: 0, count: (n + 1) * ringSize)
        levelTotals = Array(repeating: 0, count: n + 1)
    }

    /// Events due for another attempt at second `t`.
    func dueTotal(at t: Int) -> Double {
        guard backlog > 0 else { return 0 }
        let slot = t % ringSize
        var total = 0.0
        var n = 1
        while n <= highestLevel {
            if levelTotals[n] > 0 { total += due[n * ringSize + slot] }
            n += 1
        }
        return total
    }

    /// Settles second `t`: of `newEvents` and the events due, the share `admitted` ran; the rest
    /// is throttled again and requeued (or dropped past the maximum age).
    /// - Returns: events dropped, and the longest wait among events that ran (seconds).
    mutating func settle(at t: Int, newEvents: Double, admittedShare: Double) -> (dropped: Double, longestWait: Int) {
        let throttledShare = 1 - admittedShare
        var dropped = 0.0
        var longestWait = 0
        let slot = t % ringSize
        // Walk from the highest level down so requeued events never meet their own slot twice.
        var n = highestLevel
        while n >= 1 {
            if levelTotals[n] > 0 {
                let index = n * ringSize + slot
                let count = due[index]
                if count > 0 {
                    due[index] = 0
                    levelTotals[n] -= count
                    backlog -= count
                    if admittedShare > 0 { longestWait = max(longestWait, ages[n]) }
                    dropped += requeue(count * throttledShare, throttles: n + 1, at: t)
                }
                if levelTotals[n] < 1e-9 { levelTotals[n] = 0 }
            }
            n -= 1
        }
        dropped += requeue(newEvents * throttledShare, throttles: 1, at: t)
        if backlog < 1e-9 { backlog = 0 }
        while highestLevel > 0, levelTotals[highestLevel] == 0 { highestLevel -= 1 }
        return (dropped, longestWait)
    }

    /// Puts events that were just throttled for the n-th time back in the queue; returns how
    /// many were dropped instead because they would pass the maximum age.
    private mutating func requeue(_ count: Double, throttles n: Int, at t: Int) -> Double {
        guard count > 1e-12 else { return 0 }
        guard n <= maxThrottles else { return count }
        let when = t + Self.backoff(afterThrottle: n)
        due[n * ringSize + when % ringSize] += count
        levelTotals[n] += count
        backlog += count
        highestLevel = max(highestLevel, n)
        return 0
    }
}
