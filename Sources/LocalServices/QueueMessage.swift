import Foundation

/// A message attribute as SQS carries it (`DataType` String, Number or Binary; the DLQ's
/// `ErrorCode` is a Number).
public struct MessageAttributeValue: Sendable, Hashable, Codable {
    public var dataType: String
    public var stringValue: String

    public init(dataType: String = "String", stringValue: String) {
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
public struct QueueMessage: Sendable, Hashable {
    public let messageID: String
    public let body: String
    public let attributes: [String: MessageAttributeValue]
    public let sentAt: Date
    public internal(set) var receiveCount = 0
    public internal(set) var firstReceivedAt: Date?
    /// Hidden from receives until then (after a receive, for the visibility timeout).
    public internal(set) var visibleAt: Date
    public internal(set) var receiptHandle: String?
    /// FIFO queues: the `MessageGroupId` (order is kept within a group).
    public internal(set) var messageGroupId: String? = nil
    /// FIFO queues: the `MessageDeduplicationId` given, or the SHA-256 of the body with
    /// content-based deduplication.
    public internal(set) var messageDeduplicationId: String? = nil
    /// FIFO queues: the `SequenceNumber` SQS assigns, increasing in the queue.
    public internal(set) var sequenceNumber: String? = nil
}
