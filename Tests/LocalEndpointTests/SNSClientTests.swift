import Foundation
import LambdaService
import LocalEndpoint
import LocalServices
import TestSupport
import Testing
import TutorSupport

/// Stock boto3 against the tutor's SNS (query protocol): a publish fans out to an SQS queue
/// (SNS's envelope), a raw-delivery queue (the message itself) and a Python function (invoked
/// asynchronously with SNS's event), plus AWS's refusals.
@Suite(.serialized)
struct SNSClientTests {
    static let driver = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Clients/boto3_sns_driver.py").path

    @Test func boto3PublishesToQueuesAndAFunction() async throws {
        let venv = try await AWSClients.forTest()
        try await APIHarness.run { harness in
            let python = venv.python
            let arguments = [Self.driver, harness.endpoint]
            let run = await OwnThread.run { PythonVenv.run(python, arguments) }
            #expect(run.status == 0, "\(run.output)")
            let line = try #require(run.output.split(separator: "\n").last)
            let results = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            func result(_ key: String) -> [String: Any] { results[key] as? [String: Any] ?? [:] }
            func code(_ key: String) -> String? { result(key)["code"] as? String }
            func modeled(_ key: String) -> String? { result(key)["modeled"] as? String }
            let topic = "arn:aws:sns:us-east-1:123456789012:orders"

            // Topics
            #expect(result("create")["TopicArn"] as? String == topic)
            #expect(result("create_again")["TopicArn"] as? String == topic)
            #expect(code("create_fifo") == "InvalidParameter" && modeled("create_fifo") == "InvalidParameterException")
            #expect((result("list")["Topics"] as? [[String: String]])?.compactMap { $0["TopicArn"] } == [topic])
            let attributes = result("attributes")["Attributes"] as? [String: String] ?? [:]
            #expect(attributes["DisplayName"] == "All orders" && attributes["TopicArn"] == topic && attributes["SubscriptionsConfirmed"] == "0")
            #expect(code("attributes_missing") == "NotFound" && modeled("attributes_missing") == "NotFoundException" && result("attributes_missing")["status"] as? Int == 404)

            // Subscriptions
            #expect((result("subscribe_queue")["SubscriptionArn"] as? String)?.hasPrefix(topic + ":") == true)
            #expect(code("subscribe_http") == "InvalidParameter")
            #expect(code("subscribe_filter") == "InvalidParameter"
                    && result("subscribe_filter")["message"] as? String == "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy")
            #expect(code("subscribe_missing") == "NotFound")
            let listed = result("subscriptions")["Subscriptions"] as? [[String: String]] ?? []
            #expect(listed.compactMap { $0["Protocol"] }.sorted() == ["lambda", "sqs", "sqs", "sqs"])
            #expect(listed.allSatisfy { $0["TopicArn"] == topic && $0["Owner"] == "123456789012" })
            #expect((result("subscriptions_by_topic")["Subscriptions"] as? [Any])?.count == 4)
            #expect((result("subscription_attributes")["Attributes"] as? [String: String])?["RawMessageDelivery"] == "true")

            // Publishing
            #expect(result("publish")["MessageId"] is String)
            #expect((result("publish_batch")["Successful"] as? [[String: String]])?.compactMap { $0["Id"] } == ["one", "two"])
            #expect((result("publish_batch")["Failed"] as? [Any])?.isEmpty == true)
            #expect(code("publish_batch_same_ids") == "BatchEntryIdsNotDistinct" && modeled("publish_batch_same_ids") == "BatchEntryIdsNotDistinctException")
            #expect(code("publish_structure_bad") == "InvalidParameter")
            #expect(code("publish_missing") == "NotFound")
            #expect(code("publish_empty") == "InvalidParameter")

            // The envelope queue: SNS's JSON with the message, subject and attributes.
            let envelopes = (result("envelope_messages")["Messages"] as? [[String: Any]] ?? []).compactMap { $0["Body"] as? String }
            #expect(envelopes.count == 4, "publish, two batch entries, the per-protocol one: \(envelopes)")
            let decoded = envelopes.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            let order = decoded.first { $0["Message"] as? String == #"{"order": 7}"# } ?? [:]
            #expect(order["Type"] as? String == "Notification" && order["TopicArn"] as? String == topic && order["Subject"] as? String == "New order")
            #expect(order["SignatureVersion"] as? String == "1" && order["UnsubscribeURL"] is String && order["Timestamp"] is String)
            #expect(((order["MessageAttributes"] as? [String: [String: String]])?["channel"]) == ["Type": "String", "Value": "web"])
            #expect(decoded.contains { $0["Message"] as? String == "for queues" }, "MessageStructure=json: the sqs entry for queues")
            // The raw queue: the message itself, its attributes as SQS message attributes.
            let raw = result("raw_messages")["Messages"] as? [[String: Any]] ?? []
            #expect(raw.compactMap { $0["Body"] as? String }.sorted() == ["batch one", "batch two", "for queues", #"{"order": 7}"#])
            let rawOrder = raw.first { $0["Body"] as? String == #"{"order": 7}"# } ?? [:]
            #expect(((rawOrder["MessageAttributes"] as? [String: [String: String]])?["channel"])?["StringValue"] == "web")

            // The filtered queue: only the publish with channel=web passed its FilterPolicy.
            #expect((result("filtered_messages")["Messages"] as? [[String: Any]] ?? []).compactMap { $0["Body"] as? String } == [#"{"order": 7}"#])
            let filteredAttributes = result("filtered_attributes")["Attributes"] as? [String: String] ?? [:]
            #expect(filteredAttributes["FilterPolicy"] == #"{"channel": ["web"]}"# && filteredAttributes["FilterPolicyScope"] == "MessageAttributes")
            #expect(code("set_filter_scope") == "InvalidParameter" && (result("set_filter_scope")["message"] as? String)?.contains("FilterPolicyScope") == true)

            // The function: one asynchronous event per publish, in SNS's event shape; run them.
            let events = harness.asyncInvocations.events().filter { $0.function == "listener" }
            #expect(events.count == 4)
            let first = try #require(events.compactMap { try? JSONSerialization.jsonObject(with: $0.payload) as? [String: Any] }
                .first { (($0["Records"] as? [[String: Any]])?.first?["Sns"] as? [String: Any])?["Subject"] as? String == "New order" })
            let record = try #require((first["Records"] as? [[String: Any]])?.first)
            #expect(record["EventSource"] as? String == "aws:sns" && record["EventVersion"] as? String == "1.0")
            #expect((record["EventSubscriptionArn"] as? String)?.hasPrefix(topic + ":") == true)
            let sns = try #require(record["Sns"] as? [String: Any])
            #expect(sns["Message"] as? String == #"{"order": 7}"# && sns["TopicArn"] as? String == topic && sns["SigningCertUrl"] is String)
            #expect(events.contains { event in
                (try? JSONSerialization.jsonObject(with: event.payload) as? [String: Any]).flatMap { ($0["Records"] as? [[String: Any]])?.first?["Sns"] as? [String: Any] }?["Subject"] is NSNull
            }, "Subject is null when there is none, as on AWS")
            for _ in 0..<10 where harness.asyncInvocations.events().contains(where: { !$0.isFinished }) {
                await harness.asyncInvocations.runDue()
            }
            #expect(harness.asyncInvocations.events().allSatisfy { $0.state == .succeeded }, "\(harness.asyncInvocations.events().map(\.timeline))")

            // A topic as the DLQ through the Lambda API (DeadLetterConfig)
            #expect((result("dlq_topic")["DeadLetterConfig"] as? [String: String])?["TargetArn"] == topic)
            #expect(code("dlq_function") == "InvalidParameterValueException")
            #expect((result("configuration")["DeadLetterConfig"] as? [String: String])?["TargetArn"] == topic)
            #expect(try harness.asyncInvocations.settings("listener").deadLetterTargetArn == topic)

            // Unsubscribe, delete, and what is not served
            #expect(result("unsubscribe")["status"] as? Int == 200)
            #expect(code("unsubscribe_again") == "NotFound")
            #expect(result("delete")["status"] as? Int == 200 && (result("list_after")["Topics"] as? [Any] ?? []).isEmpty)
            #expect(code("push") == "InvalidAction")
        }
    }
}
