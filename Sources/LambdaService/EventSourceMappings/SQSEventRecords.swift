import Foundation
import LocalServices

/// The event an SQS mapping invokes with: `{"Records": [...]}`, each record in the shape Lambda
/// sends (the same fields as LambdaEvents' `sqs` sample: messageId, receiptHandle, body,
/// attributes, messageAttributes, md5OfBody, eventSource, eventSourceARN, awsRegion).
enum SQSEventRecords {
    /// The sender every local message has (there are no IAM principals in the tutor).
    static let senderID = LocalQueues.senderID

    static func record(_ message: QueueMessage, queueArn: String, region: String) -> [String: Any] {
        var attributes: [String: String] = [
            "ApproximateReceiveCount": String(message.receiveCount),
            "SentTimestamp": milliseconds(message.sentAt),
            "SenderId": senderID,
        ]
        if let first = message.firstReceivedAt { attributes["ApproximateFirstReceiveTimestamp"] = milliseconds(first) }
        // FIFO queues: the group, deduplication ID and sequence number, as Lambda's FIFO records carry them.
        if let group = message.messageGroupId { attributes["MessageGroupId"] = group }
        if let deduplication = message.messageDeduplicationId { attributes["MessageDeduplicationId"] = deduplication }
        if let sequence = message.sequenceNumber { attributes["SequenceNumber"] = sequence }
        let messageAttributes = message.attributes.mapValues { value -> [String: Any] in
            ["stringValue": value.stringValue, "stringListValues": [String](), "binaryListValues": [String](), "dataType": value.dataType]
        }
        return [
            "messageId": message.messageID,
            "receiptHandle": message.receiptHandle ?? "",
            "body": message.body,
            "attributes": attributes,
            "messageAttributes": messageAttributes,
            "md5OfBody": MD5.hex(message.body),
            "eventSource": "aws:sqs",
            "eventSourceARN": queueArn,
            "awsRegion": region,
        ]
    }

    static func event(_ messages: [QueueMessage], queueArn: String, region: String) -> Data {
        let records = messages.map { record($0, queueArn: queueArn, region: region) }
        return (try? JSONSerialization.data(withJSONObject: ["Records": records], options: [.sortedKeys])) ?? Data("{\"Records\":[]}".utf8)
    }

    /// A record's size in the event, near enough for the 6 MB batch cap (body plus the fixed fields).
    static func estimatedBytes(_ message: QueueMessage) -> Int {
        message.body.utf8.count + message.attributes.reduce(0) { $0 + $1.key.utf8.count + $1.value.stringValue.utf8.count + 80 } + 600
    }

    private static func milliseconds(_ date: Date) -> String { String(Int64((date.timeIntervalSince1970 * 1000).rounded(.down))) }
}

/// A partial batch response (`ReportBatchItemFailures`) read as Lambda reads it: an empty or
/// null `batchItemFailures`, an empty object or a null response means every message succeeded;
/// a response that is not JSON, or an `itemIdentifier` that is missing, empty, null or not a
/// message of the batch, fails the whole batch.
public enum BatchItemFailures {
    public enum Outcome: Sendable, Equatable {
        case failed(Set<String>)
        case invalid(String)
    }

    public static func parse(_ payload: Data, batch: [String]) -> Outcome {
        let text = String(decoding: payload, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text != "null" else { return .failed([]) }
        guard let object = try? JSONSerialization.jsonObject(with: payload, options: [.fragmentsAllowed]) else {
            return .invalid("the response is not JSON")
        }
        guard let response = object as? [String: Any] else { return .failed([]) }
        guard let failures = response["batchItemFailures"], !(failures is NSNull) else { return .failed([]) }
        guard let list = failures as? [Any] else { return .invalid("batchItemFailures is not a list") }
        let known = Set(batch)
        var ids: Set<String> = []
        for item in list {
            guard let entry = item as? [String: Any], let id = entry["itemIdentifier"] as? String, !id.isEmpty else {
                return .invalid("an entry of batchItemFailures has no itemIdentifier")
            }
            guard known.contains(id) else { return .invalid("itemIdentifier \(id) is not a message of this batch") }
            ids.insert(id)
        }
        return .failed(ids)
    }
}

/// FIFO queues and partial batch responses: AWS documents that a handler on a FIFO queue should
/// stop at the first failure and report that message and every later one, so the group's order
/// survives the retry. Lambda deletes whatever the response does not name, so the tutor says
/// when a response breaks a group's order.
enum FIFOOrder {
    /// The first group with a reported failure followed by a message of the same group that was
    /// not reported (it will be deleted ahead of the failed one), or nil.
    static func brokenGroup(_ messages: [QueueMessage], failed: Set<String>) -> String? {
        var failedGroups: Set<String> = []
        for message in messages {
            guard let group = message.messageGroupId, message.sequenceNumber != nil else { continue }
            if failed.contains(message.messageID) {
                failedGroups.insert(group)
            } else if failedGroups.contains(group) {
                return group
            }
        }
        return nil
    }
}
