import Foundation
import LocalServices
import Synchronization
import TestSupport
import Testing

/// Local SNS topics: fan-out to queues (envelope or raw) and to functions through the injected
/// delivery, SNS's checks, and a failed delivery that does not fail the publish.
@Suite struct LocalTopicsTests {
    let clock = ManualWallClock()

    func make() throws -> (LocalQueues, LocalTopics) {
        let queues = LocalQueues(region: "us-east-1", accountID: "123456789012", clock: clock)
        try queues.create("envelope")
        try queues.create("raw")
        return (queues, LocalTopics(queues: queues, clock: clock))
    }

    @Test func aPublishReachesEverySubscriptionInItsOwnForm() throws {
        let (queues, topics) = try make()
        let arn = try topics.create("orders")
        #expect(arn == "arn:aws:sns:us-east-1:123456789012:orders")
        let delivered = Mutex<[(String, Data)]>([])
        topics.connectFunctions { function, event in
            delivered.withLock { $0.append((function, event)) }
            return "queued"
        }
        try topics.subscribe(arn, protocol: "sqs", endpoint: queues.arn("envelope"))
        let raw = try topics.subscribe(arn, protocol: "sqs", endpoint: queues.arn("raw"), attributes: ["RawMessageDelivery": "true"])
        #expect(try topics.subscribe(arn, protocol: "sqs", endpoint: queues.arn("raw")) == raw, "the same endpoint again is the same subscription")
        let function = "arn:aws:lambda:us-east-1:123456789012:function:notify"
        try topics.subscribe(arn, protocol: "lambda", endpoint: function)

        let id = try topics.publish("orders", message: "hello", subject: "Hi", attributes: ["channel": MessageAttributeValue(stringValue: "web")])

        let envelope = try #require(try queues.peek("envelope").first)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(envelope.body.utf8)) as? [String: Any])
        #expect(body["Type"] as? String == "Notification" && body["MessageId"] as? String == id && body["Message"] as? String == "hello")
        #expect(body["Subject"] as? String == "Hi" && body["TopicArn"] as? String == arn)
        #expect((body["MessageAttributes"] as? [String: [String: String]])?["channel"] == ["Type": "String", "Value": "web"])
        let rawMessage = try #require(try queues.peek("raw").first)
        #expect(rawMessage.body == "hello" && rawMessage.attributes["channel"]?.stringValue == "web")
        let call = try #require(delivered.withLock { $0.first })
        #expect(call.0 == function)
        let event = try #require(try JSONSerialization.jsonObject(with: call.1) as? [String: Any])
        let sns = try #require(((event["Records"] as? [[String: Any]])?.first)?["Sns"] as? [String: Any])
        #expect(sns["Message"] as? String == "hello" && sns["MessageId"] as? String == id && sns["Subject"] as? String == "Hi")
        #expect(try topics.activity("orders").delivered == 3)
    }

    @Test func aFailedDeliveryIsCountedAndThePublishStillSucceeds() throws {
        let (queues, topics) = try make()
        try topics.create("t")
        try topics.subscribe("t", protocol: "sqs", endpoint: queues.arn("envelope"))
        try queues.delete(queue: "envelope")
        _ = try topics.publish("t", message: "x")
        let activity = try topics.activity("t")
        #expect(activity.failed == 1 && activity.delivered == 0)
        #expect(activity.recent.last?.text.contains("does not exist") == true)
    }

    @Test func snsChecksAreSNSs() throws {
        let (queues, topics) = try make()
        try topics.create("t")
        #expect(throws: LocalServiceError(.notFound, "Topic does not exist")) { try topics.publish("arn:aws:sns:us-east-1:123456789012:nope", message: "x") }
        #expect(throws: LocalServiceError(.invalidParameter, "Invalid parameter: Empty message")) { try topics.publish("t", message: "") }
        #expect(throws: LocalServiceError.self) { try topics.publish("t", message: String(repeating: "x", count: LocalTopics.maximumMessageBytes + 1)) }
        #expect(throws: LocalServiceError.self) { try topics.publish("t", message: #"{"sqs": "x"}"#, messageStructure: "json") }
        #expect(throws: LocalServiceError.self) { try topics.subscribe("t", protocol: "email", endpoint: "a@example.com") }
        #expect(throws: LocalServiceError.self) { try topics.subscribe("t", protocol: "sqs", endpoint: "not-an-arn") }
        #expect(throws: LocalServiceError.self) { try topics.subscribe("t", protocol: "sqs", endpoint: queues.arn("raw"), attributes: ["ReplayPolicy": "{}"]) }
        #expect(throws: LocalServiceError.self) { try topics.create("orders.fifo") }
        #expect(throws: LocalServiceError(.notFound, "Subscription does not exist")) { try topics.unsubscribe("arn:aws:sns:us-east-1:123456789012:t:x") }
        try topics.delete("arn:aws:sns:us-east-1:123456789012:never-made")
    }
}
