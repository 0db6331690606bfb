import Foundation
import LambdaService
import LocalServices
import Synchronization
import TestSupport
import Testing

/// 10,000 events through asynchronous invocation to a handler that fails, times out, is
/// throttled or hits a system error at random, on the manual clock: every event must be
/// accounted for exactly once at the end (succeeded, in the DLQ, or in the on-failure
/// destination), and the duplicates the teaching switch made are reported as duplicates.
@Suite struct AsyncReliabilityTests {
    /// SplitMix64, so a failing run can be repeated from its seed.
    final class Dice: Sendable {
        let state: Mutex<UInt64>
        init(seed: UInt64) { state = Mutex(seed) }
        func roll() -> Double {
            state.withLock { state in
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
            }
        }
    }

    @Test func tenThousandEventsAreEachAccountedForExactlyOnce() async throws {
        let clock = ManualWallClock()
        let queues = LocalQueues(region: "us-east-1", accountID: "123456789012", clock: clock)
        try queues.create("dlq")
        try queues.create("failures")
        let dice = Dice(seed: 15)
        let attempts = Mutex(0)
        let async = AsyncInvocations(queues: queues, clock: clock) { _, _, payload throws(LambdaServiceError) in
            attempts.withLock { $0 += 1 }
            let roll = dice.roll()
            let step: ScriptedAttempts.Step = roll < 0.55 ? .success : roll < 0.75 ? .error : roll < 0.85 ? .timeout : roll < 0.95 ? .throttle : .system
            return try ScriptedAttempts.result(step, payload)
        }
        try async.configure("to-dlq", settings: ["dlq=\(queues.arn("dlq"))"])
        try async.configure("to-destination", settings: ["async.retries=1", "async.max-age=60", "on-failure=\(queues.arn("failures"))"])
        var ids: [String: String] = [:]
        for n in 0..<10_000 {
            if n % 1_000 == 0 { async.deliverNextEventTwice() }
            let function = n.isMultiple(of: 2) ? "to-dlq" : "to-destination"
            ids[try async.invokeAsync(function: function, payload: Data("{\"n\":\(n)}".utf8))] = function
        }
        while let due = async.nextDue() {
            let wait = due.timeIntervalSince(clock.now())
            if wait > 0 { clock.advance(by: wait) }
            await async.runDue()
        }

        let summary = async.summary()
        #expect(summary.unfinished == 0)
        #expect(summary.total == 10_000)
        #expect(summary.discarded == 0)
        let dlq = try queues.peek("dlq").compactMap { $0.attributes["RequestID"]?.stringValue }
        let records = try queues.peek("failures").map { message -> String in
            let record = try #require(try JSONSerialization.jsonObject(with: Data(message.body.utf8)) as? [String: Any])
            return try #require((record["requestContext"] as? [String: Any])?["requestId"] as? String)
        }
        #expect(Set(dlq).count == dlq.count, "an event reached the DLQ twice")
        #expect(Set(records).count == records.count, "an event reached the destination twice")
        var succeeded = 0
        for (id, function) in ids {
            let event = try #require(async.event(id))
            let inDLQ = dlq.contains(id), inDestination = records.contains(id)
            switch event.state {
            case .succeeded:
                succeeded += 1
                #expect(!inDLQ && !inDestination)
            case .failed:
                #expect(function == "to-dlq" ? inDLQ && !inDestination : inDestination && !inDLQ)
            case .queued, .running:
                Issue.record("\(id) unfinished")
            }
        }
        #expect(succeeded == summary.succeeded)
        #expect(succeeded + dlq.count + records.count == 10_000)
        #expect(summary.failed[.eventAgeExceeded, default: 0] > 0)
        #expect(summary.failed[.retriesExhausted, default: 0] > 0)
        // Duplicates are reported (never hidden in the counts); only a successful first
        // delivery is delivered again, so up to 10.
        #expect((1...10).contains(summary.duplicateDeliveries))
        #expect(attempts.withLock { $0 } > 10_000)
    }
}
