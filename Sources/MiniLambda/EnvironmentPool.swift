import Foundation
import NIOCore

/// The warm environments of every function: reuse an idle one (warm start) or make room for a
/// new one (cold start), reap those idle longer than the keep-warm period, and shut all down.
actor EnvironmentPool {
    private var idle: [String: [ExecutionEnvironment]] = [:]
    private var busy: [String: ExecutionEnvironment] = [:]
    /// Cold starts under way (counted against the environment cap before they exist).
    private var starting = 0
    private var keepWarm: Duration
    private let maxEnvironments: Int
    private var reaper: Task<Void, Never>?
    private var closed = false
    /// Shutdowns under way, so ``shutdownAll()`` can wait for them too.
    private var retiring: [String: Task<Void, Never>] = [:]

    init(keepWarm: Duration, maxEnvironments: Int) {
        self.keepWarm = keepWarm
        self.maxEnvironments = maxEnvironments
    }

    enum Checkout {
        /// An idle environment with the same code and settings, now marked busy.
        case warm(ExecutionEnvironment)
        /// None is free: the caller starts one and hands it over with ``adopt(_:)``.
        case cold
    }

    /// Takes an idle environment of this function, or reserves room for a new one. Idle
    /// environments with other code or settings are retired on the way (as after an update on AWS).
    func checkout(functionName: String, fingerprint: String) throws(MiniLambdaError) -> Checkout {
        guard !closed else { throw MiniLambdaError(.shutDown, "the runtime is shutting down") }
        var candidates = idle[functionName] ?? []
        var stale: [ExecutionEnvironment] = []
        var found: ExecutionEnvironment?
        // Most recently used first, as Lambda tends to reuse the warmest environment.
        while let environment = candidates.popLast() {
            if environment.fingerprint == fingerprint, environment.isUsable {
                found = environment
                break
            }
            stale.append(environment)
        }
        idle[functionName] = candidates
        retire(stale)
        if let found {
            found.markBusy()
            busy[found.id] = found
            return .warm(found)
        }
        guard count + starting < maxEnvironments else {
            throw MiniLambdaError(.tooManyRequests, "Rate Exceeded. The tutor runs at most \(maxEnvironments) environments at once; wait for one to finish or remove idle ones with a shorter keep-warm period.")
        }
        starting += 1
        return .cold
    }

    /// Registers a new environment created after a `.cold` checkout (or gives the slot back when
    /// creation failed, with nil).
    func adopt(_ environment: ExecutionEnvironment?) {
        starting -= 1
        if let environment { busy[environment.id] = environment }
    }

    /// Returns an environment after an invocation: back to idle if it is still healthy,
    /// otherwise shut down.
    func checkin(_ environment: ExecutionEnvironment) {
        busy.removeValue(forKey: environment.id)
        if environment.isUsable, !closed {
            idle[environment.configuration.functionName, default: []].append(environment)
            startReaper()
        } else {
            retire([environment])
        }
    }

    var count: Int { busy.count + idle.values.reduce(0) { $0 + $1.count } }

    func environments(functionName: String?) -> [EnvironmentInfo] {
        let all = Array(busy.values) + idle.values.flatMap { $0 }
        return all.filter { functionName == nil || $0.configuration.functionName == functionName }
            .map(\.info)
            .sorted { $0.createdAt < $1.createdAt }
    }

    func setKeepWarm(_ duration: Duration) {
        keepWarm = duration
        reapIdle()
    }

    /// Shuts down idle environments unused for longer than the keep-warm period (with `now`
    /// injectable for tests). Returns how many were reaped.
    @discardableResult
    func reapIdle(now: Date = Date()) -> Int {
        let limit = Double(keepWarm.nanoseconds) / 1e9
        var reaped: [ExecutionEnvironment] = []
        for (name, environments) in idle {
            let (expired, kept) = environments.partitioned { now.timeIntervalSince($0.lastUsedAt) >= limit }
            idle[name] = kept
            reaped += expired
        }
        retire(reaped)
        return reaped.count
    }

    /// Shuts down every idle environment of one function (or all), e.g. after `fn rm`.
    func retireIdle(functionName: String?) async {
        var victims: [ExecutionEnvironment] = []
        for (name, environments) in idle where functionName == nil || name == functionName {
            victims += environments
            idle[name] = []
        }
        await withTaskGroup(of: Void.self) { group in
            for environment in victims { group.addTask { await environment.shutdown() } }
        }
    }

    /// Stops everything: idle and busy environments (busy invocations end with `Runtime.ExitError`).
    func shutdownAll() async {
        closed = true
        reaper?.cancel()
        reaper = nil
        let all = Array(busy.values) + idle.values.flatMap { $0 }
        idle = [:]
        busy = [:]
        await withTaskGroup(of: Void.self) { group in
            for environment in all { group.addTask { await environment.shutdown() } }
        }
        for task in retiring.values { await task.value }
    }

    private func retire(_ environments: [ExecutionEnvironment]) {
        for environment in environments {
            let id = environment.id
            retiring[id] = Task {
                await environment.shutdown()
                self.forgetRetired(id)
            }
        }
    }

    private func forgetRetired(_ id: String) { retiring.removeValue(forKey: id) }

    /// One background task while anything is idle: wakes up every tick and reaps.
    private func startReaper() {
        guard reaper == nil else { return }
        reaper = Task { [weak self] in
            while !Task.isCancelled {
                guard let self else { return }
                let tick = await self.reaperTick
                try? await Task.sleep(for: tick)
                if Task.isCancelled { return }
                if await !self.reapTick() { return }
            }
        }
    }

    private var reaperTick: Duration { max(.milliseconds(100), min(keepWarm / 4, .seconds(5))) }

    /// Reaps; returns false (and forgets the reaper) when nothing is idle any more.
    private func reapTick() -> Bool {
        reapIdle()
        if idle.values.allSatisfy(\.isEmpty) {
            reaper = nil
            return false
        }
        return true
    }
}

extension Array {
    func partitioned(_ belongsInFirst: (Element) -> Bool) -> ([Element], [Element]) {
        var first: [Element] = []
        var second: [Element] = []
        for element in self {
            if belongsInFirst(element) { first.append(element) } else { second.append(element) }
        }
        return (first, second)
    }
}
