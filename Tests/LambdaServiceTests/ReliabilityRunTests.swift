import Foundation
import LambdaService
import LocalServices
import MiniLambda
import ReliabilityHarness
import TestSupport
import Testing

/// Issue 15's reliability measurement: 10,000 events through asynchronous invocation and
/// 10,000 messages through an SQS event source mapping, over a real `LambdaService` whose
/// worker fails at random (function errors and timeouts, and single records of SQS batches).
/// Every event's end state is checked against the worker's own record of what it returned:
/// an event lost, delivered twice without being reported, or sent to two places fails it.
@Suite struct ReliabilityRunTests {
    static let events = 10_000

    static func world(_ chaos: ChaosInvoker) throws -> (ReliabilityRun, TemporaryDirectory) {
        let directory = try TemporaryDirectory(prefix: "reliability")
        let clock = ManualWallClock()
        let service = LambdaService(functions: FunctionRegistry(root: directory.url.appendingPathComponent("functions"), clock: clock), invoker: chaos)
        let queues = LocalQueues(region: "us-east-1", accountID: "123456789012", clock: clock)
        return (ReliabilityRun(service: service, queues: queues, clock: clock, advance: { clock.advance(by: $0) }), directory)
    }

    /// The request ids in a destination queue's invocation records, with each record's condition and count.
    static func records(_ queues: LocalQueues, _ queue: String) throws -> [String: (condition: String, count: Int)] {
        var found: [String: (String, Int)] = [:]
        for message in try queues.peek(queue) {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(message.body.utf8)) as? [String: Any])
            let context = try #require(record["requestContext"] as? [String: Any])
            let id = try #require(context["requestId"] as? String)
            #expect(found[id] == nil, "\(id) reached \(queue) twice")
            found[id] = (context["condition"] as? String ?? "", context["approximateInvokeCount"] as? Int ?? -1)
        }
        return found
    }

    @Test func asyncEventsAreEachAccountedForOnceAgainstTheWorkersRecord() async throws {
        let chaos = ChaosInvoker(seed: 1501)
        let (run, directory) = try Self.world(chaos)
        defer { _ = directory }
        let (async, functions) = try await run.runAsync(events: Self.events)
        let queues = run.queues
        let summary = async.summary()
        #expect(summary.unfinished == 0)
        #expect(summary.total == Self.events)
        #expect(summary.discarded == 0)

        var dlq: [String: String] = [:]
        for message in try queues.peek(ReliabilityRun.dlq) {
            let id = try #require(message.attributes["RequestID"]?.stringValue)
            #expect(dlq[id] == nil, "\(id) reached the DLQ twice")
            dlq[id] = message.attributes["ErrorMessage"]?.stringValue ?? ""
        }
        let succeededRecords = try Self.records(queues, ReliabilityRun.onSuccess)
        let failedRecords = try Self.records(queues, ReliabilityRun.onFailure)
        let outcomes = chaos.outcomes
        let attempts = 1 + 2 // the first attempt and the default MaximumRetryAttempts
        var succeeded = 0, duplicates = 0
        for (id, function) in functions {
            let event = try #require(async.event(id))
            let n = try #require((try JSONSerialization.jsonObject(with: event.payload) as? [String: Int])?["n"])
            let got = outcomes[String(n)] ?? []
            // Every delivery the worker saw is an attempt or a reported duplicate.
            #expect(got.count == event.invokeCount + event.duplicateDeliveries, "event \(n): worker saw \(got.count), the queue counts \(event.invokeCount) + \(event.duplicateDeliveries)")
            duplicates += event.duplicateDeliveries
            let toDestinations = function == ReliabilityRun.destinationFunction
            if let first = got.firstIndex(of: .success) {
                succeeded += 1
                #expect(event.state == .succeeded, "event \(n) succeeded at the worker but ended \(event.state)")
                #expect(event.invokeCount == first + 1, "event \(n) attempted again after it succeeded")
                #expect(dlq[id] == nil && failedRecords[id] == nil)
                #expect((succeededRecords[id] != nil) == toDestinations, "event \(n): on-success record")
                if let record = succeededRecords[id] { #expect(record.condition == "Success" && record.count == event.invokeCount) }
            } else {
                #expect(got.count == attempts, "event \(n) failed \(got.count) times, not \(attempts)")
                #expect(event.state == .failed(.retriesExhausted))
                #expect(succeededRecords[id] == nil)
                if toDestinations {
                    #expect(dlq[id] == nil)
                    #expect(failedRecords[id]?.condition == "RetriesExhausted" && failedRecords[id]?.count == attempts, "event \(n): on-failure record")
                } else {
                    #expect(failedRecords[id] == nil)
                    let message = try #require(dlq[id], "event \(n) failed but is not in the DLQ")
                    #expect(message.contains("timed out") == (got.last == .timeout), "event \(n): DLQ ErrorMessage \(message)")
                }
            }
        }
        #expect(succeeded == summary.succeeded)
        #expect(succeeded + dlq.count + failedRecords.count == Self.events)
        #expect(summary.toDLQ == dlq.count && summary.toOnFailure == failedRecords.count && summary.toOnSuccess == succeededRecords.count)
        #expect(duplicates == summary.duplicateDeliveries)
        #expect((1...10).contains(duplicates))
        // The seed gives every kind of outcome plenty of times.
        #expect(chaos.count(.error) > 1_000 && chaos.count(.timeout) > 500 && dlq.count > 0 && failedRecords.count > 0)
    }

    @Test func sqsMessagesAreEachAccountedForOnceAgainstTheWorkersRecord() async throws {
        let chaos = ChaosInvoker(seed: 1502)
        let (run, directory) = try Self.world(chaos)
        defer { _ = directory }
        let (mappings, mapping) = try await run.runSQS(messages: Self.events)
        let queues = run.queues
        #expect(try queues.peek(ReliabilityRun.jobs).isEmpty)
        var dlq: Set<String> = []
        for message in try queues.peek(ReliabilityRun.jobsDLQ) {
            #expect(dlq.insert(message.body).inserted, "\(message.body) reached the DLQ twice")
        }
        let outcomes = chaos.outcomes
        var succeeded = 0
        for n in 0..<Self.events {
            let body = "m\(n)"
            let got = outcomes[body] ?? []
            let successes = got.count { $0 == .success }
            let inDLQ = dlq.contains(body)
            #expect(successes <= 1, "\(body) was processed \(successes) times and no duplicate was reported")
            if successes == 1 {
                succeeded += 1
                #expect(got.last == .success, "\(body) delivered again after it succeeded")
                #expect(!inDLQ, "\(body) succeeded and is in the DLQ")
            } else {
                #expect(got.count == ReliabilityRun.maxReceiveCount, "\(body) failed \(got.count) times before the DLQ")
                #expect(inDLQ, "\(body) never succeeded and is not in the DLQ")
            }
        }
        let counts = mappings.counts(mapping.uuid)
        #expect(counts.deleted == succeeded)
        #expect(counts.itemFailures == chaos.count(.itemFailure))
        #expect(succeeded + dlq.count == Self.events)
        #expect(chaos.count(.error) > 0 && chaos.count(.timeout) > 0 && chaos.count(.itemFailure) > 0 && !dlq.isEmpty)
    }
}
