/// What one function (or the whole account) did in one simulated second, or in a bucket of
/// seconds when a long run is condensed for a chart.
package struct Sample: Sendable, Hashable {
    /// Start of the second (or bucket), in seconds from t = 0.
    package var t: Int
    /// New requests, events or messages that arrived.
    package var requests: Double
    /// Invocations that ran (batches, for an SQS mapping).
    package var invocations: Double
    /// Average executions in flight during the second (the most of any second in a bucket).
    package var concurrency: Double
    /// New execution environments started (each one an INIT).
    package var coldStarts: Double
    /// Invocation attempts refused with 429: failed for sync callers, queued again for async
    /// ones, left in the queue for an SQS mapping.
    package var throttles: Double
    /// Events or messages waiting at the end of the second (async retry queue, SQS queue).
    package var backlog: Double
    /// Async events given up on (past the maximum event age, or reserved concurrency 0).
    package var dropped: Double
    /// The most concurrency the function could have used this second: its scaling so far plus
    /// this second's allowance, within its reserved concurrency or its share of the pool.
    package var ceiling: Double
    /// Environments in existence (busy or warm and idle), provisioned ones included.
    package var environments: Double

    package init(t: Int, requests: Double = 0, invocations: Double = 0, concurrency: Double = 0, coldStarts: Double = 0,
                throttles: Double = 0, backlog: Double = 0, dropped: Double = 0, ceiling: Double = 0, environments: Double = 0) {
        self.t = t
        self.requests = requests
        self.invocations = invocations
        self.concurrency = concurrency
        self.coldStarts = coldStarts
        self.throttles = throttles
        self.backlog = backlog
        self.dropped = dropped
        self.ceiling = ceiling
        self.environments = environments
    }

    /// Adds another second: counts add up, levels keep the highest.
    @inline(__always)
    mutating func absorb(_ other: Sample) {
        requests += other.requests
        invocations += other.invocations
        concurrency = max(concurrency, other.concurrency)
        coldStarts += other.coldStarts
        throttles += other.throttles
        backlog = max(backlog, other.backlog)
        dropped += other.dropped
        ceiling = max(ceiling, other.ceiling)
        environments = max(environments, other.environments)
    }

    /// The account-wide sum of several functions' same second: everything adds up.
    @inline(__always)
    mutating func add(_ other: Sample) {
        requests += other.requests
        invocations += other.invocations
        concurrency += other.concurrency
        coldStarts += other.coldStarts
        throttles += other.throttles
        backlog += other.backlog
        dropped += other.dropped
        ceiling += other.ceiling
        environments += other.environments
    }
}

/// Receives every simulated second as it is computed (the JSON and CSV writers stream from
/// here, so a month of seconds is never held in memory).
package protocol SimulationObserver {
    /// `samples[i]` is function i's second `t`.
    mutating func record(second t: Int, samples: UnsafeBufferPointer<Sample>)
}

/// Records nothing: summaries only (the benchmark, generated questions).
package struct NoRecording: SimulationObserver {
    package init() {}
    @inline(__always)
    package mutating func record(second t: Int, samples: UnsafeBufferPointer<Sample>) {}
}

/// Keeps the series in buckets of `bucketSeconds` (1 = every second), per function and for the
/// account as a whole.
package struct SeriesRecorder: SimulationObserver {
    package let bucketSeconds: Int
    package private(set) var functions: [[Sample]]
    package private(set) var account: [Sample]
    private var open: [Sample]
    private var openAccount: Sample
    private var filled = 0

    package init(functions count: Int, bucketSeconds: Int) {
        self.bucketSeconds = max(1, bucketSeconds)
        functions = Array(repeating: [], count: count)
        account = []
        open = Array(repeating: Sample(t: 0), count: count)
        openAccount = Sample(t: 0)
    }

    /// A bucket size that keeps at most `maxSamples` points for a run of `length` seconds.
    package static func bucket(forLength length: Int, maxSamples: Int) -> Int {
        max(1, (length + maxSamples - 1) / max(1, maxSamples))
    }

    package mutating func record(second t: Int, samples: UnsafeBufferPointer<Sample>) {
        var total = Sample(t: t)
        for sample in samples { total.add(sample) }
        if filled == 0 {
            for index in samples.indices { open[index] = samples[index] }
            openAccount = total
        } else {
            for index in samples.indices { open[index].absorb(samples[index]) }
            openAccount.absorb(total)
        }
        filled += 1
        if filled == bucketSeconds { flush() }
    }

    /// Closes a partly filled last bucket.
    package mutating func finish() {
        if filled > 0 { flush() }
    }

    private mutating func flush() {
        for index in open.indices { functions[index].append(open[index]) }
        account.append(openAccount)
        filled = 0
    }
}
