import LambdaModel

/// What to simulate: an account and Region, its functions, and for how long.
package struct Scenario: Sendable, Hashable {
    /// The account's concurrency quota (1,000 by default; a quota increase raises it).
    package var accountLimit: Int
    package var scaling: ScalingModel
    package var lengthSeconds: Int
    package var functions: [FunctionSpec]

    /// Longest run: 31 days of simulated seconds.
    package static let maxLengthSeconds = 31 * 86_400

    package init(accountLimit: Int = Facts.accountConcurrency.int, scaling: ScalingModel = .perFunction,
                lengthSeconds: Int, functions: [FunctionSpec]) {
        self.accountLimit = accountLimit
        self.scaling = scaling
        self.lengthSeconds = lengthSeconds
        self.functions = functions
    }

    /// Refuses settings Lambda would refuse (reserving into the last 100 units, provisioned above
    /// reserved) and ones the simulator cannot run, each with what to change.
    package func validate() throws(SimulationError) {
        guard !functions.isEmpty else { throw SimulationError("scenario.empty", "a scenario needs at least one function") }
        guard (1...Self.maxLengthSeconds).contains(lengthSeconds) else {
            throw SimulationError("scenario.length", "the simulated time must be from 1 s to 31 days, got \(Number.grouped(Double(lengthSeconds))) s")
        }
        guard accountLimit >= 1 else { throw SimulationError("account.limit", "the account limit must be at least 1") }
        let names = functions.map(\.name)
        if Set(names).count != names.count { throw SimulationError("function.name", "function names must differ: \(names.joined(separator: ", "))") }
        let unreservedMin = Limits.unreservedMinimum
        var claimed = 0
        for function in functions {
            let name = functions.count > 1 ? "\(function.name): " : ""
            guard Limits.memoryMB.contains(function.memoryMB) else {
                throw SimulationError("function.memory", "\(name)memory must be from \(Facts.memoryMin.display) to \(Facts.memoryMax.display), got \(function.memoryMB) MB")
            }
            switch function.duration {
            case .fixed(let seconds):
                guard seconds > 0, seconds <= Facts.timeoutMax.value else {
                    throw SimulationError("function.duration", "\(name)the duration must be above 0 and at most the maximum timeout, \(Facts.timeoutMax.display)")
                }
            case .lognormal(let p50, let p99):
                guard p50 > 0, p99 >= p50, p99 <= Facts.timeoutMax.value else {
                    throw SimulationError("function.duration", "\(name)the p99 duration must be at least the median and at most \(Facts.timeoutMax.display)")
                }
            }
            guard function.initSeconds >= 0, function.initSeconds <= Facts.initTimeout.value else {
                throw SimulationError("function.init", "\(name)INIT must be from 0 to \(Facts.initTimeout.display) (the INIT limit of on-demand functions)")
            }
            guard function.idleLifetimeSeconds >= 1 else { throw SimulationError("function.idle", "\(name)the idle lifetime must be at least 1 s") }
            guard function.provisioned >= 0 else { throw SimulationError("function.provisioned", "\(name)provisioned concurrency cannot be negative") }
            if let reserved = function.reserved {
                guard reserved >= 0 else { throw SimulationError("function.reserved", "\(name)reserved concurrency cannot be negative") }
                guard function.provisioned <= reserved else {
                    throw SimulationError("function.provisioned",
                                          "\(name)provisioned concurrency (\(Number.grouped(Double(function.provisioned)))) cannot exceed reserved concurrency (\(Number.grouped(Double(reserved))))")
                }
                claimed += reserved
            } else {
                claimed += function.provisioned
            }
            if case .queue(let batchSize, let maxConcurrency) = function.caller {
                guard (1...Facts.sqsBatchMaxStandard.int).contains(batchSize) else {
                    throw SimulationError("function.batch", "\(name)the SQS batch size must be from 1 to \(Number.grouped(Facts.sqsBatchMaxStandard.value))")
                }
                if let maxConcurrency, !(Facts.sqsMaxConcurrencyMin.int...Facts.sqsMaxConcurrencyMax.int).contains(maxConcurrency) {
                    throw SimulationError("function.max_concurrency",
                                          "\(name)an SQS mapping's maximum concurrency must be from \(Facts.sqsMaxConcurrencyMin.int) to \(Number.grouped(Facts.sqsMaxConcurrencyMax.value))")
                }
            }
            if case .async(let age) = function.caller {
                guard (Facts.asyncMinEventAge.int...Facts.asyncMaxEventAge.int).contains(age) else {
                    throw SimulationError("function.event_age", "\(name)the maximum event age must be from \(Facts.asyncMinEventAge.display) to \(Facts.asyncMaxEventAge.display)")
                }
            }
        }
        if claimed > accountLimit - unreservedMin {
            throw SimulationError("reserved.too_high",
                                  "reserved and provisioned concurrency add up to \(Number.grouped(Double(claimed))), but with an account limit of \(Number.grouped(Double(accountLimit))) at most \(Number.grouped(Double(max(0, accountLimit - unreservedMin)))) can be set aside (Lambda always keeps \(unreservedMin) unreserved)")
        }
    }
}
