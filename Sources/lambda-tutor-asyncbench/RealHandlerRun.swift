import Foundation
import LambdaService
import LocalServices
import MiniLambda
import ReliabilityHarness

/// The second phase of issue 15's benchmark (`--real N`): the same runs with a real Python
/// handler in MiniLambda's environments (real processes through the real `Invoker`) that fails
/// at random, raises, or runs past its 1-second timeout. Each event's end state is checked
/// against what the handler answered (``HandlerLedger``), and the wall time is split into the
/// share during which some handler was running and the rest, the machinery's.
enum RealHandlerRun {
    /// Fails a quarter of async events, times out one in twenty; fails a tenth of SQS batches
    /// whole, times out one in thirty, and reports a fifth of the records of the others.
    static let handler = """
    import random
    import time

    # Issue 15's real-handler run: a flaky handler, failing at random.
    def lambda_handler(event, context):
        roll = random.random()
        if "Records" in event:
            if roll < 0.10:
                raise RuntimeError("chaos: the whole batch failed")
            if roll < 0.133:
                time.sleep(2)  # past the 1 s timeout
            failures = [{"itemIdentifier": r["messageId"]} for r in event["Records"] if random.random() < 0.2]
            return {"batchItemFailures": failures}
        if roll < 0.25:
            raise RuntimeError("chaos: a random failure")
        if roll < 0.30:
            time.sleep(2)  # past the 1 s timeout
        return {"ok": True}

    """

    /// A service over a real invoker in `folder`, its ledger, and a run on a hand-moved clock
    /// whose functions get the handler, a 1 s timeout and `reserved` environments each.
    static func world(_ folder: URL, reserved: Int) -> (ReliabilityRun, HandlerLedger, Invoker) {
        let clock = BenchClock()
        let registry = FunctionRegistry(root: folder.appendingPathComponent("functions"), clock: clock)
        let invoker = Invoker(settings: RuntimeSettings(scratchRoot: folder.appendingPathComponent("envs")), privatePaths: registry.privatePaths)
        let ledger = HandlerLedger(invoker)
        let service = LambdaService(functions: registry, invoker: ledger)
        let run = ReliabilityRun(service: service, queues: LocalQueues(region: "us-east-1", accountID: "123456789012", clock: clock),
                                 clock: clock, advance: { clock.advance(by: $0) }) { name in
            try registry.writeCode(name, file: "lambda_function.py", contents: handler)
            _ = try await service.updateFunctionConfiguration(name, ConfigurationUpdate(settings: ["timeout=1", "reserved=\(reserved)"]))
        }
        return (run, ledger, invoker)
    }

    static func share(_ ledger: HandlerLedger, _ elapsed: Duration, events: Int) -> String {
        let busy = seconds(ledger.handlerBusy), wall = seconds(elapsed)
        return String(format: "wall %.2f s; some handler running %.2f s (%.1f%%); machinery alone %.3f s (%.2f%%, %.0f µs/event)",
                      wall, busy, busy / wall * 100, wall - busy, (wall - busy) / wall * 100, (wall - busy) / Double(max(1, events)) * 1e6)
    }

    /// Async: every event's deliveries at the handler are its attempts plus reported
    /// duplicates; one that succeeded there ended succeeded after exactly that many attempts,
    /// the others failed after 3 and reached their DLQ or on-failure destination once.
    static func runAsync(_ events: Int, folder: URL) async throws -> Bool {
        let (run, ledger, invoker) = world(folder, reserved: 10)
        let start = ContinuousClock.now
        let (async, functions) = try await run.runAsync(events: events, duplicateEvery: 50)
        let elapsed = ContinuousClock.now - start
        await invoker.shutdownAll()
        let outcomes = ledger.outcomes
        var problems: [String] = []
        for (id, function) in functions {
            guard let event = async.event(id),
                  let n = (try? JSONSerialization.jsonObject(with: event.payload) as? [String: Int])?["n"] else { problems.append("\(id): no event"); continue }
            let got = outcomes[String(n)] ?? []
            if got.count != event.invokeCount + event.duplicateDeliveries {
                problems.append("event \(n): the handler saw \(got.count) deliveries, the queue counts \(event.invokeCount) + \(event.duplicateDeliveries)")
            }
            // The failure ends: the DLQ (true) or the on-failure destination (false).
            let ends = event.deliveries.compactMap { delivery -> Bool? in
                switch delivery {
                case .deadLetter: true
                case .destination(.onFailure, _): false
                case .succeeded, .destination(.onSuccess, _): nil
                }
            }
            if let first = got.firstIndex(of: .success) {
                if event.state != .succeeded || event.invokeCount != first + 1 || !ends.isEmpty { problems.append("event \(n): succeeded at the handler, ended \(event.state) after \(event.invokeCount)") }
            } else if event.state != .failed(.retriesExhausted) || got.count != 3 || ends.count != 1
                        || ends[0] != (function == ReliabilityRun.dlqFunction) {
                problems.append("event \(n): failed at the handler \(got.count) times, ended \(event.state) with \(event.deliveries)")
            }
        }
        let summary = async.summary()
        print("async invocation, real Python handler: \(events) events, \(ledger.invocations) handler invocations; \(summary.succeeded) succeeded, \(summary.toDLQ) to the DLQ, \(summary.toOnFailure) to on-failure, \(summary.duplicateDeliveries) reported duplicates, \(summary.unfinished) unfinished")
        print("  " + share(ledger, elapsed, events: events))
        for problem in problems.prefix(10) { print("  NOT ACCOUNTED FOR: \(problem)") }
        return problems.isEmpty && summary.unfinished == 0 && summary.total == events
    }

    /// SQS: every message either succeeded at the handler once and was deleted, or never did
    /// and sits in the redrive DLQ after at most `maxReceiveCount` deliveries; none is left.
    static func runSQS(_ messages: Int, folder: URL) async throws -> Bool {
        let (run, ledger, invoker) = world(folder, reserved: 5)
        let start = ContinuousClock.now
        let (mappings, mapping) = try await run.runSQS(messages: messages)
        let elapsed = ContinuousClock.now - start
        await invoker.shutdownAll()
        let outcomes = ledger.outcomes
        let dead = try Set(run.queues.peek(ReliabilityRun.jobsDLQ).map(\.body))
        let left = try run.queues.messageCount(ReliabilityRun.jobs)
        var problems: [String] = [], succeeded = 0
        for n in 0..<messages {
            let body = "m\(n)", got = outcomes[body] ?? []
            let successes = got.count { $0 == .success }
            if successes == 1, got.last == .success, !dead.contains(body) { succeeded += 1; continue }
            if successes == 0, dead.contains(body), got.count <= ReliabilityRun.maxReceiveCount { continue }
            problems.append("\(body): handler saw \(got.map(\.rawValue)), \(dead.contains(body) ? "in" : "not in") the DLQ")
        }
        let deleted = mappings.counts(mapping.uuid).deleted
        if deleted != succeeded { problems.append("the mapping deleted \(deleted), the handler succeeded \(succeeded)") }
        print("SQS event source mapping, real Python handler: \(messages) messages, \(ledger.invocations) batch invocations; \(succeeded) succeeded and deleted, \(dead.count) in the redrive DLQ, \(left) left")
        print("  " + share(ledger, elapsed, events: messages))
        for problem in problems.prefix(10) { print("  NOT ACCOUNTED FOR: \(problem)") }
        return problems.isEmpty && left == 0 && succeeded + dead.count == messages
    }
}
