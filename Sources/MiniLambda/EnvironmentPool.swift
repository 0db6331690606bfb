import Foundation
import Synchronization

/// The warm environments of every function: reuse an idle one (warm start) or make room for a
/// new one (cold start), reap those idle longer than the keep-warm period, and shut all down.
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

        var count: Int { busy.count + idle.values.reduce(0) { $0 + $1.count } }
        var idleCount: Int { idle.values.reduce(0) { $0 + $1.count } }
    }

    private let state: Mutex<State>
    private let maxEnvironments: Int

    init(keepWarm: Duration, maxEnvironments: Int) {
        self.state = Mutex(State(keepWarm: keepWarm))
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
        let maxEnvironments = self.maxEnvironments
        let result = state.withLock { state -> Result<(Checkout, [ExecutionEnvironment]), MiniLambdaError> in
            guard !state.closed else { return .failure(MiniLambdaError(.shutDown, "the runtime is shutting down")) }
            var candidates = state.idle[functionName] ?? []
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
            state.idle[functionName] = candidates
            if let found {
                found.markBusy()
                state.busy[found.id] = found
                return .success((.warm(found), stale))
            }
            guard state.count - stale.count + state.starting < maxEnvironments else {
                return .failure(MiniLambdaError(.tooManyRequests, "Rate Exceeded. The tutor runs at most \(maxEnvironments) environments at once; wait for one to finish, or stop idle ones with 'envs --stop'."))
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
    func reapIdle(now: Date = Date()) -> Int {
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

    /// Shuts down every idle environment of one function (or all) and waits for them; with
    /// `fingerprint`, only those whose code or settings differ from it.
    func retireIdle(functionName: String?, keeping fingerprint: String? = nil) async {
        let victims = state.withLock { state -> [ExecutionEnvironment] in
            var victims: [ExecutionEnvironment] = []
            for (name, environments) in state.idle where functionName == nil || name == functionName {
                let (kept, retired) = environments.partitioned { fingerprint != nil && $0.fingerprint == fingerprint }
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
