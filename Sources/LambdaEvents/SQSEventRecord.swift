import Foundation

/// One record of the event an SQS event source mapping invokes with (`{"Records": [...]}`), in
/// the shape Lambda sends and the `sqs` sample event shows: messageId, receiptHandle, body,
/// attributes, messageAttributes, md5OfBody, eventSource, eventSourceARN, awsRegion. The one
/// builder of that shape: the mappings fill it from the local queue's messages, and a test
/// checks it writes the shipped sample's records back as they are.
package struct SQSEventRecord: Sendable, Hashable {
    /// A message attribute as the record carries it (the list values are always empty: SQS
    /// reserves them).
    package struct MessageAttribute: Sendable, Hashable {
        package var stringValue: String
        package var dataType: String

        package init(stringValue: String, dataType: String) {
            self.stringValue = stringValue
            self.dataType = dataType
        }
    }

    package var messageId: String
    package var receiptHandle: String
    package var body: String
    package var receiveCount: Int
    package var sentAt: Date
    package var senderId: String
    package var firstReceivedAt: Date?
    /// FIFO queues only: the group, deduplication ID and sequence number.
    package var messageGroupId: String?
    package var messageDeduplicationId: String?
    package var sequenceNumber: String?
    package var messageAttributes: [String: MessageAttribute]
    package var md5OfBody: String
    package var eventSourceARN: String
    package var awsRegion: String

    package init(messageId: String, receiptHandle: String, body: String, receiveCount: Int, sentAt: Date, senderId: String,
                firstReceivedAt: Date? = nil, messageGroupId: String? = nil, messageDeduplicationId: String? = nil,
                sequenceNumber: String? = nil, messageAttributes: [String: MessageAttribute] = [:], md5OfBody: String,
                eventSourceARN: String, awsRegion: String) {
        self.messageId = messageId
        self.receiptHandle = receiptHandle
        self.body = body
        self.receiveCount = receiveCount
        self.sentAt = sentAt
        self.senderId = senderId
        self.firstReceivedAt = firstReceivedAt
        self.messageGroupId = messageGroupId
        self.messageDeduplicationId = messageDeduplicationId
        self.sequenceNumber = sequenceNumber
        self.messageAttributes = messageAttributes
        self.md5OfBody = md5OfBody
        self.eventSourceARN = eventSourceARN
        self.awsRegion = awsRegion
    }

    /// The record as JSON objects (what the event carries, and what filter criteria match).
    package var json: [String: Any] {
        var attributes: [String: String] = [
            "ApproximateReceiveCount": String(receiveCount),
            "SentTimestamp": Self.milliseconds(sentAt),
            "SenderId": senderId,
        ]
        if let firstReceivedAt { attributes["ApproximateFirstReceiveTimestamp"] = Self.milliseconds(firstReceivedAt) }
        if let messageGroupId { attributes["MessageGroupId"] = messageGroupId }
        if let messageDeduplicationId { attributes["MessageDeduplicationId"] = messageDeduplicationId }
        if let sequenceNumber { attributes["SequenceNumber"] = sequenceNumber }
        let messageAttributes = messageAttributes.mapValues { value -> [String: Any] in
            ["stringValue": value.stringValue, "stringListValues": [String](), "binaryListValues": [String](), "dataType": value.dataType]
        }
        return [
            "messageId": messageId,
            "receiptHandle": receiptHandle,
            "body": body,
            "attributes": attributes,
            "messageAttributes": messageAttributes,
            "md5OfBody": md5OfBody,
            "eventSource": "aws:sqs",
            "eventSourceARN": eventSourceARN,
            "awsRegion": awsRegion,
        ]
    }

    /// A record's size in the event, near enough for the 6 MB batch cap (body plus the fixed
    /// fields); from the message's body and attributes (name, string value), so a batch is
    /// sized before its records are built.
    package static func estimatedBytes(body: String, attributes: [(name: String, value: String)]) -> Int {
        body.utf8.count + attributes.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 80 } + 600
    }

    /// Epoch milliseconds as SQS writes them (a string, rounded down).
    static func milliseconds(_ date: Date) -> String { String(Int64((date.timeIntervalSince1970 * 1000).rounded(.down))) }
}
