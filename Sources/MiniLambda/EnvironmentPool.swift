import Foundation
import NIOCore
import TutorSupport
import Synchronization

/// The warm environments of every function: reuse an idle one (warm start) or make room for a
/// new one (cold start), reap those idle longer than the keep-warm period, and shut all down.
///
/// The cap on environments counts what costs the machine: when a cold start needs room, the
/// least recently used idle environment (of any function) is shut down to make it, as Lambda
/// reclaims idle environments. Only when every environment is busy is the invocation refused,
/// with a 429 that names the busy functions.
///
/// A `Mutex` rather than an actor: checkout and checkin sit on the warm-invoke path, and an
/// actor hop cost about 0.1 ms there on a 2-core machine. Shutdowns run in tasks the pool keeps,
/// so ``shutdownAll()`` can wait for every one of them.
final class EnvironmentPool: Sendable {
    private struct State {
        var idle: [String: [ExecutionEnvironment]] = [:]
        var busy: [String: ExecutionEnvironment] = [:]
        /// Cold starts under way (counted against the environment cap before they exist).
        var starting = 0
        /// Environments of cold starts under way whose INIT runs (keyed by object: an INIT
        /// retry reuses the environment id), so ``shutdownAll()`` stops them too.
        var initializing: [ObjectIdentifier: ExecutionEnvironment] = [:]
        /// ``shutdownAll()`` waiting for the cold starts under way to give their slots back.
        var drained: [CheckedContinuation<Void, Never>] = []
        var keepWarm: Duration
        var reaper: Task<Void, Never>?
        var closed = false
        /// Shutdowns under way.
        var retiring: [String: Task<Void, Never>] = [:]
        /// Busy environments to shut down when their invocation ends (`envs NAME --stop`).
        var stopAfterUse: Set<String> = []

        var count: Int { busy.count + idle.values.reduce(0) { $0 + $1.count } }
        var idleCount: Int { idle.values.reduce(0) { $0 + $1.count } }

        /// Removes and returns the idle environment unused for longest, if any.
        mutating func leastRecentlyUsedIdle() -> ExecutionEnvironment? {
            var oldest: (name: String, index: Int, used: Date)?
            for (name, environments) in idle {
                for (index, environment) in environments.enumerated() {
                    let used = environment.lastUsedAt
                    if oldest == nil || used < oldest!.used { oldest = (name, index, used) }
                }
            }
            guard let oldest else { return nil }
            return idle[oldest.name]?.remove(at: oldest.index)
        }
    }

    /// The 429 when every environment is busy: which functions hold them.
    private static func allBusyMessage(_ state: State, max: Int) -> String {
        var perFunction: [String: Int] = [:]
        for environment in state.busy.values { perFunction[environment.configuration.functionName, default: 0] += 1 }
        let busy = perFunction.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            .map { $0.value > 1 ? "\($0.key) (\($0.value))" : $0.key }
        var holders = busy.joined(separator: ", ")
        if state.starting > 0 { holders += (holders.isEmpty ? "" : "; ") + "\(state.starting) starting" }
        return "Rate Exceeded. The tutor runs at most \(max) environments at once, and all \(max) are busy (\(holders)); "
            + "this invocation is refused as Lambda refuses one beyond its concurrency. Try again when one finishes."
    }

    private let state: Mutex<State>
    private let maxEnvironments: Int

    /// The time of day idleness is measured against (the settings' wall clock).
    private let clock: any WallClock

    init(keepWarm: Duration, maxEnvironments: Int, clock: any WallClock) {
        self.state = Mutex(State(keepWarm: keepWarm))
        self.maxEnvironments = maxEnvironments
        self.clock = clock
    }

    enum Checkout {
        /// An idle environment with the same code and settings, now marked busy.
        case warm(ExecutionEnvironment)
        /// None is free: the caller starts one and hands it over with ``adopt(_:)``.
        case cold
    }

