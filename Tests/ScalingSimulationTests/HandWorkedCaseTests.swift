import Foundation
import LambdaModel
import Testing
@testable import ScalingSimulation

/// The simulator against cases a person can work out on paper, and against the facts table.
@Suite("Hand-worked cases")
struct HandWorkedCaseTests {
    func run(_ scenario: Scenario) throws -> SimulationResult {
        try Simulator(scenario).run()
    }

    func single(_ function: FunctionSpec, accountLimit: Int = Facts.accountConcurrency.int, seconds: Int = 300,
                scaling: ScalingModel = .perFunction) throws -> SimulationResult {
        try run(Scenario(accountLimit: accountLimit, scaling: scaling, lengthSeconds: seconds, functions: [function]))
    }

    @Test("A step from 0 to 10,000 requests/s of 1 s, quota raised, reaches 10,000 concurrent in 90–100 s")
    func scalingRace() throws {
        let result = try single(FunctionSpec(traffic: .steady(rps: 10_000), duration: .fixed(seconds: 1), target: 10_000),
                                accountLimit: 20_000, seconds: 180)
        let reached = try #require(result.main.reachedTargetAt)
        #expect((90...100).contains(reached), "reached at \(reached) s")
        let series = result.series[0]
        // The first 1,000 environments start at once; then 1,000 more every 10 s.
        #expect(series[0].concurrency == Facts.scalingRate.value)
        // (INIT of the previous second's cold starts still running makes the whole-request count
        // fall a fraction short of the ceiling.)
        #expect(abs(series[10].concurrency - 2 * Facts.scalingRate.value) < 1)
        #expect(abs(series[50].concurrency - 6 * Facts.scalingRate.value) < 1)
        // Requests that arrive faster than the function scales are throttled, then none are.
        #expect(series[0].throttles == 9_000)
        #expect(series[150].throttles == 0)
        // The calculator's steady-state arithmetic agrees.
        #expect(result.main.steadyEstimate.secondsToScale == 90)
        // Concurrency never exceeds what scaling allows.
        for sample in series { #expect(sample.concurrency <= sample.ceiling + 1e-9) }
    }

    @Test("Scaling figures come from the facts table: the allowance refills at scaling.rate per scaling.interval")
    func scalingFromFacts() throws {
        let result = try single(FunctionSpec(traffic: .steady(rps: 50_000), duration: .fixed(seconds: 1)), accountLimit: 100_000, seconds: 40)
        let series = result.series[0]
        let perSecond = Facts.scalingRate.value / Facts.scalingInterval.value
        for t in 1..<40 {
            #expect(abs(series[t].concurrency - series[t - 1].concurrency - perSecond) < 1, "second \(t)")
        }
    }

    @Test("Reserved concurrency 0 throttles every synchronous request")
    func reservedZeroSync() throws {
        let result = try single(FunctionSpec(traffic: .steady(rps: 100), duration: .fixed(seconds: 0.2), reserved: 0), seconds: 60)
        let summary = result.main
        #expect(summary.requests == 6_000)
        #expect(summary.invocations == 0)
        #expect(summary.throttles == 6_000)
        #expect(summary.failed == 6_000)
        #expect(summary.peakConcurrency == 0)
        #expect(summary.coldStarts == 0)
    }

    @Test("Reserved concurrency 0 sends asynchronous events straight to failure handling, without retries")
    func reservedZeroAsync() throws {
        let result = try single(FunctionSpec(traffic: .steady(rps: 10), duration: .fixed(seconds: 0.2), caller: .asyncDefault, reserved: 0), seconds: 60)
        #expect(result.main.invocations == 0)
        #expect(result.main.dropped == 600)
        #expect(result.main.backlogAtEnd == 0)
    }

    @Test("Steady 100 requests/s × 0.5 s settles at 50 concurrent with no throttles")
    func steadyFifty() throws {
        // Without INIT the very first second is already the steady state.
        let plain = try single(FunctionSpec(traffic: .steady(rps: 100), duration: .fixed(seconds: 0.5), initSeconds: 0), seconds: 120)
        #expect(plain.series[0].allSatisfy { abs($0.concurrency - 50) < 1e-9 })
        #expect(plain.main.throttles == 0)
        #expect(plain.main.coldStarts == 50, "50 environments start once, then stay warm")
        #expect(plain.main.invocations == 12_000)

        // With INIT the first second needs more environments (each cold one is busy 0.5 s + INIT),
        // and from then on the same 50 busy, the extra ones idle and warm.
        let cold = try single(FunctionSpec(traffic: .steady(rps: 100), duration: .fixed(seconds: 0.5)), seconds: 120)
        let series = cold.series[0]
        #expect(series[0].concurrency > 50)
        #expect(series[1...].allSatisfy { abs($0.concurrency - 50) < 1e-9 })
        #expect(series[1...].allSatisfy { $0.coldStarts == 0 })
        #expect(cold.main.throttles == 0)
    }

    @Test("Concurrency spans seconds for long requests: 10 requests/s × 2.5 s settles at 25")
    func longRequests() throws {
        let result = try single(FunctionSpec(traffic: .steady(rps: 10), duration: .fixed(seconds: 2.5), initSeconds: 0), seconds: 30)
        let series = result.series[0]
        #expect(abs(series[0].concurrency - 10) < 1e-9)
        #expect(abs(series[1].concurrency - 20) < 1e-9)
        #expect(abs(series[2].concurrency - 25) < 1e-9)
        #expect(abs(series[20].concurrency - 25) < 1e-9)
        #expect(result.main.coldStarts == 25)
    }

    @Test("Provisioned concurrency covers the first N without cold starts; only the spill-over starts cold")
    func provisionedCovers() throws {
        let covered = try single(FunctionSpec(traffic: .steady(rps: 400), duration: .fixed(seconds: 1), provisioned: 500), seconds: 120)
        #expect(covered.main.coldStarts == 0)
        #expect(covered.main.throttles == 0)
        #expect(abs(covered.main.onProvisioned - covered.main.invocations) < 1e-6)

        let spill = try single(FunctionSpec(traffic: .steady(rps: 600), duration: .fixed(seconds: 1), initSeconds: 0, provisioned: 500),
                               seconds: 120)
        #expect(spill.main.coldStarts == 100, "only the 100 environments beyond the provisioned 500")
        #expect(abs(spill.main.onProvisioned - spill.main.invocations * 500 / 600) < 1e-6)
        #expect(abs(spill.main.spillover - spill.main.invocations * 100 / 600) < 1e-6)

        // With INIT, spill-over environments are busier while they start, so a few more start;
        // still every cold start is an environment beyond the provisioned ones.
        let withInit = try single(FunctionSpec(traffic: .steady(rps: 600), duration: .fixed(seconds: 1), provisioned: 500), seconds: 120)
        let peakEnvironments = try #require(withInit.series[0].map(\.environments).max())
        #expect(withInit.main.coldStarts == peakEnvironments - 500)
    }

    @Test("Reserved caps the function: never above it, the rest throttled")
    func reservedCaps() throws {
        let result = try single(FunctionSpec(traffic: .ramp(from: 0, to: 20_000, start: 0, length: 60), duration: .fixed(seconds: 0.2),
                                             reserved: 800, provisioned: 500), seconds: 300)
        #expect(result.series[0].allSatisfy { $0.concurrency <= 800 + 1e-9 })
        #expect(abs(result.main.peakConcurrency - 800) < 1)
        #expect(result.main.failed > 0)
    }

    @Test("The account limit caps a function without reserved concurrency")
    func accountCaps() throws {
        let result = try single(FunctionSpec(traffic: .steady(rps: 5_000), duration: .fixed(seconds: 1)), seconds: 60)
        #expect(result.series[0].allSatisfy { $0.concurrency <= Double(Facts.accountConcurrency.int) + 1e-9 })
        #expect(result.series[0][30].throttles == 4_000)
    }

    @Test("Synchronous throttles fail: every request either ran or its caller got 429")
    func syncThrottlesFail() throws {
        let result = try single(FunctionSpec(traffic: .steady(rps: 3_000), duration: .fixed(seconds: 0.5)), seconds: 60)
        let summary = result.main
        #expect(summary.failed > 0)
        #expect(summary.failed == summary.throttles)
        #expect(summary.invocations + summary.failed == summary.requests)
        #expect(summary.backlogAtEnd == 0)
    }

    @Test("Asynchronous throttles queue and are retried: nothing fails, the backlog drains after the burst")
    func asyncThrottlesQueue() throws {
        let function = FunctionSpec(traffic: .spike(base: 0, peak: 2_000, start: 0, length: 60), duration: .fixed(seconds: 0.5),
                                    caller: .asyncDefault, reserved: 500)
        let result = try single(function, seconds: 1_200)
        let summary = result.main
        #expect(summary.failed == 0)
        #expect(summary.throttles > 0)
        #expect(summary.peakBacklog > 0)
        #expect(summary.dropped == 0)
        #expect(summary.backlogAtEnd < 1)
        #expect(abs(summary.invocations - summary.requests) < 1, "every event runs in the end")
        #expect(result.series[0].allSatisfy { $0.concurrency <= 500 + 1e-9 })
        #expect(summary.longestWait > 0)
    }

    @Test("Retry backoff doubles from 1 s up to 5 min; events past the maximum age are dropped")
    func asyncBackoffAndAge() throws {
        #expect(AsyncRetryQueue.backoff(afterThrottle: 1) == Facts.asyncThrottleBackoffMin.int)
        #expect(AsyncRetryQueue.backoff(afterThrottle: 2) == 2)
        #expect(AsyncRetryQueue.backoff(afterThrottle: 9) == 256)
        #expect(AsyncRetryQueue.backoff(afterThrottle: 10) == Facts.asyncThrottleBackoffMax.int)
        #expect(AsyncRetryQueue.age(afterThrottles: 3) == 7)
        let queue = AsyncRetryQueue(maxEventAgeSeconds: Facts.asyncMaxEventAge.int)
        #expect(AsyncRetryQueue.age(afterThrottles: queue.maxThrottles) <= Facts.asyncMaxEventAge.int)
        #expect(AsyncRetryQueue.age(afterThrottles: queue.maxThrottles + 1) > Facts.asyncMaxEventAge.int)

        // Overload that never ends, events kept at most 60 s: some are given up on.
        let function = FunctionSpec(traffic: .steady(rps: 1_000), duration: .fixed(seconds: 1), caller: .async(maxEventAgeSeconds: 60), reserved: 100)
        let result = try single(function, seconds: 600)
        #expect(result.main.dropped > 0)
        #expect(result.main.failed == 0)
        let accounted = result.main.invocations + result.main.dropped + result.main.backlogAtEnd
        #expect(abs(accounted - result.main.requests) < 1, "every event ran, was dropped or still waits")
    }

    @Test("The request-rate limit: 20,000 requests/s × 50 ms needs only 1,000 concurrency, but 10 × 1,000 requests/s caps it")
    func requestRateLimit() throws {
        let function = FunctionSpec(traffic: .steady(rps: 20_000), duration: .fixed(seconds: 0.05), initSeconds: 0)
        let capped = try single(function, seconds: 120)
        let late = capped.series[0][100]
        #expect(late.invocations == Double(Facts.rpsPerConcurrency.int * Facts.accountConcurrency.int))
        #expect(late.throttles == 10_000)
        #expect(late.concurrency <= 1_000)
        // With a quota of 2,000 the same load fits once scaled.
        let raised = try single(function, accountLimit: 2_000, seconds: 120)
        #expect(raised.series[0][100].throttles == 0)
        #expect(raised.main.steadyEstimate.limitNeeded == 2_000)
    }

    @Test("Warm environments survive a lull shorter than the idle lifetime and are reclaimed after a longer one")
    func idleLifetime() throws {
        let traffic = TrafficProfile.series(Array(repeating: 100, count: 10) + Array(repeating: 0, count: 50) + Array(repeating: 100, count: 10)
                                            + Array(repeating: 0, count: 200) + Array(repeating: 100, count: 10))
        let function = FunctionSpec(traffic: traffic, duration: .fixed(seconds: 1), idleLifetimeSeconds: 120)
        let result = try single(function, seconds: 280)
        let series = result.series[0]
        #expect(series[0].coldStarts == 100)
        #expect(series[60].coldStarts == 0, "50 s idle: still warm")
        #expect(series[270].coldStarts == 100, "200 s idle: reclaimed, cold again")
    }

    @Test("Cold starts add INIT to latency and to the time an environment is busy")
    func initCounts() throws {
        let function = FunctionSpec(traffic: .steady(rps: 100), duration: .fixed(seconds: 0.2), initSeconds: 0.3)
        let result = try single(function, seconds: 10)
        // First second: c environments start cold (busy 0.2 s + 0.3 s each) and serve the other
        // requests warm once started: 0.5 c + 0.2 (100 − c) = c gives c = 28.6, so 29.
        #expect(result.series[0][0].coldStarts == 29)
        #expect(abs(result.series[0][0].concurrency - (0.2 * 100 + 0.3 * 29)) < 1e-9)
        #expect(result.main.coldStarts == 29)
        #expect(result.main.latencyP50 == 0.2)
        #expect(result.main.latencyP99 == 0.5, "2.9% of invocations were cold, so p99 includes INIT")
        let quiet = try single(FunctionSpec(traffic: .steady(rps: 100), duration: .fixed(seconds: 0.2), initSeconds: 0.3), seconds: 100)
        #expect(quiet.main.latencyP99 == 0.2, "0.29% cold: p99 is a warm invocation")
    }

    @Test("Before November 2023 (history): an account burst of 3,000 in us-east-1, then 500 more per minute")
    func legacyBurst() throws {
        let function = FunctionSpec(traffic: .steady(rps: 10_000), duration: .fixed(seconds: 1), target: 10_000)
        let result = try single(function, accountLimit: 15_000, seconds: 1_200, scaling: .legacy(region: "us-east-1"))
        let series = result.series[0]
        #expect(series[0].concurrency == Facts.legacyBurstLarge.value)
        #expect(abs(series[60].concurrency - series[0].concurrency - Facts.legacyScalingPerMinute.value) < 10)
        let reached = try #require(result.main.reachedTargetAt)
        #expect((830...850).contains(reached), "3,000 + 500 per minute reaches 10,000 after 14 min; got \(reached) s")
        #expect(ScalingModel.legacy(region: "eu-central-1") == .accountBurst(burst: Facts.legacyBurstMedium.int))
        #expect(ScalingModel.legacy(region: "sa-east-1") == .accountBurst(burst: Facts.legacyBurstSmall.int))
    }

    @Test("The same scenario always gives the same series")
    func deterministic() throws {
        let preset = try #require(Preset.named("noisy-neighbour"))
        let a = try run(preset.scenario)
        let b = try run(preset.scenario)
        #expect(a.series == b.series)
    }
}
