import LambdaModel

/// SQS's limits for the settings a learner gives (Amazon SQS API Reference: CreateQueue,
/// SendMessage, ReceiveMessage, and the RedrivePolicy attribute). SQS numbers, not Lambda's, so
/// they live here rather than in LambdaModel's facts table.
package enum QueueLimits {
    package static let defaultVisibilityTimeout = 30
    package static let maximumVisibilityTimeout = 43_200
    package static let maximumDelay = 900
    package static let maximumReceive = 10
    package static let maximumReceiveCount = 1_000
    package static let maximumNameLength = 80
    /// FIFO queues: seconds in which a send with a deduplication ID already seen is accepted
    /// but not delivered (the facts table's `sqs.fifo_dedup_window`).
    package static var fifoDeduplicationInterval: Int { Facts.sqsFIFODeduplicationWindow.int * 60 }
    /// Longest `MessageGroupId` and `MessageDeduplicationId` (SendMessage).
    package static let maximumFIFOTokenLength = 128

    static func validateName(_ name: String, fifo: Bool = false) throws(LocalServiceError) {
        let base = fifo && name.hasSuffix(".fifo") ? String(name.dropLast(5)) : name
        let allowed = base.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
        if fifo {
            guard !base.isEmpty, name.hasSuffix(".fifo"), name.count <= maximumNameLength, allowed else {
                throw LocalServiceError(.invalidParameterValue, "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to \(maximumNameLength) in length.")
            }
            return
        }
        guard !name.isEmpty, name.count <= maximumNameLength, allowed else {
            throw LocalServiceError(.invalidParameterValue, "Can only include alphanumeric characters, hyphens, or underscores. 1 to \(maximumNameLength) in length")
        }
    }

    static func validateVisibility(_ seconds: Int) throws(LocalServiceError) {
        guard (0...maximumVisibilityTimeout).contains(seconds) else {
            throw LocalServiceError(.invalidAttributeValue, "Invalid value for the parameter VisibilityTimeout. Reason: must be between 0 and \(maximumVisibilityTimeout) seconds.")
        }
    }

    static func validateMaxReceiveCount(_ count: Int) throws(LocalServiceError) {
        guard (1...maximumReceiveCount).contains(count) else {
            throw LocalServiceError(.invalidAttributeValue, "Value {\"maxReceiveCount\":\(count)} for parameter RedrivePolicy is invalid. Reason: Invalid value for maxReceiveCount: \(count), valid values are from 1 to \(maximumReceiveCount) both inclusive.")
        }
    }
}

extension QueueLimits {
    /// MaximumMessageSize's range (1 KiB to 1 MiB; 1 MiB is also the default since 2025).
    package static let minimumMessageSize = 1_024
    package static let maximumMessageSize = 1_048_576
    /// ReceiveMessage's WaitTimeSeconds and the queue's ReceiveMessageWaitTimeSeconds: 0–20 s.
    package static let maximumWaitTime = 20
    /// Entries in one SendMessageBatch, DeleteMessageBatch or ChangeMessageVisibilityBatch.
    package static let maximumBatchEntries = 10
    /// Message attributes on one message.
    package static let maximumMessageAttributes = 10
}
