import LambdaModel

/// One function in a simulated account: its traffic, how long it runs, how it is called, and
/// its concurrency settings.
package struct FunctionSpec: Sendable, Hashable {
    package var name: String
    package var traffic: TrafficProfile
    package var duration: DurationModel
    /// INIT time of a cold start (billed since 2025-08-01, and it keeps the environment busy).
    package var initSeconds: Double
    package var memoryMB: Int
    package var architecture: CostEstimate.Architecture
    package var caller: Caller
    /// Reserved concurrency: a guarantee and a cap. nil = the function uses the unreserved pool.
    package var reserved: Int?
    /// Provisioned concurrency: environments initialised before t = 0 and kept ready.
    package var provisioned: Int
    /// Seconds an idle environment stays warm (an assumption: AWS does not publish it).
    package var idleLifetimeSeconds: Int
    /// Concurrency whose arrival time the summary reports; nil = what the peak rate needs.
    package var target: Int?

    package init(name: String = "fn", traffic: TrafficProfile, duration: DurationModel,
                initSeconds: Double = Assumptions.initSeconds, memoryMB: Int = Facts.memoryDefault.int,
                architecture: CostEstimate.Architecture = .x86_64, caller: Caller = .sync, reserved: Int? = nil,
                provisioned: Int = 0, idleLifetimeSeconds: Int = Assumptions.idleLifetimeSeconds, target: Int? = nil) {
        self.name = name
        self.traffic = traffic
        self.duration = duration
        self.initSeconds = initSeconds
        self.memoryMB = memoryMB
        self.architecture = architecture
        self.caller = caller
        self.reserved = reserved
        self.provisioned = provisioned
        self.idleLifetimeSeconds = idleLifetimeSeconds
        self.target = target
    }

    /// Concurrency the peak rate needs in steady state, within the function's own limits: the
    /// default target for "time to reach".
    /// - Parameter limit: the most the function can reach: its reserved concurrency, or the
    ///   account limit less what other functions reserve.
    func steadyNeedAtPeak(limit: Int) -> Int {
        let meanDuration = OccupancyKernel(duration: duration, initSeconds: 0).meanDuration
        var need: Double
        switch caller {
        case .sync, .async:
            need = traffic.peak * meanDuration
        case .queue(let batchSize, let maxConcurrency):
            need = traffic.peak / Double(batchSize) * meanDuration
            need = min(need, Double(maxConcurrency ?? Facts.sqsMaxConcurrencyDefault.int))
        }
        // Rounded to the nearest whole environment, as "reached" counts (a fraction short of a
        // whole number still reads as that number).
        return max(0, min(limit, Int(need.rounded())))
    }
}
