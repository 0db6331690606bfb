import LambdaModel

/// The pollers of an SQS event source mapping (standard mode) and the queue they read.
///
/// They start with 5 concurrent batches, add up to 300 concurrent invokes per minute while
/// messages keep waiting, and stop at the mapping's maximum (1,250 by default, or the maximum
/// concurrency setting). Throttled batches are not lost: their messages stay in the queue and the
/// pollers back off (by how much AWS does not say; see ``Assumptions/pollerThrottleFactor``).
struct QueuePoller: Sendable {
    let batchSize: Double
    let cap: Double
    static var initial: Double { Facts.sqsInitialBatches.value }
    static var growthPerSecond: Double { Facts.sqsScaleUpPerMinute.value / 60 }

    /// Messages in the queue.
    var messages = 0.0
    /// Concurrent invokes the pollers aim for.
    private(set) var target = QueuePoller.initial

    init(batchSize: Int, maxConcurrency: Int?) {
        self.batchSize = Double(batchSize)
        self.cap = Double(maxConcurrency ?? Facts.sqsMaxConcurrencyDefault.int)
        self.target = min(Self.initial, cap)
    }

    /// Batches the pollers start this second: enough to keep `target` invokes in flight, and
    /// no more than the waiting messages fill.
    @inline(__always)
    func batchesWanted(carry: Double, firstSecondShare: Double) -> Double {
        guard messages > 0 else { return 0 }
        let room = max(0, (target - carry) / firstSecondShare)
        let byMessages = (messages / batchSize).rounded(.up)
        return min((room + 1e-9).rounded(.down), byMessages)
    }

    /// After the second: remove what ran, then grow, hold or back off.
    mutating func settle(batchesRun: Double, throttledBatches: Double, wanted: Double, concurrency: Double) {
        messages = max(0, messages - batchesRun * batchSize)
        if throttledBatches > 0 {
            target = max(min(Self.initial, cap), target * Assumptions.pollerThrottleFactor)
        } else if messages > 0 {
            target = min(cap, target + Self.growthPerSecond)
        } else if wanted == 0 || messages == 0 {
            target = min(cap, max(Self.initial, concurrency.rounded(.up)))
        }
    }
}
