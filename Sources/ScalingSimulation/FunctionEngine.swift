import Foundation
import LambdaModel

/// One function's state as the simulator steps through time.
///
/// Each second runs in two halves, because functions without reserved concurrency share the
/// account pool: ``begin(_:)`` works out what the function wants (its arrivals, the work still
/// running from earlier seconds, the concurrency it would need to take everything), the
/// simulator decides the ceiling each function may use, and ``finish(_:ceiling:)`` admits what
/// fits and throttles the rest.
///
/// Quantities are fluid where that is exact enough (concurrency is an average over the second)
/// and whole where a learner counts them (arrivals, invocations, cold starts).
struct FunctionEngine: Sendable {
    let spec: FunctionSpec
    let kernel: OccupancyKernel
    /// Busy share of the first second for a warm request, and the extra share a cold start adds.
    let w0: Double
    let v0: Double
    let rateFactor: Double
    let provisioned: Double
    /// Reserved concurrency, or the account limit.
    let limit: Double
    let isReserved: Bool
    let accountLimit: Int
    /// Async with reserved concurrency 0: events go straight to the DLQ or on-failure
    /// destination without retries.
    let dropsAllEvents: Bool

    private var arrivalAccumulator = 0.0
    // The last kernel.count − 1 seconds' admissions and cold starts, newest at `ringHead`.
    private var pastInvocations: [Double]
    private var pastColdStarts: [Double]
    private var ringHead = 0
    private let ringSize: Int

    var tokens: Double
    private var environmentWindow: SlidingMaximum
    private var unitWindow: SlidingMaximum
    private var retry: AsyncRetryQueue?
    private var poller: QueuePoller?

    // This second, set by begin(_:).
    private(set) var arrivals = 0.0
    private var syncDemand = 0.0
    private var asyncDemand = 0.0
    /// Concurrency still running from earlier seconds.
    private(set) var carry = 0.0
    private(set) var environmentsBefore = 0.0
    /// Scaling units already allocated: concurrency, or a tenth of the request rate if that is
    /// more (each unit of concurrency allows 10 requests per second).
    private(set) var unitsBefore = 0.0
    /// Units allocated after this second (set by finish(_:ceiling:)).
    private(set) var unitsAllocated = 0.0
    /// Units needed to admit everything that wants to run this second.
    private(set) var demandUnits = 0.0

    var totals = FunctionTotals()
    let target: Double
    /// The most concurrency the function can ever have: reserved, or the unreserved pool.
    let reachable: Int

    /// - Parameter pool: the account limit less every reservation (what unreserved functions share).
    init(_ spec: FunctionSpec, accountLimit: Int, pool: Int) {
        self.spec = spec
        kernel = OccupancyKernel(duration: spec.duration, initSeconds: spec.initSeconds)
        w0 = kernel.warm[0]
        v0 = min(kernel.coldExtra[0], 1 - w0)
        rateFactor = Facts.rpsPerConcurrency.value
        provisioned = Double(spec.provisioned)
        limit = Double(spec.reserved ?? accountLimit)
        isReserved = spec.reserved != nil
        self.accountLimit = accountLimit
        ringSize = max(1, kernel.count - 1)
        pastInvocations = Array(repeating: 0, count: ringSize)
        pastColdStarts = Array(repeating: 0, count: ringSize)
        tokens = ScalingModel.bucketSize
        environmentWindow = SlidingMaximum(window: spec.idleLifetimeSeconds)
        unitWindow = SlidingMaximum(window: spec.idleLifetimeSeconds)
        switch spec.caller {
        case .sync:
            dropsAllEvents = false
        case .async(let age):
            dropsAllEvents = spec.reserved == 0
            retry = AsyncRetryQueue(maxEventAgeSeconds: age)
        case .queue(let batchSize, let maxConcurrency):
            dropsAllEvents = false
            poller = QueuePoller(batchSize: batchSize, maxConcurrency: maxConcurrency)
        }
        reachable = spec.reserved ?? pool
        target = Double(max(1, spec.target ?? spec.steadyNeedAtPeak(limit: reachable)))
    }

    /// Concurrency this second if `admitted` requests start now: the running work, the new
    /// requests' share of the second, and INIT for those that find no warm environment.
    @inline(__always)
    private func concurrency(admitting admitted: Double) -> (concurrency: Double, coldStarts: Double) {
        let warmEquivalent = carry + admitted * w0
        let cold = min(admitted, max(0, (warmEquivalent - environmentsBefore) / (1 - v0)))
        return (warmEquivalent + v0 * cold, cold)
    }

    /// Most requests that can start this second without concurrency passing `ceiling`.
    @inline(__always)
    private func admissible(under ceiling: Double) -> Double {
        // Below the existing environments no INIT is added; above, each new one adds v0.
        let warmEquivalent = ceiling <= environmentsBefore ? ceiling : ceiling * (1 - v0) + v0 * environmentsBefore
        return max(0, (warmEquivalent - carry) / w0)
    }

