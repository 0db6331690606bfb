import Foundation
import LambdaModel
import LambdaService
import LocalServices
import Synchronization
import TestSupport
import Testing

/// A mapping over local queues, a manual clock and a handler the test scripts: each batch's
/// event is recorded and answered by `respond`.
final class MappingFixture: Sendable {
    let clock = ManualWallClock()
    let queues: LocalQueues
    let mappings: EventSourceMappings
    let log = PayloadLog()
    let respond: @Sendable ([[String: Any]]) -> AsyncAttemptResult

    init(visibility: Int = 30, maxReceive: Int = 2, timeout: Int = 3,
         respond: @escaping @Sendable ([[String: Any]]) -> AsyncAttemptResult = { _ in MappingFixture.ok("null") }) throws {
        queues = LocalQueues(region: "us-east-1", accountID: "123456789012", clock: clock)
        self.respond = respond
        try queues.create("dlq")
        try queues.create("jobs", visibilityTimeout: visibility, redrive: RedrivePolicy(deadLetterTargetArn: queues.arn("dlq"), maxReceiveCount: maxReceive))
        let log = self.log
        mappings = EventSourceMappings(queues: queues, clock: clock, functionTimeout: { $0 == "worker" ? timeout : nil }) { function, _, payload throws(LambdaServiceError) in
            let object = (try? JSONSerialization.jsonObject(with: payload) as? [String: Any]) ?? [:]
            let records = object["Records"] as? [[String: Any]] ?? []
            log.payloads.withLock { $0.append(payload) }
            return respond(records)
        }
    }

    static func ok(_ body: String) -> AsyncAttemptResult {
        AsyncAttemptResult(kind: .success, payload: Data(body.utf8), executedVersion: "$LATEST")
    }

