import Foundation
import Synchronization
import TutorSupport

/// What SendMessage answers: the `MessageId`, the `MD5OfMessageBody` and, on a FIFO queue, the
/// `SequenceNumber` (botocore's `SendMessageResult` members).
package struct SentMessage: Sendable, Hashable {
    package let messageId: String
    package let md5OfMessageBody: String
    package let sequenceNumber: String?
    /// True when a FIFO queue saw this deduplication ID within the deduplication interval: SQS
    /// accepts the send and answers with the first message's id, but delivers nothing new.
    package let deduplicated: Bool
}

/// A FIFO queue's settings (`FifoQueue`, `ContentBasedDeduplication`) and what it remembers:
/// the deduplication IDs of the last ``QueueLimits/fifoDeduplicationInterval`` seconds and the
/// last sequence number.
struct FIFOQueueSettings: Sendable, Hashable {
    var contentBasedDeduplication: Bool
    /// Deduplication ID → (the message it first came with, when it stops counting).
    var seen: [String: SeenMessage] = [:]
    /// `seen`'s entries in the order they expire (sends come in clock order), so forgetting the
    /// expired ones looks only at those; `expiredUpTo` is where the live ones start.
    var expiries: [(expires: Date, id: String)] = []
    var expiredUpTo = 0
    var lastSequence: UInt64 = 0

    struct SeenMessage: Sendable, Hashable {
        let messageId: String
        let sequenceNumber: String
        let expires: Date
    }

    static func == (left: FIFOQueueSettings, right: FIFOQueueSettings) -> Bool {
        left.contentBasedDeduplication == right.contentBasedDeduplication
    }
    func hash(into hasher: inout Hasher) { hasher.combine(contentBasedDeduplication) }

    /// The settings of a queue being created, or nil for a standard queue. A name ending
    /// `.fifo` is a FIFO queue unless `FifoQueue` says otherwise (then SQS refuses the name).
    static func resolve(name: String, fifoQueue: Bool?, contentBasedDeduplication: Bool) throws(LocalServiceError) -> FIFOQueueSettings? {
        let fifo = fifoQueue ?? name.hasSuffix(".fifo")
        if !fifo {
            guard !contentBasedDeduplication else {
                throw LocalServiceError(.invalidAttributeName, "Unknown Attribute ContentBasedDeduplication.")
            }
            return nil
        }
        return FIFOQueueSettings(contentBasedDeduplication: contentBasedDeduplication)
    }

    /// SQS's rule that a FIFO queue's dead-letter queue is a FIFO queue too (and a standard
    /// queue's a standard one).
    static func checkDeadLetterQueue(fifo: Bool, targetIsFIFO: Bool) throws(LocalServiceError) {
        guard fifo == targetIsFIFO else {
            throw LocalServiceError(.invalidParameterValue, "Value for parameter RedrivePolicy is invalid. Reason: \(fifo ? "Dead-letter queue of a FIFO queue must also be a FIFO queue" : "Dead-letter queue of a standard queue must also be a standard queue").")
        }
    }

    /// The first message sent with this deduplication ID within the interval, if any.
    func firstSent(_ deduplicationID: String, now: Date) -> SeenMessage? {
        seen[deduplicationID].flatMap { $0.expires > now ? $0 : nil }
    }

    /// Remembers a deduplication ID until `message.expires`.
    mutating func remember(_ deduplicationID: String, _ message: SeenMessage) {
        seen[deduplicationID] = message
        expiries.append((message.expires, deduplicationID))
    }

    /// Forgets the deduplication IDs whose interval has passed.
    mutating func forgetExpired(now: Date) {
        while expiredUpTo < expiries.count, expiries[expiredUpTo].expires <= now {
            let (expires, id) = expiries[expiredUpTo]
            if seen[id]?.expires == expires { seen[id] = nil }
            expiredUpTo += 1
        }
        if expiredUpTo > 64, expiredUpTo * 2 > expiries.count {
            expiries.removeFirst(expiredUpTo)
            expiredUpTo = 0
        }
    }

    /// The next `SequenceNumber`: a large, increasing, non-consecutive number, 20 digits as SQS writes them.
    mutating func nextSequenceNumber() -> String {
        lastSequence += 1
        return String(Self.sequenceBase + lastSequence * 65_536)
    }

    static let sequenceBase: UInt64 = 18_000_000_000_000_000_000
}

