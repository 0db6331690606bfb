import Foundation
import LambdaService
import LocalEndpoint
import LocalServices
import TestSupport
import Testing
import TutorSupport

/// Stock boto3 and the AWS CLI against the tutor's SQS (JSON protocol) on the Lambda API's
/// port: every served operation, the shapes botocore parses, and AWS's refusals with the codes
/// botocore derives from `x-amzn-query-error`.
@Suite(.serialized)
struct SQSClientTests {
    static let driver = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Clients/boto3_sqs_driver.py").path

    @Test func boto3UsesEveryOperationAndGetsAWSsErrors() async throws {
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
            func status(_ key: String) -> Int? { result(key)["status"] as? Int }
            let host = harness.endpoint.replacingOccurrences(of: "http://", with: "")

            // Queues
            #expect(result("create")["QueueUrl"] as? String == "http://\(host)/123456789012/jobs")
            #expect(status("create_same") == 200)
            #expect(code("create_different") == "QueueAlreadyExists" && modeled("create_different") == "QueueNameExists")
            // FIFO queues through the wire protocol: a group id required, deduplication by id
            // (a duplicate is answered with the first message's id, not delivered again) or by
            // content once ContentBasedDeduplication is on, sequence numbers, order per group.
            #expect(result("create_fifo")["QueueUrl"] as? String == "http://\(host)/123456789012/orders.fifo")
            #expect(code("create_fifo_bad_name") == "InvalidParameterValue")
            #expect(code("fifo_no_group") == "MissingParameter", "\(result("fifo_no_group"))")
            #expect(result("fifo_first")["SequenceNumber"] is String)
            #expect(result("fifo_duplicate")["MessageId"] as? String == result("fifo_first")["MessageId"] as? String)
            #expect(code("fifo_no_dedup") == "InvalidParameterValue", "no MessageDeduplicationId without ContentBasedDeduplication")
            #expect(status("fifo_content_dedup") == 200)
            let fifoMessages = result("fifo_receive")["Messages"] as? [[String: Any]] ?? []
            #expect(fifoMessages.compactMap { $0["Body"] as? String } == ["first", "second", "third"], "\(fifoMessages)")
            #expect(fifoMessages.allSatisfy { ($0["Attributes"] as? [String: String])?["MessageGroupId"] == "g" })
            #expect((fifoMessages.first?["Attributes"] as? [String: String])?["SequenceNumber"] == result("fifo_first")["SequenceNumber"] as? String)
            let fifoAttributes = result("fifo_attributes")["Attributes"] as? [String: String] ?? [:]
            #expect(fifoAttributes["FifoQueue"] == "true" && fifoAttributes["ContentBasedDeduplication"] == "true", "\(fifoAttributes)")
            #expect(code("standard_dedup") == "InvalidParameterValue")
            #expect(code("create_bad_name") == "InvalidParameterValue")
            #expect(code("create_bad_attribute") == "InvalidAttributeValue" && modeled("create_bad_attribute") == "InvalidAttributeValue")
            #expect(status("set_redrive") == 200)
            #expect(code("set_unknown") == "InvalidAttributeName" && modeled("set_unknown") == "InvalidAttributeName")
            #expect(code("set_bad_redrive") == "InvalidAttributeValue")
            let attributes = result("attributes")["Attributes"] as? [String: String] ?? [:]
            #expect(attributes["QueueArn"] == "arn:aws:sqs:us-east-1:123456789012:jobs")
            #expect(attributes["VisibilityTimeout"] == "30" && attributes["MaximumMessageSize"] == "1048576" && attributes["DelaySeconds"] == "0")
            #expect(attributes["RedrivePolicy"]?.contains("jobs-dlq") == true)
            #expect(code("attributes_unknown") == "InvalidAttributeName")
            #expect(result("url")["QueueUrl"] as? String == "http://\(host)/123456789012/jobs")
            #expect(code("url_missing") == "AWS.SimpleQueueService.NonExistentQueue" && modeled("url_missing") == "QueueDoesNotExist" && status("url_missing") == 400)
            #expect(result("list")["QueueUrls"] as? [String] == ["http://\(host)/123456789012/jobs", "http://\(host)/123456789012/jobs-dlq"])
            #expect(result("list_sources")["queueUrls"] as? [String] == ["http://\(host)/123456789012/jobs"])

            // Sending
            #expect(results["send_md5_ok"] as? Bool == true, "MD5OfMessageBody and MD5OfMessageAttributes as SQS computes them: \(result("send"))")
            #expect(status("send_aws_url") == 200)
            #expect(code("send_missing") == "AWS.SimpleQueueService.NonExistentQueue")
            #expect(code("send_delay_bad") == "InvalidParameterValue")
            #expect(code("send_dedup") == "InvalidParameterValue")
            #expect(code("send_too_big") == "InvalidParameterValue")
            #expect((result("batch")["Successful"] as? [[String: Any]])?.compactMap { $0["Id"] as? String }.sorted() == ["a", "b"])
            let failed = (result("batch")["Failed"] as? [[String: Any]])?.first ?? [:]
            #expect(failed["Id"] as? String == "c" && failed["Code"] as? String == "InvalidParameterValue" && failed["SenderFault"] as? Bool == true)
            #expect(code("batch_too_many") == "AWS.SimpleQueueService.TooManyEntriesInBatchRequest" && modeled("batch_too_many") == "TooManyEntriesInBatchRequest")
            #expect(code("batch_same_ids") == "AWS.SimpleQueueService.BatchEntryIdsNotDistinct" && modeled("batch_same_ids") == "BatchEntryIdsNotDistinct")
            #expect(code("batch_bad_id") == "AWS.SimpleQueueService.InvalidBatchEntryId")

            // Receiving
            let messages = result("receive")["Messages"] as? [[String: Any]] ?? []
            #expect(messages.compactMap { $0["Body"] as? String }.sorted() == ["second", "third", "{\"n\": 1}"], "the delayed message stays hidden")
            let first = messages.first { $0["Body"] as? String == "{\"n\": 1}" } ?? [:]
            let system = first["Attributes"] as? [String: String] ?? [:]
            #expect(system["ApproximateReceiveCount"] == "1" && system["SenderId"] != nil && system["SentTimestamp"] != nil && system["ApproximateFirstReceiveTimestamp"] != nil)
            #expect(results["receive_md5_ok"] as? Bool == true)
            #expect(results["receive_blob"] as? String == "\u{0}\u{1}raw")
            #expect(code("receive_bad_max") == "InvalidParameterValue")
            #expect(code("receive_bad_wait") == "InvalidParameterValue")

            // Visibility, redrive, deleting
            #expect(status("visibility") == 200)
            #expect(code("visibility_again") == "AWS.SimpleQueueService.MessageNotInflight" && modeled("visibility_again") == "MessageNotInflight")
            #expect(code("visibility_bogus") == "ReceiptHandleIsInvalid" && modeled("visibility_bogus") == "ReceiptHandleIsInvalid")
            #expect((result("visibility_batch")["Successful"] as? [[String: Any]])?.count == 1 && (result("visibility_batch")["Failed"] as? [[String: Any]])?.count == 1)
            #expect(result("receive_redriven")["Messages"] == nil, "received maxReceiveCount times: moved, not returned")
            let redriven = (result("dlq_receive")["Messages"] as? [[String: Any]]) ?? []
            #expect(redriven.compactMap { $0["Body"] as? String } == ["second"])
            #expect(status("delete") == 200)
            #expect(code("delete_bogus") == "ReceiptHandleIsInvalid")
            #expect((result("delete_batch")["Failed"] as? [[String: Any]])?.first?["Code"] as? String == "ReceiptHandleIsInvalid")
            #expect(try harness.mappings.queues.peek("jobs").map(\.body) == ["late"], "only the delayed message is left")

            // Long polling, purge, delete
            #expect((result("long_poll")["Messages"] as? [[String: Any]])?.first?["Body"] as? String == "arrived")
            #expect(results["long_poll_returned_early"] as? Bool == true, "a long poll returns when a message arrives")
            #expect(result("empty_poll")["Messages"] == nil)
            #expect(status("purge") == 200)
            #expect(code("purge_again") == "AWS.SimpleQueueService.PurgeQueueInProgress" && status("purge_again") == 403)
            #expect(status("delete_queue") == 200 && code("deleted_url") == "AWS.SimpleQueueService.NonExistentQueue")

            // Operations not served, and unknown targets
            #expect(code("tag") == "AWS.SimpleQueueService.UnsupportedOperation" && modeled("tag") == "UnsupportedOperation")
            let unknown = result("unknown")
            #expect(unknown["status"] as? Int == 400)
            #expect((unknown["body"] as? [String: Any])?["__type"] as? String == "com.amazon.coral.service#UnknownOperationException")
        }
    }

    @Test func theAWSCLISendsAndReceives() async throws {
        let venv = try await AWSClients.forTest()
        try await APIHarness.run { harness in
            let folder = harness.directory.path
            let endpoint = harness.endpoint
            func aws(_ arguments: String...) async -> (status: Int32, output: String) {
                await OwnThread.run { AWSClients.aws(venv, arguments + ["--endpoint-url", endpoint, "--output", "json"], endpoint: endpoint, in: folder) }
            }
            let created = await aws("sqs", "create-queue", "--queue-name", "cli")
            #expect(created.status == 0 && created.output.contains("/123456789012/cli"), "\(created.output)")
            let url = "\(endpoint)/123456789012/cli"
            let sent = await aws("sqs", "send-message", "--queue-url", url, "--message-body", "hello from the CLI")
            #expect(sent.status == 0 && sent.output.contains("MessageId"), "\(sent.output)")
            let received = await aws("sqs", "receive-message", "--queue-url", url, "--attribute-names", "All")
            #expect(received.status == 0 && received.output.contains("hello from the CLI") && received.output.contains("ApproximateReceiveCount"), "\(received.output)")
            let missing = await aws("sqs", "get-queue-url", "--queue-name", "nope")
            #expect(missing.status != 0)
            #expect(missing.output.contains("An error occurred (AWS.SimpleQueueService.NonExistentQueue) when calling the GetQueueUrl operation: The specified queue does not exist."), "\(missing.output)")
            // SNS from the CLI: a topic fanned out to the queue.
            let topic = await aws("sns", "create-topic", "--name", "cli-topic")
            #expect(topic.status == 0 && topic.output.contains("arn:aws:sns:us-east-1:123456789012:cli-topic"), "\(topic.output)")
            let subscribed = await aws("sns", "subscribe", "--topic-arn", "arn:aws:sns:us-east-1:123456789012:cli-topic", "--protocol", "sqs",
                                       "--notification-endpoint", "arn:aws:sqs:us-east-1:123456789012:cli", "--attributes", "RawMessageDelivery=true")
            #expect(subscribed.status == 0 && subscribed.output.contains("SubscriptionArn"), "\(subscribed.output)")
            let published = await aws("sns", "publish", "--topic-arn", "arn:aws:sns:us-east-1:123456789012:cli-topic", "--message", "published from the CLI")
            #expect(published.status == 0 && published.output.contains("MessageId"), "\(published.output)")
            let bodies = try harness.mappings.queues.peek("cli").map(\.body)
            #expect(bodies.contains("published from the CLI"), "\(bodies)")
            let noTopic = await aws("sns", "publish", "--topic-arn", "arn:aws:sns:us-east-1:123456789012:nope", "--message", "x")
            #expect(noTopic.status != 0 && noTopic.output.contains("An error occurred (NotFound) when calling the Publish operation: Topic does not exist"), "\(noTopic.output)")
            // The Lambda API still answers on the same port.
            let functions = await aws("lambda", "list-functions")
            #expect(functions.status == 0 && functions.output.contains("Functions"), "\(functions.output)")
        }
    }
}
