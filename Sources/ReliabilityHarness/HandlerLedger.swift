import Foundation
import MiniLambda
import Synchronization

/// Wraps a real worker (MiniLambda's `Invoker`) and keeps the handler's side of a reliability
/// run: what each delivery of each event got back from the handler, and how much of the run's
/// wall time some handler was running. A run is handler-bound when that share is near 1: the
/// rest is time in which only the machinery (scheduling, queues, the service layer) worked.
///
/// Events are keyed as ``ChaosInvoker`` keys them: an async payload `{"n":…}` by `n`, an SQS
/// record by its body; a batch's outcome applies to every record in it, except records the
/// handler named in `batchItemFailures`.
package final class HandlerLedger: FunctionInvoking {
    package enum Outcome: String, Sendable, Hashable {
        case success, error, timeout, itemFailure, platformError
    }

    let worker: any FunctionInvoking
    let record = Mutex<[String: [Outcome]]>([:])
    private let busy = Mutex(Busy())

    struct Busy {
        var running = 0
        var since: ContinuousClock.Instant?
        var total: Duration = .zero
        var invocations = 0
    }

    package init(_ worker: any FunctionInvoking) { self.worker = worker }

    /// What each event got, delivery by delivery.
    package var outcomes: [String: [Outcome]] { record.withLock { $0 } }
    /// Wall time during which at least one handler invocation was running.
    package var handlerBusy: Duration { busy.withLock { $0.total } }
    package var invocations: Int { busy.withLock { $0.invocations } }

    package func invoke(package: FunctionPackage, payload: Data, options: InvokeOptions) async throws(MiniLambdaError) -> InvocationResult {
        busy.withLock { busy in
            if busy.running == 0 { busy.since = .now }
            busy.running += 1
            busy.invocations += 1
        }
        defer {
            busy.withLock { busy in
                busy.running -= 1
                if busy.running == 0, let since = busy.since { busy.total += .now - since }
            }
        }
        let result = try await worker.invoke(package: package, payload: payload, options: options)
        note(payload, result)
        return result
    }

    private func note(_ payload: Data, _ result: InvocationResult) {
        let object = (try? JSONSerialization.jsonObject(with: payload)) as? [String: Any] ?? [:]
        let outcome: Outcome = switch result.status {
        case .success: .success
        case .functionError: .error
        case .timeout: .timeout
        case .platformError: .platformError
        }
        record.withLock { record in
            guard let records = object["Records"] as? [[String: Any]] else {
                let key = (object["n"] as? Int).map(String.init) ?? String(decoding: payload, as: UTF8.self)
                record[key, default: []].append(outcome)
                return
            }
            var failed: Set<String> = []
            if outcome == .success, let response = (try? JSONSerialization.jsonObject(with: result.payload)) as? [String: Any],
               let failures = response["batchItemFailures"] as? [[String: Any]] {
                failed = Set(failures.compactMap { $0["itemIdentifier"] as? String })
            }
            for item in records {
                let body = item["body"] as? String ?? ""
                let id = item["messageId"] as? String ?? ""
                record[body, default: []].append(outcome == .success && failed.contains(id) ? .itemFailure : outcome)
            }
        }
    }

    package func retireEnvironments(functionName: String?) async { await worker.retireEnvironments(functionName: functionName) }
    package func retireOutdatedEnvironments(current: FunctionPackage, keeping others: [FunctionPackage]) async {
        await worker.retireOutdatedEnvironments(current: current, keeping: others)
    }
    package func prepareEnvironments(package: FunctionPackage, count: Int) async throws(MiniLambdaError) -> Int {
        try await worker.prepareEnvironments(package: package, count: count)
    }
    package func shutdownAll() async { await worker.shutdownAll() }
}
