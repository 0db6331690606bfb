import Foundation
import LambdaModel
import LambdaService
import LocalServices
import Synchronization
import TestSupport
import Testing

/// A stream mapping over local streams, a manual clock and a handler the test scripts: each
/// batch's records (decoded data) are logged and answered by `respond`.
final class StreamFixture: Sendable {
    let clock = ManualWallClock()
    let queues: LocalQueues
    let streams: LocalStreams
    /// A topic "stream-failures" whose raw subscriber is the queue "topic-inbox".
    let topics: LocalTopics
    let mappings: EventSourceMappings
    let log = PayloadLog()

    init(shards: Int = 1, respond: @escaping @Sendable ([[String: Any]]) -> AsyncAttemptResult = { _ in MappingFixture.ok("null") }) throws {
        queues = LocalQueues(region: "us-east-1", accountID: "123456789012", clock: clock)
        streams = LocalStreams(region: "us-east-1", accountID: "123456789012", clock: clock)
        try queues.create("failures")
        try queues.create("topic-inbox")
        topics = LocalTopics(queues: queues, clock: clock)
        try topics.subscribe(try topics.create("stream-failures"), protocol: "sqs", endpoint: queues.arn("topic-inbox"), attributes: ["RawMessageDelivery": "true"])
        try streams.create("clicks", shardCount: shards)
        let log = self.log
        mappings = EventSourceMappings(queues: queues, streams: streams, topics: topics, clock: clock, functionTimeout: { $0 == "worker" ? 3 : nil }) { _, _, payload throws(LambdaServiceError) in
            let object = (try? JSONSerialization.jsonObject(with: payload) as? [String: Any]) ?? [:]
            log.payloads.withLock { $0.append(payload) }
            return respond(object["Records"] as? [[String: Any]] ?? [])
        }
    }

    func create(_ configure: (inout EventSourceMappingRequest) -> Void = { _ in }) throws -> EventSourceMapping {
        var request = EventSourceMappingRequest(eventSourceArn: streams.arn("clicks"), functionName: "worker")
        request.stream.startingPosition = "TRIM_HORIZON"
        configure(&request)
        return try mappings.create(request)
    }

    func put(_ key: String, _ text: String) throws { try streams.put("clicks", partitionKey: key, data: Data(text.utf8)) }

    /// The decoded `data` of every batch the handler got, in order.
    var batches: [[String]] {
        log.payloads.withLock { $0 }.map { payload in
            let records = ((try? JSONSerialization.jsonObject(with: payload)) as? [String: Any])?["Records"] as? [[String: Any]] ?? []
            return records.map { StreamFixture.data($0) }
        }
    }

    static func data(_ record: [String: Any]) -> String {
        let base64 = (record["kinesis"] as? [String: Any])?["data"] as? String ?? ""
        return String(decoding: Data(base64Encoded: base64) ?? Data(), as: UTF8.self)
    }

    /// Fails any batch holding a record whose data contains "bad".
    static let failOnBad: @Sendable ([[String: Any]]) -> AsyncAttemptResult = { records in
        records.contains { data($0).contains("bad") } ? MappingFixture.failure : MappingFixture.ok("null")
    }

    /// Runs polling rounds, moving the clock past each retry delay, until nothing runs.
    func drain(rounds: Int = 50) async {
        for _ in 0..<rounds {
            clock.advance(by: EventSourceMappings.streamRetryDelay)
            if await mappings.runDue() == 0, mappings.streamLanes(uuidOfFirst).allSatisfy({ $0.blockedRecords == 0 }) { return }
        }
    }

    var uuidOfFirst: String { (try? mappings.list().first?.uuid) ?? "" }
}

