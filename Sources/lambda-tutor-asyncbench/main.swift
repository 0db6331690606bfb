// The async invocation scheduler's benchmark (Benchmarks/async.sh runs it in release mode).
// Reference and measurement in the same run: the same in-process handler (a JSON decode and
// encode of the event) is called N times in a synchronous loop, then N events go through
// AsyncInvocations (accept, queue, attempt, record, with 20% failing once and retried on the
// clock). The scheduler's overhead per event is the difference divided by N.
import Foundation
import LambdaService
import LocalServices
import Synchronization
import TutorSupport

/// A wall clock the benchmark moves by hand, so retry delays cost no waiting.
final class BenchClock: WallClock {
    let current = Mutex(Date(timeIntervalSince1970: 1_796_000_000))
    func now() -> Date { current.withLock { $0 } }
    func advance(to date: Date) { current.withLock { $0 = max($0, date) } }
}

@Sendable func handler(_ payload: Data) -> (ok: Bool, Data) {
    let object = (try? JSONSerialization.jsonObject(with: payload)) as? [String: Int] ?? [:]
    let n = object["n"] ?? 0
    let output = (try? JSONSerialization.data(withJSONObject: ["n": n, "double": n * 2])) ?? Data()
    return (n % 5 != 0, output)
}

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 100_000
let payloads = (0..<count).map { Data("{\"n\":\($0)}".utf8) }

// Reference: the handler called synchronously in a loop (each failing event called twice, as
// it is below: once failing, once on its retry).
let referenceStart = ContinuousClock.now
var checksum = 0
for payload in payloads {
    let (ok, output) = handler(payload)
    checksum &+= output.count
    if !ok { checksum &+= handler(payload).1.count }
}
let reference = ContinuousClock.now - referenceStart

let clock = BenchClock()
let queues = LocalQueues(region: "us-east-1", accountID: "123456789012", clock: clock)
try queues.create("dlq")
let retried = Mutex(Set<Data>())
let async = AsyncInvocations(queues: queues, clock: clock) { _, _, payload throws(LambdaServiceError) in
    var (ok, output) = handler(payload)
    if !ok { ok = !retried.withLock { $0.insert(payload).inserted } }
    return ok ? AsyncAttemptResult(kind: .success, payload: output, executedVersion: "$LATEST")
              : AsyncAttemptResult(kind: .functionError, payload: Data(#"{"errorMessage":"every fifth fails once"}"#.utf8),
                                   executedVersion: "$LATEST", functionError: "Unhandled", errorType: "Error")
}
try async.configure("bench", settings: ["dlq=\(queues.arn("dlq"))"])

let measuredStart = ContinuousClock.now
for payload in payloads { _ = try async.invokeAsync(function: "bench", payload: payload) }
while let due = async.nextDue() {
    clock.advance(to: due)
    await async.runDue()
}
let measured = ContinuousClock.now - measuredStart

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}
let summary = async.summary()
let overhead = (seconds(measured) - seconds(reference)) / Double(count) * 1e6
print("events:                   \(count) (\(summary.succeeded) succeeded, \(summary.failed.values.reduce(0, +)) failed, \(summary.unfinished) unfinished)")
print(String(format: "reference (sync loop):    %.3f s  (%.0f handler calls/s)", seconds(reference), Double(count) / seconds(reference)))
print(String(format: "async invocation:         %.3f s  (%.0f events/s)", seconds(measured), Double(count) / seconds(measured)))
print(String(format: "scheduler overhead/event: %.1f µs  (goal: under 50 µs)", overhead))
if summary.succeeded != count { print("ERROR: not every event succeeded"); exit(1) }
_ = checksum
