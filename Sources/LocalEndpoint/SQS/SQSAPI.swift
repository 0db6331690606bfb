import Foundation
import LocalServices
import Synchronization

/// Amazon SQS's JSON protocol (what current boto3 and the AWS CLI send: `POST /`,
/// `X-Amz-Target: AmazonSQS.<Operation>`, `application/x-amz-json-1.0`) over the session's
/// ``LocalQueues``, the same queues `queue …`, DLQs, destinations and event source mappings use.
/// Shapes and errors follow botocore's `sqs` model (2012-11-05).
///
/// A queue URL names a queue by its last two path segments (account and name) whatever its
/// host, so a URL got in the shell works inside a sandbox; URLs handed out name the host the
/// request came to (`http://<Host>/<account>/<name>`).
package final class SQSAPI: Sendable {
    package let queues: LocalQueues
    /// When each queue was last purged (SQS allows one PurgeQueue per 60 s).
    let purges = Mutex<[String: Date]>([:])

    package init(queues: LocalQueues) {
        self.queues = queues
    }

    /// The operations served, by X-Amz-Target suffix.
    static let served: Set<String> = [
        "CreateQueue", "GetQueueUrl", "ListQueues", "GetQueueAttributes", "SetQueueAttributes", "DeleteQueue", "PurgeQueue",
        "SendMessage", "SendMessageBatch", "ReceiveMessage", "DeleteMessage", "DeleteMessageBatch",
        "ChangeMessageVisibility", "ChangeMessageVisibilityBatch", "ListDeadLetterSourceQueues",
    ]
    /// The rest of the model's operations: answered as unsupported, naming them.
    static let modeled: Set<String> = [
        "AddPermission", "RemovePermission", "CancelMessageMoveTask", "ListMessageMoveTasks", "StartMessageMoveTask",
        "ListQueueTags", "TagQueue", "UntagQueue",
    ]

    /// Answers one request whose target is `AmazonSQS.<operation>`.
    package func handle(operation: String, _ request: APIRequest) async -> APIResponse {
        do {
            guard Self.served.contains(operation) else {
                throw Self.modeled.contains(operation) ? SQSError.unsupported(operation) : SQSError.unknownOperation("AmazonSQS.\(operation)")
            }
            let call = try SQSCall(request, host: request.header("host") ?? "localhost")
            return .amzJSON(200, try await perform(operation, call))
        } catch let error as SQSError {
            return error.response
        } catch {
            return SQSError("InternalError", query: "InternalError", "\(error)", status: 500).response
        }
    }

    private func perform(_ operation: String, _ call: SQSCall) async throws(SQSError) -> [String: Any] {
        switch operation {
        case "CreateQueue": return try createQueue(call)
        case "GetQueueUrl": return try getQueueUrl(call)
        case "ListQueues": return try listQueues(call)
        case "GetQueueAttributes": return try getQueueAttributes(call)
        case "SetQueueAttributes": return try setQueueAttributes(call)
        case "DeleteQueue": return try deleteQueue(call)
        case "PurgeQueue": return try purgeQueue(call)
        case "ListDeadLetterSourceQueues": return try listDeadLetterSourceQueues(call)
        case "SendMessage": return try sendMessage(call)
        case "SendMessageBatch": return try sendMessageBatch(call)
        case "ReceiveMessage": return try await receiveMessage(call)
        case "DeleteMessage": return try deleteMessage(call)
        case "DeleteMessageBatch": return try deleteMessageBatch(call)
        case "ChangeMessageVisibility": return try changeMessageVisibility(call)
        default: return try changeMessageVisibilityBatch(call)
        }
    }

    // MARK: - Queues

    func url(_ name: String, _ call: SQSCall) -> String { "http://\(call.host)/\(queues.accountID)/\(name)" }

    /// The queue a request's `QueueUrl` names (any host; account and name count).
    func queue(_ call: SQSCall) throws(SQSError) -> String {
        let reference = try call.requiredString("QueueUrl")
        return try local { () throws(LocalServiceError) in try queues.queueName(reference) }
    }

    private func createQueue(_ call: SQSCall) throws(SQSError) -> [String: Any] {
        let name = try call.requiredString("QueueName")
        let attributes = try call.stringMap("Attributes") ?? [:]
        try local { () throws(LocalServiceError) in try queues.create(name, attributes: attributes) }
        return ["QueueUrl": url(name, call)]
    }

    private func getQueueUrl(_ call: SQSCall) throws(SQSError) -> [String: Any] {
        let name = try call.requiredString("QueueName")
        if let owner = try call.string("QueueOwnerAWSAccountId"), owner != queues.accountID {
            throw SQSError(.init(.queueDoesNotExist, "The specified queue does not exist."))
        }
        _ = try local { () throws(LocalServiceError) in try queues.queueName(name) }
        return ["QueueUrl": url(name, call)]
    }

    private func listQueues(_ call: SQSCall) throws(SQSError) -> [String: Any] {
        let names = queues.list(prefix: try call.string("QueueNamePrefix") ?? "")
        let maximum = try call.int("MaxResults")
        if let maximum, !(1...1000).contains(maximum) {
            throw SQSError.invalidParameterValue("Value \(maximum) for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.")
        }
        let start = try call.string("NextToken").flatMap(Int.init) ?? 0
        let page = Array(names.dropFirst(start).prefix(maximum ?? 1000))
        var result: [String: Any] = [:]
        if !page.isEmpty { result["QueueUrls"] = page.map { url($0, call) } }
        if let maximum, start + maximum < names.count { result["NextToken"] = String(start + maximum) }
        return result
    }

    private func getQueueAttributes(_ call: SQSCall) throws(SQSError) -> [String: Any] {
        let name = try queue(call)
        let wanted = try call.strings("AttributeNames") ?? []
        let all = try local { () throws(LocalServiceError) in try queues.allAttributes(name) }
        for key in wanted where key != "All" && all[key] == nil && !LocalQueues.fifoAttributes.contains(key) && !Self.knownQueueAttributes.contains(key) {
            throw SQSError(.init(.invalidAttributeName, "Unknown Attribute \(key)."))
        }
        let chosen = wanted.contains("All") ? all : all.filter { wanted.contains($0.key) }
        return chosen.isEmpty ? [:] : ["Attributes": chosen]
    }

    /// The model's QueueAttributeName values (a known name the queue has no value for is left out).
    static let knownQueueAttributes: Set<String> = [
        "Policy", "VisibilityTimeout", "MaximumMessageSize", "MessageRetentionPeriod", "ApproximateNumberOfMessages",
        "ApproximateNumberOfMessagesNotVisible", "CreatedTimestamp", "LastModifiedTimestamp", "QueueArn",
        "ApproximateNumberOfMessagesDelayed", "DelaySeconds", "ReceiveMessageWaitTimeSeconds", "RedrivePolicy",
        "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "RedriveAllowPolicy", "SqsManagedSseEnabled",
    ]

    private func setQueueAttributes(_ call: SQSCall) throws(SQSError) -> [String: Any] {
        let name = try queue(call)
        guard let attributes = try call.stringMap("Attributes") else { throw SQSError.missingParameter("Attributes") }
        try local { () throws(LocalServiceError) in try queues.setAttributes(name, attributes) }
        return [:]
    }

    private func deleteQueue(_ call: SQSCall) throws(SQSError) -> [String: Any] {
        let name = try queue(call)
        try local { () throws(LocalServiceError) in try queues.delete(queue: name) }
        purges.withLock { _ = $0.removeValue(forKey: name) }
        return [:]
    }

    private func purgeQueue(_ call: SQSCall) throws(SQSError) -> [String: Any] {
        let name = try queue(call)
        let now = queues.now()
        let recent = purges.withLock { purges -> Bool in
            if let last = purges[name], now.timeIntervalSince(last) < 60 { return true }
            purges[name] = now
            return false
        }
        if recent {
            throw SQSError("PurgeQueueInProgress", query: "AWS.SimpleQueueService.PurgeQueueInProgress",
                           "Only one PurgeQueue operation on \(name) is allowed every 60 seconds.", status: 403)
        }
        try local { () throws(LocalServiceError) in _ = try queues.purge(name) }
        return [:]
    }

    private func listDeadLetterSourceQueues(_ call: SQSCall) throws(SQSError) -> [String: Any] {
        let name = try queue(call)
        let target = queues.arn(name)
        let sources = queues.list().filter { source in
            (try? queues.allAttributes(source))?["RedrivePolicy"]?.contains("\"\(target)\"") == true
        }
        return ["queueUrls": sources.map { url($0, call) }]
    }
}

/// Runs a call on the local queues and gives its refusal as SQS's error.
func local<T>(_ body: () throws(LocalServiceError) -> T) throws(SQSError) -> T {
    do {
        return try body()
    } catch {
        throw SQSError(error)
    }
}

/// The async form of ``local(_:)`` (a long poll).
func local<T>(_ body: () async throws(LocalServiceError) -> T) async throws(SQSError) -> T {
    do {
        return try await body()
    } catch {
        throw SQSError(error)
    }
}
