import Foundation
import MiniLambda
import Synchronization

/// A deterministic stand-in for the workers: records what it was asked to run and answers at
/// once, or — while ``hold()`` is on — keeps every invocation waiting until ``release()``, so a
/// test can have N invocations in flight at the same moment.
final class FakeInvoker: FunctionInvoking {
    struct State {
        var invoked: [FunctionPackage] = []
        var prepared: [(FunctionPackage, Int)] = []
        var holding = false
        var waiting: [CheckedContinuation<Void, Never>] = []
        var inFlight = 0
        /// Environments "started": a first invoke of a fingerprint is cold.
        var warm: Set<String> = []
        var shutDown = false
    }

    let state = Mutex(State())
    let durationMs: Double
    let status: InvocationResult.Status

    init(durationMs: Double = 12.5, status: InvocationResult.Status = .success) {
        self.durationMs = durationMs
        self.status = status
    }

    var invoked: [FunctionPackage] { state.withLock { $0.invoked } }
    var inFlight: Int { state.withLock { $0.inFlight } }

    func hold() { state.withLock { $0.holding = true } }

    func release() {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.holding = false
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Waits (yielding) until `count` invocations are inside the fake.
    func waitUntilInFlight(_ count: Int) async {
        while inFlight < count { await Task.yield() }
    }

    func invoke(package: FunctionPackage, payload: Data, options: InvokeOptions) async throws(MiniLambdaError) -> InvocationResult {
        let cold = state.withLock { state -> Bool in
            state.invoked.append(package)
            state.inFlight += 1
            return state.warm.insert(package.fingerprint()).inserted
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state -> Bool in
                guard state.holding else { return true }
                state.waiting.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
        state.withLock { $0.inFlight -= 1 }
        return InvocationResult(package: package, status: status, coldStart: cold, durationMs: durationMs, initDurationMs: cold ? 100 : nil)
    }

    func retireEnvironments(functionName: String?) async {
        state.withLock { $0.warm = [] }
    }

    func retireOutdatedEnvironments(current: FunctionPackage, keeping others: [FunctionPackage]) async {
        let keep = Set(([current] + others).map { $0.fingerprint() })
        state.withLock { $0.warm = $0.warm.intersection(keep) }
    }

    func prepareEnvironments(package: FunctionPackage, count: Int) async throws(MiniLambdaError) -> Int {
        state.withLock { state in
            state.prepared.append((package, count))
            state.warm.insert(package.fingerprint())
        }
        return count
    }

    func shutdownAll() async {
        state.withLock { $0.shutDown = true }
    }
}
