import Foundation
import Synchronization
import TutorSupport

/// The session's in-memory SQS standard queues, on the service clock: send, receive (which
/// hides a message for the visibility timeout and counts the receive), delete by receipt
/// handle, purge, and the redrive policy that moves a message to the queue's DLQ once it has
/// been received `maxReceiveCount` times without being deleted. A queue is named by account
/// and name, so its ARN and its URL (whatever host) both find it.
///
/// FIFO queues (`NAME.fifo`) keep order per message group and deduplicate within SQS's
/// 5-minute interval (`LocalQueues+FIFO.swift`).
///
/// Simplification (labelled in `queue attrs`): every message is stored once, so a receive never
/// returns the duplicates a real standard queue occasionally does.
package final class LocalQueues: Sendable {
    package let region: String
    package let accountID: String
    let clock: any WallClock
    /// Internal (not private) so the protocol's extensions (LocalQueues+Attributes) share the lock.
    let state = Mutex<[String: LocalQueue]>([:])

    package init(region: String, accountID: String, clock: any WallClock) {
        self.region = region
        self.accountID = accountID
        self.clock = clock
    }

    // MARK: - Names

    package func arn(_ name: String) -> String { "arn:aws:sqs:\(region):\(accountID):\(name)" }
    package func url(_ name: String, host: String = "localhost") -> String { "http://\(host)/\(accountID)/\(name)" }

    /// The queue a name, ARN (`arn:aws:sqs:REGION:ACCOUNT:NAME`) or URL (`…/ACCOUNT/NAME`) names.
    package func queueName(_ reference: String) throws(LocalServiceError) -> String {
        let name: String
        if reference.hasPrefix("arn:") {
            let parts = reference.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 6, parts[2] == "sqs", parts[4] == accountID else {
                throw LocalServiceError(.invalidParameterValue, "\(reference) is not an SQS queue ARN of account \(accountID)")
            }
            name = String(parts[5])
        } else if reference.contains("/") {
            let parts = reference.split(separator: "/")
            guard parts.count >= 2, parts[parts.count - 2] == accountID else {
                throw LocalServiceError(.invalidParameterValue, "\(reference) is not a queue URL of account \(accountID)")
            }
            name = String(parts[parts.count - 1])
        } else {
            name = reference
        }
        guard state.withLock({ $0[name] != nil }) else {
            throw LocalServiceError(.queueDoesNotExist, "The specified queue does not exist.")
        }
        return name
    }

    // MARK: - Queues

    /// Creates a queue (CreateQueue). Creating an existing queue with the same settings is
    /// allowed, as on SQS; with different settings it is `QueueNameExists`. `fifoQueue` and
    /// `contentBasedDeduplication` are the `FifoQueue` and `ContentBasedDeduplication`
    /// attributes; without `fifoQueue` a name ending `.fifo` makes a FIFO queue.
    package func create(_ name: String, visibilityTimeout: Int = QueueLimits.defaultVisibilityTimeout,
                       redrive: RedrivePolicy? = nil, fifoQueue: Bool? = nil, contentBasedDeduplication: Bool = false) throws(LocalServiceError) {
        let fifo = try FIFOQueueSettings.resolve(name: name, fifoQueue: fifoQueue, contentBasedDeduplication: contentBasedDeduplication)
        try QueueLimits.validateName(name, fifo: fifo != nil)
        try QueueLimits.validateVisibility(visibilityTimeout)
        if let redrive {
            try QueueLimits.validateMaxReceiveCount(redrive.maxReceiveCount)
            let target = try queueName(redrive.deadLetterTargetArn)
            try FIFOQueueSettings.checkDeadLetterQueue(fifo: fifo != nil, targetIsFIFO: state.withLock { $0[target]?.fifo != nil })
        }
        let now = clock.now()
        try state.withLock { queues throws(LocalServiceError) in
            if let existing = queues[name] {
                guard existing.visibilityTimeout == visibilityTimeout, existing.redrive == redrive, existing.fifo == fifo else {
                    throw LocalServiceError(.queueNameExists, "A queue already exists with the same name and a different value for attribute(s) VisibilityTimeout, RedrivePolicy")
                }
                return
            }
            queues[name] = LocalQueue(name: name, visibilityTimeout: visibilityTimeout, redrive: redrive, createdAt: now, fifo: fifo)
        }
    }

    package func list() -> [String] { state.withLock { $0.keys.sorted() } }

    package func delete(queue reference: String) throws(LocalServiceError) {
        let name = try queueName(reference)
        _ = state.withLock { $0.removeValue(forKey: name) }
    }

    // MARK: - Messages

    /// Sends a message (SendMessage) and returns its `MessageId` (``sendMessage(_:body:attributes:delaySeconds:messageGroupId:messageDeduplicationId:)``
    /// gives the FIFO fields too).
    @discardableResult
    package func send(_ reference: String, body: String, attributes: [String: MessageAttributeValue] = [:],
                     delaySeconds: Int = 0) throws(LocalServiceError) -> String {
        try sendMessage(reference, body: body, attributes: attributes, delaySeconds: delaySeconds).messageId
    }

    /// Receives up to `maximum` visible messages (ReceiveMessage): each is hidden for the
    /// visibility timeout (the queue's, or `visibilityTimeout`) and its receive count goes up.
    /// A message already received `maxReceiveCount` times moves to the DLQ instead. On a FIFO
    /// queue a message group with a message in flight (or delayed) gives nothing after it.
    package func receive(_ reference: String, maximum: Int = 1, visibilityTimeout: Int? = nil) throws(LocalServiceError) -> [QueueMessage] {
        let name = try queueName(reference)
        guard (1...QueueLimits.maximumReceive).contains(maximum) else {
            throw LocalServiceError(.invalidParameterValue, "Value \(maximum) for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and \(QueueLimits.maximumReceive), if provided.")
        }
        if let visibilityTimeout { try QueueLimits.validateVisibility(visibilityTimeout) }
        let now = clock.now()
        return state.withLock { queues in
            // Changed in place (`queues[name]!`): a copy of the queue would copy its messages.
            guard let queue = queues[name].map({ (timeout: $0.visibilityTimeout, redrive: $0.redrive, fifo: $0.fifo != nil) }) else { return [] }
            let hiddenUntil = now.addingTimeInterval(TimeInterval(visibilityTimeout ?? queue.timeout))
            let (received, redriven) = queue.fifo
                ? queues[name]!.receiveInGroupOrder(maximum, now: now, hiddenUntil: hiddenUntil)
                : queues[name]!.messages.receiveOldest(maximum, now: now, hiddenUntil: hiddenUntil, redriveAfter: queue.redrive?.maxReceiveCount)
            if let redrive = queue.redrive, !redriven.isEmpty, let target = redrive.deadLetterTargetArn.split(separator: ":").last.map(String.init) {
                // The message keeps its id, body and FIFO fields; its receive count starts again in the DLQ.
                for message in redriven {
                    queues[target]?.messages.append(QueueMessage(messageID: message.messageID, body: message.body, md5OfBody: message.md5OfBody, attributes: message.attributes, sentAt: message.sentAt,
                                                                 visibleAt: now, messageGroupId: message.messageGroupId,
                                                                 messageDeduplicationId: message.messageDeduplicationId, sequenceNumber: message.sequenceNumber), now: now)
                }
                queues[name]?.redriven += redriven.count
            }
            return received
        }
    }

    /// Deletes the message `receiptHandle` came from (DeleteMessage).
    package func deleteMessage(_ reference: String, receiptHandle: String) throws(LocalServiceError) {
        let name = try queueName(reference)
        let found = state.withLock { queues -> Bool in
            guard let serial = queues[name]?.messages.serial(receiptHandle: receiptHandle) else { return false }
            queues[name]?.messages.remove(serial)
            return true
        }
        guard found else {
            throw LocalServiceError(.receiptHandleIsInvalid, "The input receipt handle \"\(receiptHandle)\" is not a valid receipt handle.")
        }
    }

    /// Empties the queue (PurgeQueue); returns how many messages went.
    @discardableResult
    package func purge(_ reference: String) throws(LocalServiceError) -> Int {
        let name = try queueName(reference)
        return state.withLock { $0[name]?.messages.removeAll() ?? 0 }
    }

    /// Every message in the queue, visible or not, without receiving them (tests, `queue attrs`).
    package func peek(_ reference: String) throws(LocalServiceError) -> [QueueMessage] {
        let name = try queueName(reference)
        return state.withLock { $0[name]?.messages.inOrder ?? [] }
    }

    /// How many messages the queue holds, visible or not (O(1); `peek` copies them all).
    package func messageCount(_ reference: String) throws(LocalServiceError) -> Int {
        let name = try queueName(reference)
        return state.withLock { $0[name]?.messages.count ?? 0 }
    }

    /// How many messages a receive could see now (SQS's `ApproximateNumberOfMessages`).
    package func visibleMessageCount(_ reference: String) throws(LocalServiceError) -> Int {
        let name = try queueName(reference)
        let now = clock.now()
        return state.withLock { $0[name]?.messages.visibleCount(now: now) ?? 0 }
    }

    /// GetQueueAttributes' answer, with SQS's attribute names.
    package func attributes(_ reference: String) throws(LocalServiceError) -> [String: String] {
        let name = try queueName(reference)
        let now = clock.now()
        // Counted under the lock from the queue's index, and only the scalars taken out: a copy
        // of the queue held past the lock would make the next change copy its messages.
        guard let queue = state.withLock({ queues -> QueueCounts? in
            guard queues[name] != nil else { return nil }
            let visible = queues[name]!.messages.visibleCount(now: now)
            return queues[name].map { QueueCounts(queue: $0, visible: visible) }
        }) else { return [:] }
        var attributes = [
            "QueueArn": arn(name),
            "VisibilityTimeout": String(queue.visibilityTimeout),
            "ApproximateNumberOfMessages": String(queue.visible),
            "ApproximateNumberOfMessagesNotVisible": String(queue.total - queue.visible - queue.delayed),
            "ApproximateNumberOfMessagesDelayed": String(queue.delayed),
            "CreatedTimestamp": String(Int(queue.createdAt.timeIntervalSince1970)),
        ]
        if let contentBasedDeduplication = queue.contentBasedDeduplication {
            attributes["FifoQueue"] = "true"
            attributes["ContentBasedDeduplication"] = contentBasedDeduplication ? "true" : "false"
        }
        if let redrive = queue.redrive {
            attributes["RedrivePolicy"] = "{\"deadLetterTargetArn\":\"\(redrive.deadLetterTargetArn)\",\"maxReceiveCount\":\(redrive.maxReceiveCount)}"
        }
        return attributes
    }
}

