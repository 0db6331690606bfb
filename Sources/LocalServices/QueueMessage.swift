import Foundation

/// A message attribute as SQS carries it (`DataType` String, Number or Binary; the DLQ's
/// `ErrorCode` is a Number).
package struct MessageAttributeValue: Sendable, Hashable, Codable {
    package var dataType: String
    package var stringValue: String

    package init(dataType: String = "String", stringValue: String) {
        self.dataType = dataType
        self.stringValue = stringValue
    }

    enum CodingKeys: String, CodingKey {
        case dataType = "DataType"
        case stringValue = "StringValue"
    }
}

/// One message in a queue, with what SQS tracks about it: the receive count the redrive policy
/// counts, when it becomes visible again, and the receipt handle of its latest receive.
package struct QueueMessage: Sendable, Hashable {
    package let messageID: String
    package let body: String
    /// The body's MD5 (`MD5OfBody`), computed once when the message is sent.
    package let md5OfBody: String
    package let attributes: [String: MessageAttributeValue]
    package let sentAt: Date
    package internal(set) var receiveCount = 0
    package internal(set) var firstReceivedAt: Date?
    /// Hidden from receives until then (after a receive, for the visibility timeout).
    package internal(set) var visibleAt: Date
    package internal(set) var receiptHandle: String?
    /// FIFO queues: the `MessageGroupId` (order is kept within a group).
    package internal(set) var messageGroupId: String? = nil
    /// FIFO queues: the `MessageDeduplicationId` given, or the SHA-256 of the body with
    /// content-based deduplication.
    package internal(set) var messageDeduplicationId: String? = nil
    /// FIFO queues: the `SequenceNumber` SQS assigns, increasing in the queue.
    package internal(set) var sequenceNumber: String? = nil
}