    /// Takes an idle environment of this function, or reserves room for a new one. Idle
    /// environments with other code or settings are retired on the way (as after an update on AWS).
    ///
    /// `loop`: the caller's event loop; among usable environments, the most recently used one
    /// served on it is taken first (no thread hand-off for the invoke, EventLoopTaskExecutor).
    func checkout(functionName: String, fingerprint: String, preferring loop: (any EventLoop)? = nil) throws(MiniLambdaError) -> Checkout {
        let maxEnvironments = self.maxEnvironments
        let result = state.withLock { state -> Result<(Checkout, [ExecutionEnvironment]), MiniLambdaError> in
            guard !state.closed else { return .failure(MiniLambdaError(.shutDown, "the runtime is shutting down")) }
            var candidates = state.idle[functionName] ?? []
            if let loop, let index = candidates.lastIndex(where: { $0.eventLoop === loop && $0.fingerprint == fingerprint && $0.isUsable }) {
                let found = candidates.remove(at: index)
                state.idle[functionName] = candidates
                found.markBusy()
                state.busy[found.id] = found
                return .success((.warm(found), []))
            }
            var stale: [ExecutionEnvironment] = []
            var found: ExecutionEnvironment?
            // Most recently used first, as Lambda tends to reuse the warmest environment. Other
            // versions' environments (and provisioned ones) are kept: they are not stale.
            let lineage = FunctionPackage.lineage(ofFingerprint: fingerprint)
            var others: [ExecutionEnvironment] = []
            while let environment = candidates.popLast() {
                if environment.fingerprint == fingerprint, environment.isUsable {
                    found = environment
                    break
                }
                if FunctionPackage.lineage(ofFingerprint: environment.fingerprint) == lineage { stale.append(environment) } else { others.append(environment) }
            }
            state.idle[functionName] = candidates + others.reversed()
            if let found {
                found.markBusy()
                state.busy[found.id] = found
                return .success((.warm(found), stale))
            }
            // Room for one more: evict idle environments, least recently used first.
            while state.count + state.starting >= maxEnvironments, let victim = state.leastRecentlyUsedIdle() {
                stale.append(victim)
            }
            guard state.count + state.starting < maxEnvironments else {
                return .failure(MiniLambdaError(.tooManyRequests, Self.allBusyMessage(state, max: maxEnvironments)))
            }
            state.starting += 1
            return .success((.cold, stale))
        }
        switch result {
        case .success(let (checkout, stale)):
            retire(stale)
            return checkout
        case .failure(let error):
            throw error
        }
    }

    /// How many environments (idle, busy or starting) are served on `loop`.
    func environmentCount(on loop: any EventLoop) -> Int {
        state.withLock { state in
            state.idle.values.reduce(0) { $0 + $1.count { $0.eventLoop === loop } }
                + state.busy.values.count { $0.eventLoop === loop }
                + state.initializing.values.count { $0.eventLoop === loop }
        }
    }

    /// Registers an environment a cold start has just spawned, while its INIT runs. Returns
    /// false when the pool is closed: the caller shuts the environment down itself.
    func track(_ environment: ExecutionEnvironment) -> Bool {
        state.withLock { state in
            guard !state.closed else { return false }
            state.initializing[ObjectIdentifier(environment)] = environment
            return true
        }
    }

    /// Forgets a tracked environment whose INIT failed (the caller shuts it down).
    func untrack(_ environment: ExecutionEnvironment) {
        state.withLock { _ = $0.initializing.removeValue(forKey: ObjectIdentifier(environment)) }
    }

    /// Ends a `.cold` checkout: registers the new, ready environment as busy, or gives the slot
    /// back with nil. Returns false when the pool was closed meanwhile: the environment is not
    /// taken (``shutdownAll()`` has stopped it or is stopping it; the caller shuts it down too).
    @discardableResult
    func adopt(_ environment: ExecutionEnvironment?) -> Bool {
        let (adopted, drained) = state.withLock { state -> (Bool, [CheckedContinuation<Void, Never>]) in
            state.starting -= 1
            var adopted = false
            if let environment {
                state.initializing.removeValue(forKey: ObjectIdentifier(environment))
                if !state.closed {
                    state.busy[environment.id] = environment
                    adopted = true
                }
            }
            guard state.starting == 0 else { return (adopted, []) }
            defer { state.drained = [] }
            return (adopted, state.drained)
        }
        for waiter in drained { waiter.resume() }
        return adopted
    }

    /// Returns an environment after an invocation: back to idle if it is still healthy,
    /// otherwise shut down.
    func checkin(_ environment: ExecutionEnvironment) {
        let keep = state.withLock { state -> Bool in
            state.busy.removeValue(forKey: environment.id)
            if state.stopAfterUse.remove(environment.id) != nil { return false }
            guard environment.isUsable, !state.closed else { return false }
            state.idle[environment.configuration.functionName, default: []].append(environment)
            return true
        }
        if keep {
            startReaper()
        } else {
            retire([environment])
        }
    }

    func environments(functionName: String?) -> [EnvironmentInfo] {
        let all = state.withLock { Array($0.busy.values) + $0.idle.values.flatMap { $0 } }
        return all.filter { functionName == nil || $0.configuration.functionName == functionName }
            .map(\.info)
            .sorted { $0.createdAt < $1.createdAt }
    }