/// A queue's `RedrivePolicy`: where messages go after `maxReceiveCount` receives.
package struct RedrivePolicy: Sendable, Hashable {
    package var deadLetterTargetArn: String
    package var maxReceiveCount: Int

    package init(deadLetterTargetArn: String, maxReceiveCount: Int) {
        self.deadLetterTargetArn = deadLetterTargetArn
        self.maxReceiveCount = maxReceiveCount
    }
}

/// What GetQueueAttributes reports of a queue, taken out of the lock.
private struct QueueCounts {
    let visibilityTimeout: Int
    let redrive: RedrivePolicy?
    let createdAt: Date
    /// Set on a FIFO queue.
    let contentBasedDeduplication: Bool?
    let total: Int, visible: Int, delayed: Int

    init(queue: LocalQueue, visible: Int) {
        visibilityTimeout = queue.visibilityTimeout
        redrive = queue.redrive
        createdAt = queue.createdAt
        contentBasedDeduplication = queue.fifo?.contentBasedDeduplication
        total = queue.messages.count
        self.visible = visible
        delayed = queue.messages.delayedCount
    }
}

/// One queue's settings and messages.
struct LocalQueue: Sendable {
    let name: String
    var visibilityTimeout: Int
    var redrive: RedrivePolicy?
    let createdAt: Date
    /// The other attributes CreateQueue and SetQueueAttributes set (LocalQueues+Attributes).
    var settings = QueueSettings()
    var messages = QueueMessageStore()
    /// Messages moved to the DLQ by the redrive policy.
    var redriven = 0
    /// Set on a FIFO queue: its deduplication settings and state.
    var fifo: FIFOQueueSettings?

    init(name: String, visibilityTimeout: Int, redrive: RedrivePolicy?, createdAt: Date, fifo: FIFOQueueSettings? = nil) {
        self.name = name
        self.visibilityTimeout = visibilityTimeout
        self.redrive = redrive
        self.createdAt = createdAt
        self.fifo = fifo
    }
}
