import Foundation
import LocalServices

/// SendMessage(Batch), ReceiveMessage (with long polling), DeleteMessage(Batch) and
/// ChangeMessageVisibility(Batch), with SQS's checks and shapes.
extension SQSAPI {
    // MARK: - Sending

    /// One message to send, checked: body present and within the queue's MaximumMessageSize
    /// (body and attributes together), DelaySeconds 0–900 (else the queue's); the FIFO members
    /// go to the queue, which checks them against its type (a group id is required on a FIFO
    /// queue; a deduplication id is refused on a standard one).
    struct Outgoing {
        var body: String
        var attributes: [String: MessageAttributeValue]
        var delay: Int
        var explicitDelay: Bool
        var messageGroupId: String?
        var messageDeduplicationId: String?

        init(_ call: SQSCall, defaults: (delaySeconds: Int, maximumMessageSize: Int, waitTimeSeconds: Int)) throws(SQSError) {
            guard let body = try call.string("MessageBody"), !body.isEmpty else { throw SQSError.missingParameter("MessageBody") }
            self.body = Self.replacingInvalidCharacters(body)
            attributes = try call.messageAttributes()
            let size = self.body.utf8.count + attributes.reduce(0) { $0 + $1.key.utf8.count + $1.value.dataType.utf8.count + $1.value.stringValue.utf8.count }
            guard size <= defaults.maximumMessageSize else {
                throw SQSError.invalidParameterValue("One or more parameters are invalid. Reason: Message must be shorter than \(defaults.maximumMessageSize) bytes.")
            }
            let requested = try call.int("DelaySeconds")
            explicitDelay = requested != nil
            delay = requested ?? defaults.delaySeconds
            guard (0...QueueLimits.maximumDelay).contains(delay) else {
                throw SQSError.invalidParameterValue("Value \(delay) for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= \(QueueLimits.maximumDelay).")
            }
            messageDeduplicationId = try call.string("MessageDeduplicationId")
            // MessageGroupId is allowed on standard queues too (fair queues); there it orders
            // nothing (the README says so).
            messageGroupId = try call.string("MessageGroupId")
        }

        /// SQS keeps a body with characters XML does not allow, replacing them with U+FFFD.
        static func replacingInvalidCharacters(_ text: String) -> String {
            guard text.unicodeScalars.contains(where: { !isAllowed($0) }) else { return text }
            return String(String.UnicodeScalarView(text.unicodeScalars.map { isAllowed($0) ? $0 : "\u{FFFD}" }))
        }