@Suite struct StreamMappingTests {
    @Test func hashKeyRangesAndShardsAreKinesis() throws {
        let clock = ManualWallClock()
        let streams = LocalStreams(region: "us-east-1", accountID: "123456789012", clock: clock)
        try streams.create("two", shardCount: 2)
        let shards = try streams.describe("two").shards
        #expect(shards.map(\.shardId) == ["shardId-000000000000", "shardId-000000000001"])
        #expect(shards[0].hashKeyRange.endingHashKey == UInt128(1) << 127 - 1)
        #expect(shards[1].hashKeyRange.startingHashKey == UInt128(1) << 127)
        #expect(shards[1].hashKeyRange.endingHashKey == .max)
        try streams.create("three", shardCount: 3)
        #expect(try streams.describe("three").shards[1].hashKeyRange.startingHashKey == UInt128("113427455640312821154458202477256070485"))
        // MD5("a") = 0cc175b9…: below 2^127, so the first shard; MD5("b") = 92eb5ffe…: the second.
        #expect(try streams.put("two", partitionKey: "a", data: Data()).shardId == "shardId-000000000000")
        #expect(try streams.put("two", partitionKey: "b", data: Data()).shardId == "shardId-000000000001")
        let first = try streams.put("two", partitionKey: "a", data: Data("x".utf8)).sequenceNumber
        let second = try streams.put("two", partitionKey: "a", data: Data("y".utf8)).sequenceNumber
        #expect(first.count == 56 && second.count == 56 && first < second)
        // Retention: records older than 24 hours are trimmed.
        clock.advance(by: Facts.kinesisRetentionDefault.value * 3600 + 1)
        #expect(try streams.records("two", shardId: "shardId-000000000000", from: 0).isEmpty)
        #expect(throws: LocalServiceError.self) { try streams.create("two") }
        #expect(throws: LocalServiceError.self) { try streams.put("nope", partitionKey: "a", data: Data()) }
    }