    func setKeepWarm(_ duration: Duration) {
        state.withLock { $0.keepWarm = duration }
        reapIdle()
    }

    /// Shuts down idle environments unused for longer than the keep-warm period (with `now`
    /// injectable for tests). Returns how many were reaped.
    @discardableResult
    func reapIdle(now: Date? = nil) -> Int {
        let now = now ?? clock.now()
        let reaped = state.withLock { state -> [ExecutionEnvironment] in
            let limit = Double(state.keepWarm.nanoseconds) / 1e9
            var reaped: [ExecutionEnvironment] = []
            for (name, environments) in state.idle {
                let (expired, kept) = environments.partitioned { now.timeIntervalSince($0.lastUsedAt) >= limit }
                state.idle[name] = kept
                reaped += expired
            }
            return reaped
        }
        retire(reaped)
        return reaped.count
    }

    /// `envs NAME --stop`: shuts down the function's idle environments now (and waits), and its
    /// busy ones as soon as their invocation ends. Returns how many of each.
    func stop(functionName: String?) async -> (stopped: Int, afterUse: Int) {
        let busy = state.withLock { state -> Int in
            let ids = state.busy.values.filter { functionName == nil || $0.configuration.functionName == functionName }.map(\.id)
            state.stopAfterUse.formUnion(ids)
            return ids.count
        }
        let idle = state.withLock { state in
            state.idle.filter { functionName == nil || $0.key == functionName }.values.reduce(0) { $0 + $1.count }
        }
        await retireIdle(functionName: functionName)
        return (idle, busy)
    }

    /// Shuts down every idle environment of one function (or all) and waits for them; with
    /// `fingerprints`, only those whose code or settings are none of them.
    func retireIdle(functionName: String?, keeping fingerprints: Set<String> = []) async {
        let victims = state.withLock { state -> [ExecutionEnvironment] in
            var victims: [ExecutionEnvironment] = []
            for (name, environments) in state.idle where functionName == nil || name == functionName {
                let (kept, retired) = environments.partitioned { fingerprints.contains($0.fingerprint) }
                victims += retired
                state.idle[name] = kept
            }
            return victims
        }
        await withTaskGroup(of: Void.self) { group in
            for environment in victims { group.addTask { await environment.shutdown() } }
        }
    }

    /// Stops everything: idle and busy environments and those still in INIT (their invocations
    /// fail with `.shutDown`), then waits until every cold start under way has given up its slot,
    /// so nothing of the pool runs afterwards.
    func shutdownAll() async {
        let (all, retiring) = state.withLock { state -> ([ExecutionEnvironment], [Task<Void, Never>]) in
            state.closed = true
            state.reaper?.cancel()
            state.reaper = nil
            let all = Array(state.busy.values) + state.idle.values.flatMap { $0 } + Array(state.initializing.values)
            state.idle = [:]
            state.busy = [:]
            state.initializing = [:]
            return (all, Array(state.retiring.values))
        }
        await withTaskGroup(of: Void.self) { group in
            for environment in all { group.addTask { await environment.shutdown() } }
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { state -> Bool in
                if state.starting == 0 { return true }
                state.drained.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
        for task in retiring { await task.value }
        // Retirements that started while we waited.
        let late = state.withLock { Array($0.retiring.values) }
        for task in late { await task.value }
    }

    private func retire(_ environments: [ExecutionEnvironment]) {
        for environment in environments {
            let id = environment.id
            state.withLock { state in
                state.retiring[id] = Task {
                    await environment.shutdown()
                    self.state.withLock { _ = $0.retiring.removeValue(forKey: id) }
                }
            }
        }
    }

    /// One background task while anything is idle: wakes up every tick and reaps.
    private func startReaper() {
        state.withLock { state in
            guard state.reaper == nil, !state.closed else { return }
            state.reaper = Task { [weak self] in
                while !Task.isCancelled {
                    guard let tick = self?.reaperTick else { return }
                    try? await Task.sleep(for: tick)
                    guard !Task.isCancelled, let self, self.reapTick() else { return }
                }
            }
        }
    }

    private var reaperTick: Duration {
        let keepWarm = state.withLock { $0.keepWarm }
        return max(.milliseconds(100), min(keepWarm / 4, .seconds(5)))
    }

    /// Reaps; returns false (and forgets the reaper) when nothing is idle any more.
    private func reapTick() -> Bool {
        reapIdle()
        return state.withLock { state in
            if state.idleCount == 0 {
                state.reaper = nil
                return false
            }
            return true
        }
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