extension LocalQueues {
    /// SendMessage with every member botocore's `SendMessageRequest` has here: on a FIFO queue
    /// `messageGroupId` is required and the message is deduplicated by `messageDeduplicationId`
    /// (or, with `ContentBasedDeduplication`, the SHA-256 of the body) for
    /// ``QueueLimits/fifoDeduplicationInterval`` seconds; a duplicate is accepted and answered
    /// with the first message's id and sequence number, but not delivered again. A FIFO queue
    /// takes no per-message `DelaySeconds`. On a standard queue a `messageGroupId` is kept on the
    /// message (it orders nothing); a `messageDeduplicationId` is refused.
    @discardableResult
    package func sendMessage(_ reference: String, body: String, attributes: [String: MessageAttributeValue] = [:], delaySeconds: Int = 0,
                            messageGroupId: String? = nil, messageDeduplicationId: String? = nil) throws(LocalServiceError) -> SentMessage {
        let name = try queueName(reference)
        guard (0...QueueLimits.maximumDelay).contains(delaySeconds) else {
            throw LocalServiceError(.invalidParameterValue, "Value \(delaySeconds) for parameter DelaySeconds is invalid. Reason: must be between 0 and \(QueueLimits.maximumDelay).")
        }
        for (parameter, value) in [("MessageGroupId", messageGroupId), ("MessageDeduplicationId", messageDeduplicationId)] {
            if let value { try Self.validateToken(value, parameter) }
        }
        let now = clock.now()
        let messageID = RandomUUID.string()
        let md5 = MD5.hex(body)
        return try state.withLock { queues throws(LocalServiceError) -> SentMessage in
            // Changed in place (`queues[name]!`): a copy of the queue would copy its messages.
            guard queues[name] != nil else { throw LocalServiceError(.queueDoesNotExist, "The specified queue does not exist.") }
            guard let contentBasedDeduplication = queues[name]!.fifo?.contentBasedDeduplication else {
                if messageDeduplicationId != nil {
                    throw LocalServiceError(.invalidParameterValue, "The request include parameter MessageDeduplicationId that is not valid for this queue type")
                }
                queues[name]!.messages.append(QueueMessage(messageID: messageID, body: body, md5OfBody: md5, attributes: attributes, sentAt: now,
                                                           visibleAt: now.addingTimeInterval(TimeInterval(delaySeconds)), messageGroupId: messageGroupId), now: now)
                return SentMessage(messageId: messageID, md5OfMessageBody: md5, sequenceNumber: nil, deduplicated: false)
            }
            guard let group = messageGroupId else {
                throw LocalServiceError(.missingParameter, "The request must contain the parameter MessageGroupId.")
            }
            guard delaySeconds == 0 else {
                throw LocalServiceError(.invalidParameterValue, "Value \(delaySeconds) for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.")
            }
            guard let deduplicationID = messageDeduplicationId ?? (contentBasedDeduplication ? SHA256.hex(Data(body.utf8)) : nil) else {
                throw LocalServiceError(.invalidParameterValue, "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")
            }
            queues[name]!.fifo!.forgetExpired(now: now)
            if let first = queues[name]!.fifo!.firstSent(deduplicationID, now: now) {
                return SentMessage(messageId: first.messageId, md5OfMessageBody: md5, sequenceNumber: first.sequenceNumber, deduplicated: true)
            }
            let sequence = queues[name]!.fifo!.nextSequenceNumber()
            queues[name]!.fifo!.remember(deduplicationID, FIFOQueueSettings.SeenMessage(messageId: messageID, sequenceNumber: sequence,
                                                                                       expires: now.addingTimeInterval(TimeInterval(QueueLimits.fifoDeduplicationInterval))))
            queues[name]!.messages.append(QueueMessage(messageID: messageID, body: body, md5OfBody: md5, attributes: attributes, sentAt: now, visibleAt: now,
                                                       messageGroupId: group, messageDeduplicationId: deduplicationID, sequenceNumber: sequence), now: now)
            return SentMessage(messageId: messageID, md5OfMessageBody: md5, sequenceNumber: sequence, deduplicated: false)
        }
    }

    /// Whether the queue is a FIFO queue (false for an unknown queue).
    package func isFIFO(_ reference: String) -> Bool {
        guard let name = try? queueName(reference) else { return false }
        return state.withLock { $0[name]?.fifo != nil }
    }

    /// SendMessage's rule for `MessageGroupId` and `MessageDeduplicationId`: 1 to 128
    /// alphanumeric and punctuation characters.
    static func validateToken(_ value: String, _ parameter: String) throws(LocalServiceError) {
        let punctuation = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars)
        let allowed = value.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || punctuation.contains($0) }
        guard !value.isEmpty, value.count <= QueueLimits.maximumFIFOTokenLength, allowed else {
            throw LocalServiceError(.invalidParameterValue, "Value \(value) for parameter \(parameter) is invalid. Reason: \(parameter) can only include alphanumeric and punctuation characters. 1 to \(QueueLimits.maximumFIFOTokenLength) in length.")
        }
    }
}

extension LocalQueue {
    /// A FIFO queue's receive: messages in send order, up to `maximum`, each received (hidden
    /// until `hiddenUntil`); a group with a message in flight or not yet visible gives nothing
    /// after it. On the way a message already received `maxReceiveCount` times is removed and
    /// returned in `redriven` (not counted). A walk over the queue, as order within each group
    /// depends on every earlier message of it.
    mutating func receiveInGroupOrder(_ maximum: Int, now: Date, hiddenUntil: Date) -> (received: [QueueMessage], redriven: [QueueMessage]) {
        messages.promote(now: now)
        var received: [QueueMessage] = [], redriven: [QueueMessage] = []
        var blockedGroups: Set<String> = []
        for serial in messages.serialsInOrder {
            guard received.count < maximum else { break }
            guard let message = messages.message(serial) else { continue }
            if let group = message.messageGroupId, blockedGroups.contains(group) { continue }
            guard message.visibleAt <= now else {
                if let group = message.messageGroupId { blockedGroups.insert(group) }
                continue
            }
            if let redrive, message.receiveCount >= redrive.maxReceiveCount {
                messages.remove(serial)
                redriven.append(message)
            } else if let taken = messages.receive(serial, now: now, hiddenUntil: hiddenUntil) {
                received.append(taken)
            }
        }
        return (received, redriven)
    }
}