    @Test func createChecksStreamSettingsAndServesThemBack() throws {
        let fixture = try StreamFixture()
        let mapping = try fixture.create { $0.stream.bisectBatchOnFunctionError = true; $0.stream.onFailure = fixture.queues.arn("failures") }
        #expect(mapping.batchSize == Facts.streamBatchDefault.int)
        let object = mapping.apiObject()
        #expect(object["StartingPosition"] as? String == "TRIM_HORIZON")
        #expect(object["MaximumRetryAttempts"] as? Int == -1 && object["MaximumRecordAgeInSeconds"] as? Int == -1)
        #expect(object["BisectBatchOnFunctionError"] as? Bool == true && object["ParallelizationFactor"] as? Int == 1)
        #expect(((object["DestinationConfig"] as? [String: Any])?["OnFailure"] as? [String: String])?["Destination"] == fixture.queues.arn("failures"))
        let bad: [(inout EventSourceMappingRequest) -> Void] = [
            { $0.stream.startingPosition = nil },
            { $0.stream.startingPosition = "AT_TIMESTAMP" },
            { $0.batchSize = Facts.streamBatchMax.int + 1 },
            { $0.stream.maximumRetryAttempts = -2 },
            { $0.stream.maximumRecordAge = Facts.streamMinRecordAge.int - 1 },
            { $0.stream.parallelizationFactor = Facts.parallelizationMax.int + 1 },
            { $0.stream.onFailure = "arn:aws:sqs:us-east-1:123456789012:missing" },
            { $0.stream.onFailure = "arn:aws:sns:us-east-1:123456789012:missing" },
            { $0.stream.onFailure = "arn:aws:s3:::bucket" },
            { $0.filterPatterns = [#"{"partitionKey": ["a"]}"#] },
            { $0.maximumConcurrency = 5 },
            { $0.functionName = "nobody" },
        ]
        for change in bad {
            #expect(throws: LambdaServiceError.self) { _ = try fixture.create(change) }
        }
        #expect { _ = try fixture.create() } throws: { ($0 as? LambdaServiceError)?.code == .resourceConflict }
    }

    @Test func aFailingBatchBlocksItsShardUntilRetriesRunOutThenGoesToTheOnFailureQueue() async throws {
        let fixture = try StreamFixture(respond: StreamFixture.failOnBad)
        let mapping = try fixture.create { $0.stream.maximumRetryAttempts = 2; $0.stream.onFailure = fixture.queues.arn("failures") }
        try fixture.put("u1", "bad 1")
        #expect(await fixture.mappings.runDue() == 1)
        try fixture.put("u1", "good 2")
        // Blocked: the retry waits for its delay and the new record is not read past the failure.
        #expect(await fixture.mappings.runDue() == 0)
        let blocked = try #require(fixture.mappings.streamLanes(mapping.uuid).first)
        #expect(blocked.blockedRecords == 1 && blocked.retriesLeft == 1 && blocked.attempts == 1)
        fixture.clock.advance(by: EventSourceMappings.streamRetryDelay)
        #expect(await fixture.mappings.runDue() == 1)                  // retry 1
        fixture.clock.advance(by: EventSourceMappings.streamRetryDelay)
        #expect(await fixture.mappings.runDue() == 1)                  // retry 2, then discarded
        #expect(fixture.batches == [["bad 1"], ["bad 1"], ["bad 1"]])
        let record = try #require(try fixture.queues.peek("failures").first?.body)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any])
        let context = try #require(object["requestContext"] as? [String: Any])
        #expect(context["condition"] as? String == "RetryAttemptsExhausted" && context["approximateInvokeCount"] as? Int == 3)
        let info = try #require(object["KinesisBatchInfo"] as? [String: Any])
        #expect(info["batchSize"] as? Int == 1 && info["shardId"] as? String == "shardId-000000000000" && info["streamArn"] as? String == fixture.streams.arn("clicks"))
        #expect(object["version"] as? String == "1.0" && object["Records"] == nil && object["responseContext"] != nil)
        // Unblocked: the next round reads the good record.
        #expect(await fixture.mappings.runDue() == 1)
        #expect(fixture.batches.last == ["good 2"])
        #expect(fixture.mappings.isDrained(mapping.uuid))
    }

    @Test func anSNSTopicAsTheOnFailureDestinationGetsTheRecord() async throws {
        let fixture = try StreamFixture(respond: StreamFixture.failOnBad)
        let topic = fixture.topics.arn("stream-failures")
        let mapping = try fixture.create { $0.stream.maximumRetryAttempts = 0; $0.stream.onFailure = topic }
        #expect(((mapping.apiObject()["DestinationConfig"] as? [String: Any])?["OnFailure"] as? [String: String])?["Destination"] == topic)
        try fixture.put("u1", "bad 1")
        await fixture.drain()
        #expect(fixture.mappings.counts(mapping.uuid).discarded == 1)
        let record = try #require(try fixture.queues.peek("topic-inbox").first?.body, "published to the topic, delivered to its subscriber")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any])
        #expect((object["requestContext"] as? [String: Any])?["condition"] as? String == "RetryAttemptsExhausted")
        #expect((object["KinesisBatchInfo"] as? [String: Any])?["batchSize"] as? Int == 1 && object["Records"] == nil)
        #expect(try fixture.topics.activity(topic).published == 1)
    }

    @Test func bisectIsolatesTheBadRecordWithoutUsingRetries() async throws {
        let fixture = try StreamFixture(respond: StreamFixture.failOnBad)
        let mapping = try fixture.create { $0.stream.bisectBatchOnFunctionError = true; $0.stream.maximumRetryAttempts = 0; $0.stream.onFailure = fixture.queues.arn("failures") }
        for text in ["r1", "r2", "bad 3", "r4"] { try fixture.put("u1", text) }
        await fixture.drain()
        // 4 fails → [r1 r2] ok, [bad 3, r4] fails → [bad 3] fails (0 retries: discarded), [r4] ok.
        #expect(fixture.batches == [["r1", "r2", "bad 3", "r4"], ["r1", "r2"], ["bad 3", "r4"], ["bad 3"], ["r4"]])
        #expect(fixture.mappings.counts(mapping.uuid).bisected == 2)
        #expect(fixture.mappings.counts(mapping.uuid).discarded == 1)
        #expect(try fixture.queues.peek("failures").count == 1)
        #expect(fixture.mappings.isDrained(mapping.uuid))
    }

    @Test func reportBatchItemFailuresCheckpointsAtTheLowestFailure() async throws {
        let fixture = try StreamFixture { records in
            // Report every bad record by sequence number (the lowest decides the checkpoint).
            let bad = records.filter { StreamFixture.data($0).contains("bad") }.map { ["itemIdentifier": ($0["kinesis"] as? [String: Any])?["sequenceNumber"] as? String ?? ""] }
            let data = try! JSONSerialization.data(withJSONObject: ["batchItemFailures": Array(bad.reversed())])
            return MappingFixture.ok(String(decoding: data, as: UTF8.self))
        }
        let mapping = try fixture.create { $0.functionResponseTypes = ["ReportBatchItemFailures"]; $0.stream.maximumRetryAttempts = 1 }
        for text in ["r1", "bad 2", "r3", "bad 4"] { try fixture.put("u1", text) }
        await fixture.drain()
        // Retried from the lowest failure (bad 2) on; after the one retry the rest is discarded.
        #expect(fixture.batches == [["r1", "bad 2", "r3", "bad 4"], ["bad 2", "r3", "bad 4"]])
        let lane = try #require(fixture.mappings.streamLanes(mapping.uuid).first)
        #expect(lane.blockedRecords == 0 && lane.behind == 0)
        #expect(fixture.mappings.counts(mapping.uuid).processed == 1 && fixture.mappings.counts(mapping.uuid).discarded == 3)
    }

    @Test func recordsPastTheMaximumAgeAreDiscarded() async throws {
        let fixture = try StreamFixture(respond: StreamFixture.failOnBad)
        let mapping = try fixture.create { $0.stream.maximumRecordAge = 60; $0.stream.onFailure = fixture.queues.arn("failures") }
        try fixture.put("u1", "bad forever")
        #expect(await fixture.mappings.runDue() == 1)
        fixture.clock.advance(by: 61)
        #expect(await fixture.mappings.runDue() == 0)                  // too old: discarded, not invoked
        let record = try #require(try fixture.queues.peek("failures").first?.body)
        #expect(record.contains("\"condition\":\"RecordAgeExceeded\""))
        #expect(fixture.mappings.isDrained(mapping.uuid))
    }

    @Test func withDefaultsABadRecordBlocksUntilTheStreamTrimsIt() async throws {
        let fixture = try StreamFixture(respond: StreamFixture.failOnBad)
        let mapping = try fixture.create()                              // retries and age −1
        try fixture.put("u1", "bad 1")
        #expect(await fixture.mappings.runDue() == 1)
        fixture.clock.advance(by: 3600)
        try fixture.put("u1", "good 2")
        #expect(await fixture.mappings.runDue() == 1)                  // still the bad record, an hour on
        #expect(fixture.batches.last == ["bad 1"])
        #expect(fixture.mappings.streamLanes(mapping.uuid).first?.retriesLeft == nil)
        fixture.clock.advance(by: Facts.kinesisRetentionDefault.value * 3600 - 3600 + 1)
        #expect(await fixture.mappings.runDue() == 1)                  // bad 1 expired from the stream: lost; good 2 runs
        #expect(fixture.batches.last == ["good 2"])
        #expect(fixture.mappings.counts(mapping.uuid).discarded == 1)
    }

    @Test func startingPositionsAndFilters() async throws {
        let fixture = try StreamFixture()
        try fixture.put("u1", #"{"kind": "old"}"#)
        var latest = EventSourceMappingRequest(eventSourceArn: fixture.streams.arn("clicks"), functionName: "worker")
        latest.stream.startingPosition = "LATEST"
        latest.filterPatterns = [#"{"data": {"kind": ["new"]}}"#]
        let mapping = try fixture.mappings.create(latest)
        for text in [#"{"kind": "new"}"#, #"{"kind": "noise"}"#, "not json"] { try fixture.put("u1", text) }
        await fixture.mappings.runDue()
        #expect(fixture.batches == [[#"{"kind": "new"}"#]])
        #expect(fixture.mappings.counts(mapping.uuid).filtered == 2)
        #expect(fixture.mappings.isDrained(mapping.uuid))
    }

    @Test func parallelizationRunsLanesAtOnceAndKeepsOrderPerKey() async throws {
        let fixture = try StreamFixture(respond: StreamFixture.failOnBad)
        let mapping = try fixture.create { $0.stream.parallelizationFactor = 4; $0.batchSize = 1; $0.stream.maximumRetryAttempts = 3 }
        let keys = (0..<8).map { "user-\($0)" }
        for round in 0..<3 { for key in keys { try fixture.put(key, round == 0 && key == "user-0" ? "bad \(key) \(round)" : "\(key) \(round)") } }
        #expect(await fixture.mappings.runDue() > 1)                  // several lanes of the one shard at once
        await fixture.drain(rounds: 200)
        let seen = fixture.batches.flatMap { $0 }.filter { !$0.hasPrefix("bad") }
        for key in keys.dropFirst() {
            #expect(seen.filter { $0.hasPrefix("\(key) ") } == ["\(key) 0", "\(key) 1", "\(key) 2"])
        }
        // user-0's first record failed until it was discarded; its later records came after, in order.
        #expect(seen.filter { $0.hasPrefix("user-0 ") } == ["user-0 1", "user-0 2"])
        #expect(fixture.mappings.streamLanes(mapping.uuid).count == 4)
    }
}

@Suite struct FIFOMappingTests {
    @Test func fifoRecordsCarryTheGroupAndAFailedBatchKeepsItsGroupBlocked() async throws {
        let clock = ManualWallClock()
        let queues = LocalQueues(region: "us-east-1", accountID: "123456789012", clock: clock)
        try queues.create("orders.fifo", visibilityTimeout: 30, contentBasedDeduplication: true)
        let log = PayloadLog()
        let mappings = EventSourceMappings(queues: queues, clock: clock, functionTimeout: { _ in 3 }) { _, _, payload throws(LambdaServiceError) in
            log.payloads.withLock { $0.append(payload) }
            return String(decoding: payload, as: UTF8.self).contains("bad") ? MappingFixture.failure : MappingFixture.ok("null")
        }
        #expect(throws: LambdaServiceError.self) { try mappings.create(EventSourceMappingRequest(eventSourceArn: queues.arn("orders.fifo"), functionName: "w", batchSize: 11, maximumBatchingWindow: 1)) }
        try mappings.create(EventSourceMappingRequest(eventSourceArn: queues.arn("orders.fifo"), functionName: "w", batchSize: 1))
        for (body, group) in [("bad a1", "a"), ("a2", "a"), ("b1", "b")] { try queues.sendMessage("orders.fifo", body: body, messageGroupId: group) }
        await mappings.runDue()
        func bodies() -> [String] {
            log.payloads.withLock { $0 }.flatMap { payload in
                (((try? JSONSerialization.jsonObject(with: payload)) as? [String: Any])?["Records"] as? [[String: Any]] ?? []).map { $0["body"] as? String ?? "" }
            }
        }
        // Group a's failing batch holds a2 back; group b goes on.
        #expect(bodies().sorted() == ["b1", "bad a1"])
        let first = try #require(log.payloads.withLock { $0 }.first)
        let attributes = ((((try JSONSerialization.jsonObject(with: first)) as? [String: Any])?["Records"] as? [[String: Any]])?.first?["attributes"] as? [String: String]) ?? [:]
        #expect(attributes["MessageGroupId"] != nil && attributes["SequenceNumber"] != nil && attributes["MessageDeduplicationId"] != nil)
        await mappings.runDue()
        #expect(bodies().count == 2)
        clock.advance(by: 30)
        await mappings.runDue()
        #expect(bodies().last == "bad a1")                              // a1 again, still before a2
    }
}

@Suite struct IteratorAgeTests {
    @Test func aBatchReportsItsOldestRecordsAge() async throws {
        let clock = ManualWallClock()
        let queues = LocalQueues(region: "us-east-1", accountID: "123456789012", clock: clock)
        let streams = LocalStreams(region: "us-east-1", accountID: "123456789012", clock: clock)
        try streams.create("clicks")
        let ages = Mutex<[TimeInterval]>([])
        let mappings = EventSourceMappings(queues: queues, streams: streams, clock: clock, functionTimeout: { _ in 3 },
                                           recordIteratorAge: { _, _, age in ages.withLock { $0.append(age) } }) { _, _, _ throws(LambdaServiceError) in
            MappingFixture.ok("null")
        }
        var request = EventSourceMappingRequest(eventSourceArn: streams.arn("clicks"), functionName: "worker")
        request.stream.startingPosition = "TRIM_HORIZON"
        try mappings.create(request)
        try streams.put("clicks", partitionKey: "k", data: Data("a".utf8))
        clock.advance(by: 30)
        try streams.put("clicks", partitionKey: "k", data: Data("b".utf8))
        #expect(await mappings.runDue() == 1)
        #expect(ages.withLock { $0 } == [30])                           // the older record's age, not the newer's
    }
}
