import LambdaModel

/// Steps an account's functions through simulated time, one second at a time.
///
/// Pure and deterministic: the same scenario always gives the same series. Per second and
/// function the work is a handful of arithmetic operations (plus one multiply-add per second a
/// long request spans), independent of the request rate — which is what lets a month at
/// thousands of requests per second run in seconds. `Benchmarks/simulate.sh` measures it.
package struct Simulator: Sendable {
    package let scenario: Scenario

    package init(_ scenario: Scenario) throws(SimulationError) {
        try scenario.validate()
        self.scenario = scenario
    }

    /// Runs the scenario and keeps the series in buckets sized so that at most `maxSamples`
    /// points are kept (every second for shorter runs).
    package func run(maxSamples: Int = 86_400) -> SimulationResult {
        var recorder = SeriesRecorder(functions: scenario.functions.count,
                                      bucketSeconds: SeriesRecorder.bucket(forLength: scenario.lengthSeconds, maxSamples: maxSamples))
        let result = run(observer: &recorder)
        recorder.finish()
        return result.with(series: recorder)
    }

    /// Runs the scenario, handing every second to `observer` as it is computed.
    package func run<Observer: SimulationObserver>(observer: inout Observer) -> SimulationResult {
        let accountLimit = Double(scenario.accountLimit)
        let reserved = scenario.functions.compactMap(\.reserved).reduce(0, +)
        var engines = scenario.functions.map { FunctionEngine($0, accountLimit: scenario.accountLimit, pool: scenario.accountLimit - reserved) }
        let count = engines.count
        var samples = [Sample](repeating: Sample(t: 0), count: count)
        var ceilings = [Double](repeating: 0, count: count)
        var peakAccount = 0.0
        var peakAccountAt = 0
        let reservedTotal = Double(scenario.functions.compactMap(\.reserved).reduce(0, +))
        let pool = accountLimit - reservedTotal
        let perFunctionScaling: Bool
        let legacyBurst: Double
        // Legacy model: growth allowance not used up by whole requests carries over (at most two
        // seconds' worth), so rounding never slows the 500-per-minute rate.
        var legacyAllowance = 0.0
        var legacyAccount = (allocated: 0.0, headroom: 0.0)
        switch scenario.scaling {
        case .perFunction:
            perFunctionScaling = true
            legacyBurst = 0
        case .accountBurst(let burst):
            perFunctionScaling = false
            legacyBurst = Double(burst)
        }

        for t in 0..<scenario.lengthSeconds {
            for index in 0..<count { engines[index].begin(t, refill: perFunctionScaling && t > 0) }

            // How far each function may scale this second.
            if perFunctionScaling {
                for index in 0..<count {
                    ceilings[index] = min(engines[index].limit, engines[index].unitsBefore + engines[index].tokens)
                }
            } else {
                var allocated = 0.0
                var excess = 0.0
                for engine in engines {
                    allocated += engine.unitsBefore
                    excess += max(0, engine.demandUnits - engine.unitsBefore)
                }
                if t > 0 { legacyAllowance = min(2 * ScalingModel.legacyGrowthPerSecond, legacyAllowance + ScalingModel.legacyGrowthPerSecond) }
                let allowed = min(accountLimit, max(legacyBurst, allocated + legacyAllowance))
                let headroom = max(0, allowed - allocated)
                legacyAccount = (allocated, headroom)
                for index in 0..<count {
                    let engine = engines[index]
                    let share = excess > 0 ? headroom * max(0, engine.demandUnits - engine.unitsBefore) / excess : 0
                    ceilings[index] = min(engine.limit, engine.unitsBefore + share)
                }
            }

            // Functions without reserved concurrency share what is left of the account pool, in
            // proportion to what they ask for; work already running keeps its place.
            for index in 0..<count where !engines[index].isReserved { ceilings[index] = min(ceilings[index], pool) }
            if count > 1 {
                var asked = 0.0
                var floors = 0.0
                for index in 0..<count where !engines[index].isReserved {
                    let engine = engines[index]
                    let floor = max(engine.carry, engine.provisioned)
                    asked += min(ceilings[index], max(engine.demandUnits, floor))
                    floors += floor
                }
                if asked > pool + 1e-9 {
                    let scale = asked - floors > 0 ? max(0, pool - floors) / (asked - floors) : 0
                    for index in 0..<count where !engines[index].isReserved {
                        let engine = engines[index]
                        let floor = max(engine.carry, engine.provisioned)
                        let ask = min(ceilings[index], max(engine.demandUnits, floor))
                        ceilings[index] = floor + (ask - floor) * scale
                    }
                }
            }

            var accountConcurrency = 0.0
            var grown = 0.0
            for index in 0..<count {
                samples[index] = engines[index].finish(t, ceiling: ceilings[index])
                accountConcurrency += samples[index].concurrency
                grown += max(0, engines[index].unitsAllocated - engines[index].unitsBefore)
            }
            if !perFunctionScaling {
                // Growth past the burst level uses up the allowance; the burst itself is free.
                let beyondBurst = max(0, legacyAccount.allocated + grown - max(legacyBurst, legacyAccount.allocated))
                legacyAllowance = max(0, legacyAllowance - beyondBurst)
            }
            if accountConcurrency > peakAccount + 1e-9 {
                peakAccount = accountConcurrency
                peakAccountAt = t
            }
            samples.withUnsafeBufferPointer { observer.record(second: t, samples: $0) }
        }

        let summaries = engines.map { FunctionSummary($0, lengthSeconds: scenario.lengthSeconds) }
        return SimulationResult(scenario: scenario, summaries: summaries, peakAccountConcurrency: peakAccount,
                                peakAccountAt: peakAccountAt)
    }
}