    /// First half of second `t`.
    mutating func begin(_ t: Int, refill: Bool) {
        let rate = max(0, spec.traffic.rate(at: t))
        let before = arrivalAccumulator.rounded(.down)
        arrivalAccumulator += rate
        arrivals = arrivalAccumulator.rounded(.down) - before

        if refill { tokens = min(ScalingModel.bucketSize, tokens + ScalingModel.refillPerSecond) }
        environmentWindow.evict(before: t - spec.idleLifetimeSeconds)
        unitWindow.evict(before: t - spec.idleLifetimeSeconds)
        environmentsBefore = max(provisioned, environmentWindow.maximum)
        unitsBefore = max(provisioned, unitWindow.maximum)

        carry = 0
        if kernel.count > 1 {
            var index = ringHead
            for k in 1..<kernel.count {
                carry += kernel.warm[k] * pastInvocations[index] + kernel.coldExtra[k] * pastColdStarts[index]
                index = index == 0 ? ringSize - 1 : index - 1
            }
        }

        syncDemand = 0
        asyncDemand = 0
        switch spec.caller {
        case .sync:
            syncDemand = arrivals
        case .async:
            if !dropsAllEvents { asyncDemand = arrivals + (retry?.dueTotal(at: t) ?? 0) }
        case .queue:
            poller!.messages += arrivals
            syncDemand = poller!.batchesWanted(carry: carry, firstSecondShare: w0)
        }
        let demand = syncDemand + asyncDemand
        demandUnits = max(concurrency(admitting: demand).concurrency, syncDemand / rateFactor)
    }

    /// Second half of second `t`: admit what fits under `ceiling`, throttle the rest.
    mutating func finish(_ t: Int, ceiling: Double) -> Sample {
        let demand = syncDemand + asyncDemand
        let room = (admissible(under: ceiling) + 1e-9).rounded(.down)
        let rateCap = (rateFactor * ceiling + 1e-9).rounded(.down)
        var admittedSync: Double
        var admittedAsync: Double
        if room >= demand {
            admittedSync = min(syncDemand, rateCap)
            admittedAsync = asyncDemand
        } else {
            admittedSync = min((syncDemand * room / demand + 1e-9).rounded(.down), rateCap)
            admittedAsync = min(asyncDemand, room - admittedSync).rounded(.down)
        }
        var admitted = admittedSync + admittedAsync
        var (concurrency, cold) = self.concurrency(admitting: admitted)
        cold = (cold - 1e-9).rounded(.up)
        concurrency = carry + admitted * w0 + v0 * cold
        // Whole cold starts can push the fluid figure a fraction over the ceiling: take back the
        // fewest requests that fix it (asynchronous ones first; they will be retried).
        var guardCount = 0
        while concurrency > ceiling + 1e-9, admitted > 0, guardCount < 8 {
            let excess = ((concurrency - ceiling) / w0).rounded(.up)
            let fromAsync = min(admittedAsync, max(1, excess))
            admittedAsync -= fromAsync
            admittedSync -= min(admittedSync, max(0, max(1, excess) - fromAsync))
            admitted = admittedSync + admittedAsync
            let recomputed = self.concurrency(admitting: admitted)
            cold = (recomputed.coldStarts - 1e-9).rounded(.up)
            concurrency = carry + admitted * w0 + v0 * cold
            guardCount += 1
        }
        if concurrency < 1e-9 { concurrency = 0 }

        let throttledSync = syncDemand - admittedSync
        let throttledAsync = asyncDemand - admittedAsync
        var dropped = 0.0
        var backlog = 0.0
        switch spec.caller {
        case .sync:
            totals.failed += throttledSync
        case .async:
            if dropsAllEvents {
                dropped = arrivals
            } else if retry != nil {
                // Mutated in place: a copy of the queue would copy its rings every second.
                let share = asyncDemand > 0 ? admittedAsync / asyncDemand : 1
                let settled = retry!.settle(at: t, newEvents: arrivals, admittedShare: share)
                dropped = settled.dropped
                totals.longestWait = max(totals.longestWait, settled.longestWait)
                backlog = retry!.backlog
            }
        case .queue:
            poller!.settle(batchesRun: admittedSync, throttledBatches: throttledSync, wanted: syncDemand, concurrency: concurrency)
            backlog = poller!.messages
        }

        // Scaling: units beyond what was allocated use up this second's allowance.
        let units = max(concurrency, admittedSync / rateFactor)
        tokens = max(0, tokens - max(0, units - unitsBefore))
        unitWindow.push(t, units)
        unitsAllocated = max(provisioned, unitWindow.maximum)
        environmentWindow.push(t, (concurrency - 1e-9).rounded(.up))

        if ringSize > 0, kernel.count > 1 {
            ringHead = ringHead + 1 == ringSize ? 0 : ringHead + 1
            pastInvocations[ringHead] = admitted
            pastColdStarts[ringHead] = cold
        }

        let throttles = throttledSync + throttledAsync
        totals.requests += arrivals
        totals.invocations += admitted
        totals.coldStarts += cold
        totals.throttles += throttles
        totals.dropped += dropped
        if throttles > 0, totals.firstThrottleAt == nil { totals.firstThrottleAt = t }
        if concurrency > 0, provisioned > 0 {
            totals.onProvisioned += admitted * min(1, provisioned / concurrency)
        }
        if concurrency > totals.peakConcurrency + 1e-9 {
            totals.peakConcurrency = concurrency
            totals.peakAt = t
        }
        totals.peakBacklog = max(totals.peakBacklog, backlog)
        // Reached once it rounds to the target: a fraction short is INIT of the last cold starts.
        if totals.reachedTargetAt == nil, concurrency >= target - 0.5 { totals.reachedTargetAt = t }

        return Sample(t: t, requests: arrivals, invocations: admitted, concurrency: concurrency, coldStarts: cold,
                      throttles: throttles, backlog: backlog, dropped: dropped, ceiling: ceiling,
                      environments: max(provisioned, environmentWindow.maximum))
    }

    /// Events or messages still waiting when the run ends.
    var backlogAtEnd: Double {
        switch spec.caller {
        case .sync: 0
        case .async: retry?.backlog ?? 0
        case .queue: poller?.messages ?? 0
        }
    }
}