    static let failure = AsyncAttemptResult(kind: .functionError, payload: Data(#"{"errorMessage":"boom","errorType":"ValueError"}"#.utf8),
                                            executedVersion: "$LATEST", functionError: "Unhandled", errorType: "ValueError")

    var batches: [[[String: Any]]] {
        log.payloads.withLock { $0 }.map { ((try? JSONSerialization.jsonObject(with: $0)) as? [String: Any])?["Records"] as? [[String: Any]] ?? [] }
    }
    func remaining(_ queue: String = "jobs") throws -> [String] { try queues.peek(queue).map(\.body) }
}

/// The events the fake handler received, as sent.
final class PayloadLog: Sendable {
    let payloads = Mutex<[Data]>([])
}

@Suite struct EventSourceMappingTests {
    @Test func createChecksAWSRulesAndDefaults() throws {
        let fixture = try MappingFixture()
        let mapping = try fixture.mappings.create(EventSourceMappingRequest(eventSourceArn: fixture.queues.arn("jobs"), functionName: "worker"))
        #expect(mapping.batchSize == Facts.sqsBatchDefault.int)
        #expect(mapping.maximumBatchingWindow == Facts.batchWindowDefault.int)
        #expect(mapping.state == "Enabled")
        #expect(mapping.apiObject()["EventSourceMappingArn"] as? String == "arn:aws:lambda:us-east-1:123456789012:event-source-mapping:\(mapping.uuid)")
        // The same queue and function again is a conflict naming the existing mapping.
        #expect { try fixture.mappings.create(EventSourceMappingRequest(eventSourceArn: fixture.queues.arn("jobs"), functionName: "worker")) } throws: {
            ($0 as? LambdaServiceError)?.code == .resourceConflict && "\($0)".contains(mapping.uuid)
        }
        let bad: [EventSourceMappingRequest] = [
            EventSourceMappingRequest(eventSourceArn: fixture.queues.arn("dlq"), functionName: "worker", batchSize: Facts.sqsBatchMaxWithoutWindow.int + 1),
            EventSourceMappingRequest(eventSourceArn: fixture.queues.arn("dlq"), functionName: "worker", batchSize: Facts.sqsBatchMaxStandard.int + 1, maximumBatchingWindow: 1),
            EventSourceMappingRequest(eventSourceArn: fixture.queues.arn("dlq"), functionName: "worker", maximumBatchingWindow: Facts.batchWindowMax.int + 1),
            EventSourceMappingRequest(eventSourceArn: fixture.queues.arn("dlq"), functionName: "worker", maximumConcurrency: Facts.sqsMaxConcurrencyMin.int - 1),
            EventSourceMappingRequest(eventSourceArn: fixture.queues.arn("dlq"), functionName: "worker", functionResponseTypes: ["Everything"]),
            EventSourceMappingRequest(eventSourceArn: "arn:aws:sqs:us-east-1:123456789012:missing", functionName: "worker"),
            EventSourceMappingRequest(eventSourceArn: "arn:aws:kinesis:us-east-1:123456789012:stream/s", functionName: "worker"),
        ]
        for request in bad {
            #expect(throws: LambdaServiceError.self) { try fixture.mappings.create(request) }
        }
        #expect { try fixture.mappings.create(EventSourceMappingRequest(eventSourceArn: fixture.queues.arn("dlq"), functionName: "nobody")) } throws: {
            ($0 as? LambdaServiceError)?.code == .resourceNotFound
        }
        // A large batch is allowed with a window of at least 1 s.
        let large = try fixture.mappings.create(EventSourceMappingRequest(eventSourceArn: fixture.queues.arn("dlq"), functionName: "worker",
                                                                          batchSize: Facts.sqsBatchMaxStandard.int, maximumBatchingWindow: Facts.sqsLargeBatchWindowMin.int))
        #expect(try fixture.mappings.list(functionName: "worker").map(\.uuid).sorted() == [mapping.uuid, large.uuid].sorted())
        #expect(try fixture.mappings.list(eventSourceArn: fixture.queues.arn("dlq")).map(\.uuid) == [large.uuid])
        try fixture.mappings.delete(large.uuid)
        #expect(throws: LambdaServiceError.self) { try fixture.mappings.get(large.uuid) }
    }

    @Test func functionTimeoutMustNotExceedTheVisibilityTimeout() throws {
        let fixture = try MappingFixture(visibility: 10, timeout: 30)
        #expect { try fixture.mappings.create(EventSourceMappingRequest(eventSourceArn: fixture.queues.arn("jobs"), functionName: "worker")) } throws: {
            "\($0)".contains("Queue visibility timeout: 10 seconds is less than Function timeout: 30 seconds")
        }
    }

    @Test func successfulBatchesAreDeliveredInTheSQSShapeAndDeleted() async throws {
        let fixture = try MappingFixture()
        let mapping = try fixture.mappings.create(EventSourceMappingRequest(eventSourceArn: fixture.queues.arn("jobs"), functionName: "worker", batchSize: 3))
        for index in 1...7 { try fixture.queues.send("jobs", body: #"{"id": \#(index)}"#) }
        #expect(await fixture.mappings.runDue() == 3)
        let sizes = fixture.batches.map(\.count).sorted()
        #expect(sizes == [1, 3, 3])
        let record = try #require(fixture.batches.first?.first)
        #expect(record["eventSource"] as? String == "aws:sqs")
        #expect(record["eventSourceARN"] as? String == fixture.queues.arn("jobs"))
        #expect(record["awsRegion"] as? String == "us-east-1")
        #expect((record["attributes"] as? [String: String])?["ApproximateReceiveCount"] == "1")
        let body = try #require(record["body"] as? String)
        #expect(record["md5OfBody"] as? String == MD5.hex(body))
        #expect(record["receiptHandle"] as? String != nil && record["messageId"] as? String != nil)
        #expect(try fixture.remaining().isEmpty)
        #expect(fixture.mappings.counts(mapping.uuid).deleted == 7)
        #expect(try fixture.mappings.get(mapping.uuid).lastProcessingResult == "OK")
    }

    @Test func md5IsRFC1321() {
        #expect(MD5.hex("") == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(MD5.hex("The quick brown fox jumps over the lazy dog") == "9e107d9d372bb6826bd81d3542a419d6")
        #expect(MD5.hex(String(repeating: "a", count: 1000)) == "cabe45dcc9ae5b66ba86600cca6b8ba8")
    }

    @Test func aFailedBatchComesBackAfterTheVisibilityTimeoutAndAPoisonMessageReachesTheDLQ() async throws {
        let fixture = try MappingFixture(visibility: 30, maxReceive: 2) { _ in MappingFixture.failure }
        let mapping = try fixture.mappings.create(EventSourceMappingRequest(eventSourceArn: fixture.queues.arn("jobs"), functionName: "worker"))
        try fixture.queues.send("jobs", body: "poison")
        #expect(await fixture.mappings.runDue() == 1)
        #expect(await fixture.mappings.runDue() == 0)                 // hidden for the visibility timeout
        fixture.clock.advance(by: 29)
        #expect(await fixture.mappings.runDue() == 0)
        fixture.clock.advance(by: 1)
        #expect(await fixture.mappings.runDue() == 1)                 // received a second time
        #expect((fixture.batches[1].first?["attributes"] as? [String: String])?["ApproximateReceiveCount"] == "2")
        fixture.clock.advance(by: 30)
        #expect(await fixture.mappings.runDue() == 0)                 // maxReceiveCount reached: redriven
        #expect(try fixture.remaining().isEmpty)
        #expect(try fixture.remaining("dlq") == ["poison"])
        #expect(fixture.mappings.counts(mapping.uuid).failedBatches == 2)
        #expect(try fixture.mappings.get(mapping.uuid).lastProcessingResult == "PROBLEM: Function call failed")
    }

    @Test func reportBatchItemFailuresKeepsOnlyTheNamedMessages() async throws {
        let fixture = try MappingFixture { records in
            let bad = records.filter { ($0["body"] as? String)?.contains("bad") == true }.map { ["itemIdentifier": $0["messageId"] as? String ?? ""] }
            let data = try! JSONSerialization.data(withJSONObject: ["batchItemFailures": bad])
            return MappingFixture.ok(String(decoding: data, as: UTF8.self))
        }
        try fixture.mappings.create(EventSourceMappingRequest(eventSourceArn: fixture.queues.arn("jobs"), functionName: "worker", functionResponseTypes: ["ReportBatchItemFailures"]))
        for body in ["good 1", "bad 2", "good 3"] { try fixture.queues.send("jobs", body: body) }
        await fixture.mappings.runDue()
        #expect(try fixture.remaining() == ["bad 2"])
    }

    func probe(_ text: String, _ batch: [String]) -> String {
        switch BatchItemFailures.parse(Data(text.utf8), batch: batch) {
        case .failed(let ids): return ids.isEmpty ? "all succeeded" : ids.sorted().joined(separator: ",")
        case .invalid: return "whole batch"
        }
    }

    @Test func partialResponsesAreReadAsLambdaReadsThem() {
        let batch = ["a", "b"]
        #expect(probe("", batch) == "all succeeded")
        #expect(probe("null", batch) == "all succeeded")
        #expect(probe("{}", batch) == "all succeeded")
        #expect(probe(#"{"batchItemFailures": []}"#, batch) == "all succeeded")
        #expect(probe(#"{"batchItemFailures": [{"itemIdentifier": "b"}]}"#, batch) == "b")
        #expect(probe(#"{"batchItemFailures": [{"itemIdentifier": "zzz"}]}"#, batch) == "whole batch")
        #expect(probe(#"{"batchItemFailures": [{"itemIdentifier": ""}]}"#, batch) == "whole batch")
        #expect(probe(#"{"batchItemFailures": [{"id": "a"}]}"#, batch) == "whole batch")
        #expect(probe("not json {", batch) == "whole batch")
    }

    @Test func anUnknownItemIdentifierFailsTheWholeBatch() async throws {
        let fixture = try MappingFixture { _ in MappingFixture.ok(#"{"batchItemFailures": [{"itemIdentifier": "not-a-message"}]}"#) }
        try fixture.mappings.create(EventSourceMappingRequest(eventSourceArn: fixture.queues.arn("jobs"), functionName: "worker", functionResponseTypes: ["ReportBatchItemFailures"]))
        for body in ["one", "two"] { try fixture.queues.send("jobs", body: body) }
        await fixture.mappings.runDue()
        #expect(try fixture.remaining().sorted() == ["one", "two"])
    }

    @Test func filteredOutMessagesAreDeletedWithoutAnInvoke() async throws {
        let fixture = try MappingFixture()
        let mapping = try fixture.mappings.create(EventSourceMappingRequest(eventSourceArn: fixture.queues.arn("jobs"), functionName: "worker",
                                                                            filterPatterns: [#"{"body": {"type": ["order"]}}"#]))
        for body in [#"{"type": "order", "n": 1}"#, #"{"type": "refund"}"#, "plain text"] { try fixture.queues.send("jobs", body: body) }
        await fixture.mappings.runDue()
        #expect(fixture.batches.flatMap { $0 }.compactMap { $0["body"] as? String } == [#"{"type": "order", "n": 1}"#])
        #expect(try fixture.remaining().isEmpty)
        #expect(fixture.mappings.counts(mapping.uuid).filtered == 2)
    }

    @Test func theBatchingWindowWaitsForAFullBatch() async throws {
        let fixture = try MappingFixture()
        try fixture.mappings.create(EventSourceMappingRequest(eventSourceArn: fixture.queues.arn("jobs"), functionName: "worker", batchSize: 3, maximumBatchingWindow: 5))
        try fixture.queues.send("jobs", body: "1")
        #expect(await fixture.mappings.runDue() == 0)
        fixture.clock.advance(by: 4)
        try fixture.queues.send("jobs", body: "2")
        #expect(await fixture.mappings.runDue() == 0)
        fixture.clock.advance(by: 1)
        #expect(await fixture.mappings.runDue() == 1)                 // the window closed: a batch of 2
        #expect(fixture.batches.map(\.count) == [2])
        for body in ["3", "4", "5"] { try fixture.queues.send("jobs", body: body) }
        #expect(await fixture.mappings.runDue() == 1)                 // a full batch goes at once
    }

    @Test func aDisabledMappingDoesNotPoll() async throws {
        let fixture = try MappingFixture()
        let mapping = try fixture.mappings.create(EventSourceMappingRequest(eventSourceArn: fixture.queues.arn("jobs"), functionName: "worker", enabled: false))
        try fixture.queues.send("jobs", body: "wait")
        #expect(await fixture.mappings.runDue() == 0)
        try fixture.mappings.update(mapping.uuid, EventSourceMappingRequest(enabled: true))
        #expect(await fixture.mappings.runDue() == 1)
    }
}
