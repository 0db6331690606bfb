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
public final class LocalQueues: Sendable {
    public let region: String
    public let accountID: String
    let clock: any WallClock
    /// Internal (not private) so the protocol's extensions (LocalQueues+Attributes) share the lock.
    let state = Mutex<[String: LocalQueue]>([:])

    public init(region: String, accountID: String, clock: any WallClock) {
        self.region = region
        self.accountID = accountID
        self.clock = clock
    }

    // MARK: - Names

    public func arn(_ name: String) -> String { "arn:aws:sqs:\(region):\(accountID):\(name)" }
    public func url(_ name: String, host: String = "localhost") -> String { "http://\(host)/\(accountID)/\(name)" }

    /// The queue a name, ARN (`arn:aws:sqs:REGION:ACCOUNT:NAME`) or URL (`…/ACCOUNT/NAME`) names.
    public func queueName(_ reference: String) throws(LocalServiceError) -> String {
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
    public func create(_ name: String, visibilityTimeout: Int = QueueLimits.defaultVisibilityTimeout,
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

    public func list() -> [String] { state.withLock { $0.keys.sorted() } }

    public func delete(queue reference: String) throws(LocalServiceError) {
        let name = try queueName(reference)
        _ = state.withLock { $0.removeValue(forKey: name) }
    }

    // MARK: - Messages

    /// Sends a message (SendMessage) and returns its `MessageId` (``sendMessage(_:body:attributes:delaySeconds:messageGroupId:messageDeduplicationId:)``
    /// gives the FIFO fields too).
    @discardableResult
    public func send(_ reference: String, body: String, attributes: [String: MessageAttributeValue] = [:],
                     delaySeconds: Int = 0) throws(LocalServiceError) -> String {
        try sendMessage(reference, body: body, attributes: attributes, delaySeconds: delaySeconds).messageId
    }

    /// Receives up to `maximum` visible messages (ReceiveMessage): each is hidden for the
    /// visibility timeout (the queue's, or `visibilityTimeout`) and its receive count goes up.
    /// A message already received `maxReceiveCount` times moves to the DLQ instead. On a FIFO
    /// queue a message group with a message in flight (or delayed) gives nothing after it.
    public func receive(_ reference: String, maximum: Int = 1, visibilityTimeout: Int? = nil) throws(LocalServiceError) -> [QueueMessage] {
        let name = try queueName(reference)
        guard (1...QueueLimits.maximumReceive).contains(maximum) else {
            throw LocalServiceError(.invalidParameterValue, "Value \(maximum) for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and \(QueueLimits.maximumReceive), if provided.")
        }
        if let visibilityTimeout { try QueueLimits.validateVisibility(visibilityTimeout) }
        let now = clock.now()
        return state.withLock { queues in
            guard var queue = queues[name] else { return [] }
            var received: [QueueMessage] = []
            var redriven: [QueueMessage] = []
            var kept: [QueueMessage] = []
            var blockedGroups: Set<String> = []
            for var message in queue.messages {
                if queue.fifo != nil, let group = message.messageGroupId, blockedGroups.contains(group) { kept.append(message); continue }
                guard received.count < maximum, message.visibleAt <= now else {
                    if queue.fifo != nil, let group = message.messageGroupId { blockedGroups.insert(group) }
                    kept.append(message)
                    continue
                }
                if let redrive = queue.redrive, message.receiveCount >= redrive.maxReceiveCount {
                    redriven.append(message)
                    continue
                }
                message.receiveCount += 1
                message.firstReceivedAt = message.firstReceivedAt ?? now
                message.visibleAt = now.addingTimeInterval(TimeInterval(visibilityTimeout ?? queue.visibilityTimeout))
                message.receiptHandle = UUID().uuidString.lowercased()
                received.append(message)
                kept.append(message)
            }
            queue.messages = kept
            queues[name] = queue
            if let redrive = queue.redrive, !redriven.isEmpty, let target = redrive.deadLetterTargetArn.split(separator: ":").last.map(String.init) {
                // The message keeps its id, body and FIFO fields; its receive count starts again in the DLQ.
                queues[target]?.messages.append(contentsOf: redriven.map {
                    QueueMessage(messageID: $0.messageID, body: $0.body, attributes: $0.attributes, sentAt: $0.sentAt, visibleAt: now,
                                 messageGroupId: $0.messageGroupId, messageDeduplicationId: $0.messageDeduplicationId, sequenceNumber: $0.sequenceNumber)
                })
                queues[name]?.redriven += redriven.count
            }
            return received
        }
    }

    /// Deletes the message `receiptHandle` came from (DeleteMessage).
    public func deleteMessage(_ reference: String, receiptHandle: String) throws(LocalServiceError) {
        let name = try queueName(reference)
        let found = state.withLock { queues -> Bool in
            guard let index = queues[name]?.messages.firstIndex(where: { $0.receiptHandle == receiptHandle }) else { return false }
            queues[name]?.messages.remove(at: index)
            return true
        }
        guard found else {
            throw LocalServiceError(.receiptHandleIsInvalid, "The input receipt handle \"\(receiptHandle)\" is not a valid receipt handle.")
        }
    }

    /// Empties the queue (PurgeQueue); returns how many messages went.
    @discardableResult
    public func purge(_ reference: String) throws(LocalServiceError) -> Int {
        let name = try queueName(reference)
        return state.withLock { queues in
            let count = queues[name]?.messages.count ?? 0
            queues[name]?.messages = []
            return count
        }
    }

    /// Every message in the queue, visible or not, without receiving them (tests, `queue attrs`).
    public func peek(_ reference: String) throws(LocalServiceError) -> [QueueMessage] {
        let name = try queueName(reference)
        return state.withLock { $0[name]?.messages ?? [] }
    }

    /// GetQueueAttributes' answer, with SQS's attribute names.
    public func attributes(_ reference: String) throws(LocalServiceError) -> [String: String] {
        let name = try queueName(reference)
        let now = clock.now()
        guard let queue = state.withLock({ $0[name] }) else { return [:] }
        let visible = queue.messages.filter { $0.visibleAt <= now }.count
        let delayed = queue.messages.filter { $0.visibleAt > now && $0.receiveCount == 0 }.count
        var attributes = [
            "QueueArn": arn(name),
            "VisibilityTimeout": String(queue.visibilityTimeout),
            "ApproximateNumberOfMessages": String(visible),
            "ApproximateNumberOfMessagesNotVisible": String(queue.messages.count - visible - delayed),
            "ApproximateNumberOfMessagesDelayed": String(delayed),
            "CreatedTimestamp": String(Int(queue.createdAt.timeIntervalSince1970)),
        ]
        if let fifo = queue.fifo {
            attributes["FifoQueue"] = "true"
            attributes["ContentBasedDeduplication"] = fifo.contentBasedDeduplication ? "true" : "false"
        }
        if let redrive = queue.redrive {
            attributes["RedrivePolicy"] = "{\"deadLetterTargetArn\":\"\(redrive.deadLetterTargetArn)\",\"maxReceiveCount\":\(redrive.maxReceiveCount)}"
        }
        return attributes
    }
}

/// A queue's `RedrivePolicy`: where messages go after `maxReceiveCount` receives.
public struct RedrivePolicy: Sendable, Hashable {
    public var deadLetterTargetArn: String
    public var maxReceiveCount: Int

    public init(deadLetterTargetArn: String, maxReceiveCount: Int) {
        self.deadLetterTargetArn = deadLetterTargetArn
        self.maxReceiveCount = maxReceiveCount
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
    var messages: [QueueMessage] = []
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
