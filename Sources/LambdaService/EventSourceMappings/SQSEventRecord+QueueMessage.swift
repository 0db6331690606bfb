import Foundation
import LambdaEvents
import LocalServices

extension SQSEventRecord {
    /// The record an SQS mapping sends for a message of the local queue `queueArn`.
    init(_ message: QueueMessage, queueArn: String, region: String) {
        self.init(messageId: message.messageID, receiptHandle: message.receiptHandle ?? "", body: message.body,
                  receiveCount: message.receiveCount, sentAt: message.sentAt,
                  // The sender every local message has (there are no IAM principals in the tutor).
                  senderId: LocalQueues.senderID,
                  firstReceivedAt: message.firstReceivedAt, messageGroupId: message.messageGroupId,
                  messageDeduplicationId: message.messageDeduplicationId, sequenceNumber: message.sequenceNumber,
                  messageAttributes: message.attributes.mapValues { MessageAttribute(stringValue: $0.stringValue, dataType: $0.dataType) },
                  md5OfBody: message.md5OfBody, eventSourceARN: queueArn, awsRegion: region)
    }

    /// `{"Records": [...]}` for a batch of the local queue's messages.
    static func event(_ messages: [QueueMessage], queueArn: String, region: String) -> Data {
        event(messages.map { SQSEventRecord($0, queueArn: queueArn, region: region) })
    }
}