        private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
            default: return false
            }
        }
    }

    func sendMessage(_ call: SQSCall) throws(SQSError) -> [String: Any] {
        let name = try queue(call)
        let defaults = try local { () throws(LocalServiceError) in try queues.defaults(name) }
        let message = try Outgoing(call, defaults: defaults)
        return try send(message, to: name)
    }

    private func send(_ message: Outgoing, to name: String) throws(SQSError) -> [String: Any] {
        let fifo = queues.isFIFO(name)
        let sent = try local { () throws(LocalServiceError) in
            // A FIFO queue takes no per-message delay; its queue-wide DelaySeconds is SQS's to apply.
            try queues.sendMessage(name, body: message.body, attributes: message.attributes,
                                   delaySeconds: fifo && !message.explicitDelay ? 0 : message.delay,
                                   messageGroupId: message.messageGroupId, messageDeduplicationId: message.messageDeduplicationId)
        }
        var result: [String: Any] = ["MessageId": sent.messageId, "MD5OfMessageBody": sent.md5OfMessageBody]
        if let md5 = MessageAttributesMD5.hex(message.attributes) { result["MD5OfMessageAttributes"] = md5 }
        if let sequence = sent.sequenceNumber { result["SequenceNumber"] = sequence }
        return result
    }

    func sendMessageBatch(_ call: SQSCall) throws(SQSError) -> [String: Any] {
        let name = try queue(call)
        let entries = try batch(call, entry: "SendMessageBatchRequestEntry")
        let total = entries.reduce(0) { $0 + (($1["MessageBody"] as? String)?.utf8.count ?? 0) }
        guard total <= QueueLimits.maximumMessageSize else {
            throw SQSError("BatchRequestTooLong", query: "AWS.SimpleQueueService.BatchRequestTooLong",
                           "Batch requests cannot be longer than \(QueueLimits.maximumMessageSize) bytes. You have sent \(total) bytes.")
        }
        let defaults = try local { () throws(LocalServiceError) in try queues.defaults(name) }
        var successful: [[String: Any]] = [], failed: [[String: Any]] = []
        for entry in entries {
            let id = entry["Id"] as? String ?? ""
            do throws(SQSError) {
                var result = try send(try Outgoing(SQSCall(body: entry, host: call.host), defaults: defaults), to: name)
                result["Id"] = id
                successful.append(result)
            } catch {
                failed.append(Self.failure(id, error))
            }
        }
        return ["Successful": successful, "Failed": failed]
    }

    // MARK: - Receiving

    func receiveMessage(_ call: SQSCall) async throws(SQSError) -> [String: Any] {
        let name = try queue(call)
        let maximum = try call.int("MaxNumberOfMessages") ?? 1
        guard (1...QueueLimits.maximumReceive).contains(maximum) else {
            throw SQSError.invalidParameterValue("Value \(maximum) for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and \(QueueLimits.maximumReceive), if provided.")
        }
        let visibility = try call.int("VisibilityTimeout")
        if let visibility, !(0...QueueLimits.maximumVisibilityTimeout).contains(visibility) {
            throw SQSError.invalidParameterValue("Value \(visibility) for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= \(QueueLimits.maximumVisibilityTimeout), if provided.")
        }
        let defaults = try local { () throws(LocalServiceError) in try queues.defaults(name) }
        let wait = try call.int("WaitTimeSeconds") ?? defaults.waitTimeSeconds
        guard (0...QueueLimits.maximumWaitTime).contains(wait) else {
            throw SQSError.invalidParameterValue("Value \(wait) for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= \(QueueLimits.maximumWaitTime), if provided.")
        }
        let systemNames = Set((try call.strings("MessageSystemAttributeNames") ?? []) + (try call.strings("AttributeNames") ?? []))
        let attributeNames = try call.strings("MessageAttributeNames") ?? []
        // Long polling waits in service time, as visibility timeouts do: `time scale 60`
        // shortens a 20 s poll to a third of a second (LocalQueues+LongPoll).
        let messages = try await local { () async throws(LocalServiceError) in
            try await queues.receive(name, maximum: maximum, visibilityTimeout: visibility, waitSeconds: wait)
        }
        guard !messages.isEmpty else { return [:] }
        return ["Messages": messages.map { Self.shape($0, system: systemNames, attributes: attributeNames) }]
    }

    /// A received message in the model's `Message` shape, with the system attributes and
    /// message attributes the caller asked for.
    static func shape(_ message: QueueMessage, system names: Set<String>, attributes selectors: [String]) -> [String: Any] {
        var shaped: [String: Any] = [
            "MessageId": message.messageID, "ReceiptHandle": message.receiptHandle ?? "",
            "MD5OfBody": message.md5OfBody, "Body": message.body,
        ]
        let all = names.contains("All")
        var system: [String: String] = [:]
        if all || names.contains("SenderId") { system["SenderId"] = LocalQueues.senderID }
        if all || names.contains("SentTimestamp") { system["SentTimestamp"] = milliseconds(message.sentAt) }
        if all || names.contains("ApproximateReceiveCount") { system["ApproximateReceiveCount"] = String(message.receiveCount) }
        if all || names.contains("ApproximateFirstReceiveTimestamp"), let first = message.firstReceivedAt {
            system["ApproximateFirstReceiveTimestamp"] = milliseconds(first)
        }
        if all || names.contains("MessageGroupId"), let group = message.messageGroupId { system["MessageGroupId"] = group }
        if all || names.contains("MessageDeduplicationId"), let id = message.messageDeduplicationId { system["MessageDeduplicationId"] = id }
        if all || names.contains("SequenceNumber"), let sequence = message.sequenceNumber { system["SequenceNumber"] = sequence }
        if !system.isEmpty { shaped["Attributes"] = system }
        let chosen = message.attributes.filter { key, _ in
            selectors.contains { $0 == "All" || $0 == ".*" || $0 == key || ($0.hasSuffix(".*") && key.hasPrefix(String($0.dropLast(1)))) }
        }
        if !chosen.isEmpty {
            shaped["MessageAttributes"] = chosen.mapValues { value -> [String: Any] in
                value.dataType.hasPrefix("Binary") ? ["DataType": value.dataType, "BinaryValue": value.stringValue]
                    : ["DataType": value.dataType, "StringValue": value.stringValue]
            }
            shaped["MD5OfMessageAttributes"] = MessageAttributesMD5.hex(chosen)
        }
        return shaped
    }

    private static func milliseconds(_ date: Date) -> String { String(Int64((date.timeIntervalSince1970 * 1000).rounded(.down))) }

    // MARK: - Deleting and visibility

    func deleteMessage(_ call: SQSCall) throws(SQSError) -> [String: Any] {
        let name = try queue(call)
        let handle = try call.requiredString("ReceiptHandle")
        try local { () throws(LocalServiceError) in try queues.deleteMessage(name, receiptHandle: handle) }
        return [:]
    }

    func deleteMessageBatch(_ call: SQSCall) throws(SQSError) -> [String: Any] {
        let name = try queue(call)
        var successful: [[String: Any]] = [], failed: [[String: Any]] = []
        for entry in try batch(call, entry: "DeleteMessageBatchRequestEntry") {
            let id = entry["Id"] as? String ?? ""
            do throws(SQSError) {
                guard let handle = entry["ReceiptHandle"] as? String, !handle.isEmpty else { throw SQSError.missingParameter("ReceiptHandle") }
                try local { () throws(LocalServiceError) in try queues.deleteMessage(name, receiptHandle: handle) }
                successful.append(["Id": id])
            } catch {
                failed.append(Self.failure(id, error))
            }
        }
        return ["Successful": successful, "Failed": failed]
    }

    func changeMessageVisibility(_ call: SQSCall) throws(SQSError) -> [String: Any] {
        let name = try queue(call)
        let handle = try call.requiredString("ReceiptHandle")
        guard let timeout = try call.int("VisibilityTimeout") else { throw SQSError.missingParameter("VisibilityTimeout") }
        try changeVisibility(name, handle, timeout)
        return [:]
    }

    func changeMessageVisibilityBatch(_ call: SQSCall) throws(SQSError) -> [String: Any] {
        let name = try queue(call)
        var successful: [[String: Any]] = [], failed: [[String: Any]] = []
        for entry in try batch(call, entry: "ChangeMessageVisibilityBatchRequestEntry") {
            let id = entry["Id"] as? String ?? ""
            do throws(SQSError) {
                let inner = SQSCall(body: entry, host: call.host)
                guard let timeout = try inner.int("VisibilityTimeout") else { throw SQSError.missingParameter("VisibilityTimeout") }
                try changeVisibility(name, try inner.requiredString("ReceiptHandle"), timeout)
                successful.append(["Id": id])
            } catch {
                failed.append(Self.failure(id, error))
            }
        }
        return ["Successful": successful, "Failed": failed]
    }

    private func changeVisibility(_ name: String, _ handle: String, _ timeout: Int) throws(SQSError) {
        guard (0...QueueLimits.maximumVisibilityTimeout).contains(timeout) else {
            throw SQSError.invalidParameterValue("Value \(timeout) for parameter VisibilityTimeout is invalid. Reason: VisibilityTimeout must be an integer between 0 and \(QueueLimits.maximumVisibilityTimeout)")
        }
        try local { () throws(LocalServiceError) in try queues.changeVisibility(name, receiptHandle: handle, timeout: timeout) }
    }

    // MARK: - Batches

    /// A batch's `Entries`, checked as SQS checks them before any entry runs.
    private func batch(_ call: SQSCall, entry shape: String) throws(SQSError) -> [[String: Any]] {
        let entries = try call.objects("Entries") ?? []
        guard !entries.isEmpty else {
            throw SQSError("EmptyBatchRequest", query: "AWS.SimpleQueueService.EmptyBatchRequest", "There should be at least one \(shape) in the request.")
        }
        guard entries.count <= QueueLimits.maximumBatchEntries else {
            throw SQSError("TooManyEntriesInBatchRequest", query: "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
                           "Maximum number of entries per request are \(QueueLimits.maximumBatchEntries). You have sent \(entries.count).")
        }
        var seen: Set<String> = []
        for entry in entries {
            let id = entry["Id"] as? String ?? ""
            let valid = !id.isEmpty && id.count <= 80 && id.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "-" || $0 == "_" }
            guard valid else {
                throw SQSError("InvalidBatchEntryId", query: "AWS.SimpleQueueService.InvalidBatchEntryId",
                               "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.")
            }
            guard seen.insert(id).inserted else {
                throw SQSError("BatchEntryIdsNotDistinct", query: "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "Id \(id) repeated.")
            }
        }
        return entries
    }

    /// A `BatchResultErrorEntry`: the entry's id, the query code SQS would have answered with.
    private static func failure(_ id: String, _ error: SQSError) -> [String: Any] {
        ["Id": id, "SenderFault": error.fault == "Sender", "Code": error.queryCode ?? error.shape, "Message": error.message]
    }
}
