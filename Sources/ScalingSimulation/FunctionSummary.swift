import LambdaModel

/// What one function did over a run, in the figures a learner and an exam care about.
package struct FunctionSummary: Sendable {
    package let spec: FunctionSpec
    package let requests: Double
    package let invocations: Double
    package let coldStarts: Double
    /// Invocation attempts refused with 429 (Lambda's `Throttles` metric).
    package let throttles: Double
    /// Sync requests whose callers got 429.
    package let failed: Double
    /// Async events given up on.
    package let dropped: Double
    package let backlogAtEnd: Double
    package let peakBacklog: Double
    package let peakConcurrency: Double
    package let peakAt: Int
    /// The concurrency "time to reach" asks about, and the first second it was reached.
    package let target: Int
    /// The most concurrency the function could have: reserved, or the account limit less other
    /// functions' reservations.
    package let reachable: Int
    package let reachedTargetAt: Int?
    package let firstThrottleAt: Int?
    /// Longest an async event waited in the retry queue before it ran, in seconds.
    package let longestWait: Int
    package let onProvisioned: Double
    /// Latency of invocations that ran (duration, plus INIT for cold starts), in seconds.
    package let latencyP50: Double?
    package let latencyP99: Double?
    package let meanDuration: Double
    package let cost: SimulationCost
    /// `calc concurrency` at the peak rate: the steady-state arithmetic the run can be checked
    /// against.
    package let steadyEstimate: ConcurrencyEstimate

    init(_ engine: FunctionEngine, lengthSeconds: Int) {
        let totals = engine.totals
        spec = engine.spec
        requests = totals.requests
        invocations = totals.invocations
        coldStarts = totals.coldStarts
        throttles = totals.throttles
        failed = totals.failed
        dropped = totals.dropped
        backlogAtEnd = engine.backlogAtEnd
        peakBacklog = totals.peakBacklog
        peakConcurrency = totals.peakConcurrency
        peakAt = totals.peakAt
        target = Int(engine.target)
        reachable = engine.reachable
        reachedTargetAt = totals.reachedTargetAt
        firstThrottleAt = totals.firstThrottleAt
        longestWait = totals.longestWait
        onProvisioned = totals.onProvisioned
        meanDuration = engine.kernel.meanDuration
        let mixture = LatencyMixture(duration: spec.duration, initSeconds: spec.initSeconds,
                                     warm: max(0, totals.invocations - totals.coldStarts), cold: totals.coldStarts)
        latencyP50 = mixture.quantile(0.5)
        latencyP99 = mixture.quantile(0.99)
        cost = SimulationCost(spec: spec, totals: totals, meanDuration: meanDuration, lengthSeconds: lengthSeconds)
        var peakRate = spec.traffic.peak
        if case .queue(let batchSize, _) = spec.caller { peakRate /= Double(batchSize) }
        steadyEstimate = ConcurrencyEstimate(requestsPerSecond: peakRate, durationSeconds: meanDuration,
                                             reservedConcurrency: spec.reserved, accountLimit: engine.accountLimit)
    }

    /// Invocations that spilled over past provisioned concurrency (on-demand, possibly cold).
    package var spillover: Double { spec.provisioned > 0 ? max(0, invocations - onProvisioned) : invocations }

    /// Share of invocations that started cold.
    package var coldStartShare: Double { invocations > 0 ? coldStarts / invocations : 0 }
}
