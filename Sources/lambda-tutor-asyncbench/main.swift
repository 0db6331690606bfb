// Issue 15's reliability benchmark (Benchmarks/async.sh runs it in release mode). N events go
// through asynchronous invocation and N messages through an SQS event source mapping, over a
// real LambdaService whose worker is ChaosInvoker (random function errors, timeouts and
// batch-item failures; answered at once, so the run measures the machinery, not handlers), on a
// clock moved by hand so retry delays and visibility timeouts cost no waiting.
//
// References in the same run: the payloads the worker received are replayed, in order, into a
// fresh ChaosInvoker with the same seed (which answers exactly the same), (a) called directly —
// the worker's bare cost — and (b) through LambdaService.invoke in a synchronous loop — the
// worker plus the service layer. The scheduler's overhead per event is (run − b) / N; the
// whole machinery's, service layer included, is (run − a) / N.
import Foundation
import LambdaService
import LocalServices
import MiniLambda
import ReliabilityHarness
import Synchronization
import TutorSupport

/// A wall clock the benchmark moves by hand, so retry delays cost no waiting.
final class BenchClock: WallClock {
    let current = Mutex(Date(timeIntervalSince1970: 1_796_000_000))
    func now() -> Date { current.withLock { $0 } }
    func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func world(_ chaos: ChaosInvoker, _ folder: URL) -> ReliabilityRun {
    let clock = BenchClock()
    let service = LambdaService(functions: FunctionRegistry(root: folder, clock: clock), invoker: chaos)
    return ReliabilityRun(service: service, queues: LocalQueues(region: "us-east-1", accountID: "123456789012", clock: clock),
                          clock: clock, advance: { clock.advance(by: $0) })
}

/// Replays `payloads` (as received by `function`) bare and through the service; returns both times.
func references(_ payloads: [Data], function: String, seed: UInt64, folder: URL, run: ReliabilityRun) async throws -> (bare: Duration, service: Duration) {
    let package = try run.service.functions.package(function)
    let bare = ChaosInvoker(seed: seed)
    let bareStart = ContinuousClock.now
    for payload in payloads { _ = try await bare.invoke(package: package, payload: payload, options: InvokeOptions()) }
    let bareTime = ContinuousClock.now - bareStart
    let viaService = world(ChaosInvoker(seed: seed), folder)
    try viaService.service.createFunction(name: function)
    let serviceStart = ContinuousClock.now
    for payload in payloads { _ = try await viaService.service.invoke(function, payload: payload) }
    return (bareTime, ContinuousClock.now - serviceStart)
}

func report(_ label: String, events: Int, attempts: Int, run: Duration, bare: Duration, service: Duration, accounted: String) {
    let perEvent = { (d: Duration) in seconds(d) / Double(events) * 1e6 }
    print("\(label): \(events) events, \(attempts) worker invocations; \(accounted)")
    print(String(format: "  end to end:                 %.3f s  (%.0f events/s)", seconds(run), Double(events) / seconds(run)))
    print(String(format: "  (a) worker alone, replayed: %.3f s  (%.1f µs/event)", seconds(bare), perEvent(bare)))
    print(String(format: "  (b) + LambdaService.invoke: %.3f s  (%.1f µs/event)", seconds(service), perEvent(service)))
    print(String(format: "  scheduler overhead/event:   %.1f µs  (run − b; goal: under 50 µs)", perEvent(run) - perEvent(service)))
    print(String(format: "  machinery overhead/event:   %.1f µs  (run − a: scheduler, queues and service layer)", perEvent(run) - perEvent(bare)))
}

// `lambda-tutor-asyncbench [EVENTS]`, or `--real [N]` for the real-handler phase alone (RealHandlerRun).
let arguments = Array(CommandLine.arguments.dropFirst())
let real = arguments.first == "--real" ? (arguments.dropFirst().first.flatMap(Int.init) ?? 300) : nil
let count = arguments.first.flatMap(Int.init) ?? 10_000
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lambda-tutor-asyncbench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
defer { try? FileManager.default.removeItem(at: scratch) }
var failed = false

if let real {
    let asyncOK = try await RealHandlerRun.runAsync(real, folder: scratch.appendingPathComponent("real-async"))
    let sqsOK = try await RealHandlerRun.runSQS(real, folder: scratch.appendingPathComponent("real-sqs"))
    try? FileManager.default.removeItem(at: scratch)
    if !(asyncOK && sqsOK) { print("ERROR: not every event was accounted for"); exit(1) }
    exit(0)
}

// Asynchronous invocation.
do {
    let chaos = ChaosInvoker(seed: 1501, keepsPayloads: true)
    let run = world(chaos, scratch.appendingPathComponent("async/functions"))
    let start = ContinuousClock.now
    let (async, _) = try await run.runAsync(events: count)
    let elapsed = ContinuousClock.now - start
    let summary = async.summary()
    let failedCount = summary.failed.values.reduce(0, +)
    let accounted = summary.unfinished == 0 && summary.succeeded + failedCount == count && summary.toDLQ + summary.toOnFailure == failedCount
    failed = failed || !accounted
    // The replay sends every payload to the DLQ function: the two are configured alike for the worker.
    let (bare, service) = try await references(chaos.payloads, function: ReliabilityRun.dlqFunction, seed: 1501,
                                               folder: scratch.appendingPathComponent("async-ref/functions"), run: run)
    report("async invocation", events: count, attempts: chaos.payloads.count, run: elapsed, bare: bare, service: service,
           accounted: "\(summary.succeeded) succeeded, \(summary.toDLQ) to the DLQ, \(summary.toOnFailure) to on-failure, \(summary.duplicateDeliveries) reported duplicates, \(summary.unfinished) unfinished\(accounted ? "" : " — NOT ALL ACCOUNTED FOR")")
}

// An SQS event source mapping (batch size 10, ReportBatchItemFailures, redrive after 3 receives).
do {
    let chaos = ChaosInvoker(seed: 1502, keepsPayloads: true)
    let run = world(chaos, scratch.appendingPathComponent("sqs/functions"))
    let start = ContinuousClock.now
    let (mappings, mapping) = try await run.runSQS(messages: count)
    let elapsed = ContinuousClock.now - start
    let deleted = mappings.counts(mapping.uuid).deleted
    let inDLQ = try run.queues.peek(ReliabilityRun.jobsDLQ).count
    let left = try run.queues.peek(ReliabilityRun.jobs).count
    let accounted = deleted + inDLQ == count && left == 0
    failed = failed || !accounted
    let (bare, service) = try await references(chaos.payloads, function: ReliabilityRun.worker, seed: 1502,
                                               folder: scratch.appendingPathComponent("sqs-ref/functions"), run: run)
    report("SQS event source mapping", events: count, attempts: chaos.payloads.count, run: elapsed, bare: bare, service: service,
           accounted: "\(deleted) processed and deleted, \(inDLQ) in the redrive DLQ, \(left) left\(accounted ? "" : " — NOT ALL ACCOUNTED FOR")")
}
if failed { print("ERROR: not every event was accounted for"); exit(1) }
