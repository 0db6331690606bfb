import Foundation
import Synchronization
import TutorSupport

/// A queue's settings besides the visibility timeout and redrive policy, as CreateQueue and
/// SetQueueAttributes set them (botocore's `sqs` model gives names, ranges and defaults).
///
/// Simplification (said in the README): `MessageRetentionPeriod` is kept and shown but messages
/// are not expired by it (a session is shorter than its 60-second minimum matters for), and
/// `Policy`, `RedriveAllowPolicy` and the encryption settings are kept as given, never enforced.
struct QueueSettings: Sendable, Hashable {
    var delaySeconds = 0
    var maximumMessageSize = QueueLimits.maximumMessageSize
    var messageRetentionPeriod = 345_600
    var receiveMessageWaitTimeSeconds = 0
    var lastModified: Date?
    /// Accepted and shown as given: Policy, RedriveAllowPolicy, SqsManagedSseEnabled, Kms….
    var kept: [String: String] = [:]
}

extension LocalQueues {
    /// Attributes CreateQueue and SetQueueAttributes take that are kept but not enforced.
    static let keptAttributes: Set<String> = ["Policy", "RedriveAllowPolicy", "SqsManagedSseEnabled", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds"]
    /// FIFO attributes: `FifoQueue` (set at creation only) and `ContentBasedDeduplication` are
    /// enforced; `DeduplicationScope` and `FifoThroughputLimit` (high-throughput mode) are kept.
    package static let fifoAttributes: Set<String> = ["FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"]

    /// CreateQueue with SQS's attribute map. An existing queue with the same attributes is
    /// returned as is; with different ones it is `QueueNameExists`, as on SQS.
    package func create(_ name: String, attributes: [String: String]) throws(LocalServiceError) {
        let fifoQueue = try attributes["FifoQueue"].map { value throws(LocalServiceError) in try Self.boolean("FifoQueue", value) }
        let fifo = try FIFOQueueSettings.resolve(name: name, fifoQueue: fifoQueue, contentBasedDeduplication: false)
        try QueueLimits.validateName(name, fifo: fifo != nil)
        var probe = LocalQueue(name: name, visibilityTimeout: QueueLimits.defaultVisibilityTimeout, redrive: nil, createdAt: clock.now(), fifo: fifo)
        var rest = attributes
        rest["FifoQueue"] = nil
        try apply(rest, to: &probe)
        if let redrive = probe.redrive {
            let target = try queueName(redrive.deadLetterTargetArn)
            try FIFOQueueSettings.checkDeadLetterQueue(fifo: fifo != nil, targetIsFIFO: state.withLock { $0[target]?.fifo != nil })
        }
        let created = probe
        try state.withLock { queues throws(LocalServiceError) in
            if let existing = queues[name] {
                var settings = existing.settings
                settings.lastModified = nil
                guard existing.visibilityTimeout == created.visibilityTimeout, existing.redrive == created.redrive, settings == created.settings,
                      existing.fifo == created.fifo else {
                    throw LocalServiceError(.queueNameExists, "A queue already exists with the same name and a different value for attribute(s) \(attributes.keys.sorted().joined(separator: ", "))")
                }
                return
            }
            queues[name] = created
        }
    }

    /// SetQueueAttributes: changes the attributes given, checked as SQS checks them.
    package func setAttributes(_ reference: String, _ attributes: [String: String]) throws(LocalServiceError) {
        let name = try queueName(reference)
        guard var queue = state.withLock({ $0[name] }) else { throw LocalServiceError(.queueDoesNotExist, "The specified queue does not exist.") }
        try apply(attributes, to: &queue)
        queue.settings.lastModified = clock.now()
        let updated = queue
        state.withLock { queues in
            guard var current = queues[name] else { return }
            current.visibilityTimeout = updated.visibilityTimeout
            current.redrive = updated.redrive
            current.settings = updated.settings
            // Only the setting: the deduplication record and sequence stay the live queue's.
            if let on = updated.fifo?.contentBasedDeduplication { current.fifo?.contentBasedDeduplication = on }
            queues[name] = current
        }
    }

    /// GetQueueAttributes' full answer: ``attributes(_:)`` with the settings above.
    package func allAttributes(_ reference: String) throws(LocalServiceError) -> [String: String] {
        var attributes = try self.attributes(reference)
        let name = try queueName(reference)
        guard let (settings, createdAt) = state.withLock({ $0[name].map { ($0.settings, $0.createdAt) } }) else { return attributes }
        attributes["DelaySeconds"] = String(settings.delaySeconds)
        attributes["MaximumMessageSize"] = String(settings.maximumMessageSize)
        attributes["MessageRetentionPeriod"] = String(settings.messageRetentionPeriod)
        attributes["ReceiveMessageWaitTimeSeconds"] = String(settings.receiveMessageWaitTimeSeconds)
        attributes["LastModifiedTimestamp"] = String(Int((settings.lastModified ?? createdAt).timeIntervalSince1970))
        attributes["SqsManagedSseEnabled"] = "false"
        for (key, value) in settings.kept { attributes[key] = value }
        return attributes
    }

    /// The queue's DelaySeconds, MaximumMessageSize and ReceiveMessageWaitTimeSeconds, which
    /// SendMessage and ReceiveMessage use when the request leaves them out.
    package func defaults(_ reference: String) throws(LocalServiceError) -> (delaySeconds: Int, maximumMessageSize: Int, waitTimeSeconds: Int) {
        let name = try queueName(reference)
        let settings = state.withLock { $0[name]?.settings } ?? QueueSettings()
        return (settings.delaySeconds, settings.maximumMessageSize, settings.receiveMessageWaitTimeSeconds)
    }

    /// Queue names starting with `prefix` (ListQueues' QueueNamePrefix), sorted.
    package func list(prefix: String) -> [String] { list().filter { $0.hasPrefix(prefix) } }

    /// ChangeMessageVisibility: the message of `receiptHandle` becomes visible `timeout` seconds
    /// from now (0: at once). Only a message in flight (received, not yet visible) can change.
    package func changeVisibility(_ reference: String, receiptHandle: String, timeout: Int) throws(LocalServiceError) {
        let name = try queueName(reference)
        try QueueLimits.validateVisibility(timeout)
        let now = clock.now()
        let outcome = state.withLock { queues -> Int in
            guard let serial = queues[name]?.messages.serial(receiptHandle: receiptHandle) else { return 0 }
            guard let message = queues[name]?.messages.message(serial), message.visibleAt > now else { return 1 }
            queues[name]?.messages.setVisible(serial, at: now.addingTimeInterval(TimeInterval(timeout)), now: now)
            return 2
        }
        switch outcome {
        case 0: throw LocalServiceError(.receiptHandleIsInvalid, "The input receipt handle \"\(receiptHandle)\" is not a valid receipt handle.")
        case 1: throw LocalServiceError(.messageNotInflight, "Message does not exist or is not available for visibility timeout change.")
        default: return
        }
    }

    // MARK: - Checking attributes

    private func apply(_ attributes: [String: String], to queue: inout LocalQueue) throws(LocalServiceError) {
        for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "VisibilityTimeout":
                queue.visibilityTimeout = try Self.integer(key, value, 0...QueueLimits.maximumVisibilityTimeout)
            case "DelaySeconds":
                queue.settings.delaySeconds = try Self.integer(key, value, 0...QueueLimits.maximumDelay)
            case "MaximumMessageSize":
                queue.settings.maximumMessageSize = try Self.integer(key, value, QueueLimits.minimumMessageSize...QueueLimits.maximumMessageSize)
            case "MessageRetentionPeriod":
                queue.settings.messageRetentionPeriod = try Self.integer(key, value, 60...1_209_600)
            case "ReceiveMessageWaitTimeSeconds":
                queue.settings.receiveMessageWaitTimeSeconds = try Self.integer(key, value, 0...QueueLimits.maximumWaitTime)
            case "RedrivePolicy":
                queue.redrive = try redrivePolicy(value, for: queue.name)
            case let kept where Self.keptAttributes.contains(kept):
                queue.settings.kept[kept] = value
            case "ContentBasedDeduplication":
                let on = try Self.boolean(key, value)
                guard queue.fifo != nil else {
                    throw LocalServiceError(.invalidAttributeName, "Unknown Attribute ContentBasedDeduplication.")
                }
                queue.fifo?.contentBasedDeduplication = on
            case "FifoQueue":
                // Only CreateQueue sets it (handled there); SQS refuses to change a queue's type.
                throw LocalServiceError(.invalidAttributeName, "Invalid attribute name: FifoQueue cannot be changed once the queue exists.")
            case "DeduplicationScope", "FifoThroughputLimit":
                guard queue.fifo != nil else { throw LocalServiceError(.invalidAttributeName, "Unknown Attribute \(key).") }
                queue.settings.kept[key] = value
            default:
                throw LocalServiceError(.invalidAttributeName, "Unknown Attribute \(key).")
            }
        }
    }

    /// `true` or `false`, as SQS writes its boolean attributes.
    static func boolean(_ key: String, _ value: String) throws(LocalServiceError) -> Bool {
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default: throw LocalServiceError(.invalidAttributeValue, "Invalid value for the parameter \(key).")
        }
    }

    /// A `RedrivePolicy` value: JSON with `deadLetterTargetArn` and `maxReceiveCount` (a number
    /// or a string of one); an empty value removes the policy.
    private func redrivePolicy(_ value: String, for name: String) throws(LocalServiceError) -> RedrivePolicy? {
        guard !value.isEmpty else { return nil }
        guard let object = try? JSONSerialization.jsonObject(with: Data(value.utf8)) as? [String: Any] else {
            throw LocalServiceError(.invalidAttributeValue, "Invalid value for the parameter RedrivePolicy. Reason: Redrive policy is not a valid JSON map.")
        }
        guard let target = object["deadLetterTargetArn"] as? String else {
            throw LocalServiceError(.invalidAttributeValue, "Value \(value) for parameter RedrivePolicy is invalid. Reason: Redrive policy does not contain mandatory attribute: deadLetterTargetArn.")
        }
        let count: Int? = (object["maxReceiveCount"] as? Int) ?? (object["maxReceiveCount"] as? String).flatMap(Int.init)
        guard let count else {
            throw LocalServiceError(.invalidAttributeValue, "Value \(value) for parameter RedrivePolicy is invalid. Reason: Redrive policy does not contain mandatory attribute: maxReceiveCount.")
        }
        try QueueLimits.validateMaxReceiveCount(count)
        let targetName: String
        do throws(LocalServiceError) { targetName = try queueName(target) } catch {
            throw LocalServiceError(.invalidAttributeValue, "Value \(value) for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.")
        }
        guard targetName != name else {
            throw LocalServiceError(.invalidAttributeValue, "Value \(value) for parameter RedrivePolicy is invalid. Reason: Dead letter target can't be the source queue.")
        }
        return RedrivePolicy(deadLetterTargetArn: arn(targetName), maxReceiveCount: count)
    }

    private static func integer(_ key: String, _ value: String, _ range: ClosedRange<Int>) throws(LocalServiceError) -> Int {
        guard let number = Int(value), range.contains(number) else {
            throw LocalServiceError(.invalidAttributeValue, "Invalid value for the parameter \(key). Reason: must be an integer between \(range.lowerBound) and \(range.upperBound).")
        }
        return number
    }
}

extension LocalQueues {
    /// The queues' service time (the session's scaled clock).
    package func now() -> Date { clock.now() }
}

extension LocalQueues {
    /// The `SenderId` of every local message (there are no IAM principals in the tutor).
    package static let senderID = "AIDAEXAMPLESENDER"
}
