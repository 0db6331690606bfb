/// Running totals of one function over a run, turned into a ``FunctionSummary`` at the end.
struct FunctionTotals: Sendable {
    var requests = 0.0
    var invocations = 0.0
    var coldStarts = 0.0
    var throttles = 0.0
    /// Sync requests refused (the caller got 429).
    var failed = 0.0
    var dropped = 0.0
    /// Invocations that ran on provisioned environments.
    var onProvisioned = 0.0
    var peakConcurrency = 0.0
    var peakAt = 0
    var peakBacklog = 0.0
    var reachedTargetAt: Int?
    var longestWait = 0
    var firstThrottleAt: Int?
}
