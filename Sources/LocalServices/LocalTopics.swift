import Foundation
import Synchronization
import TutorSupport

/// The session's in-memory SNS standard topics: create, subscribe an SQS queue or a Lambda
/// function, publish (fan-out to every subscription at once), unsubscribe, delete. A topic is
/// named by account and name, so its ARN finds it wherever it was made.
///
/// Deliveries: an SQS subscriber gets the SNS envelope JSON as its message body, or the message
/// itself with `RawMessageDelivery=true` (message attributes then become SQS message
/// attributes); a Lambda subscriber is invoked asynchronously with SNS's event (through
/// ``connectFunctions(_:)``, which the Lambda side sets, since this module knows no functions).
///
/// A subscription's `FilterPolicy` (``SubscriptionFilter``, on message attributes or the
/// body) decides whether a message reaches it; one filtered out is counted, not delivered.
///
/// Simplifications (said in `topic show` and the README): standard topics only; no retries of
/// a failed delivery (it is counted and shown); http, email, sms and mobile protocols are
/// refused; notifications are not signed (``SNSNotification``).
package final class LocalTopics: Sendable {
    /// Delivers one SNS event to a function asynchronously; returns a note for the log (the
    /// async event id) or throws why it could not.
    package typealias FunctionDelivery = @Sendable (_ functionArn: String, _ event: Data) throws(LocalServiceError) -> String

    package let region: String
    package let accountID: String
    let queues: LocalQueues
    let clock: any WallClock
    let state = Mutex<[String: LocalTopic]>([:])
    private let functions = Mutex<FunctionDelivery?>(nil)

    /// The protocols served; AWS has more (http/s, email, sms, application, firehose).
    package static let protocols = ["sqs", "lambda"]
    /// Publish's message limit (256 KiB), SNS's own number.
    package static let maximumMessageBytes = 262_144
    package static let maximumSubjectLength = 100
    package static let maximumNameLength = 256
    package static let maximumBatchEntries = 10

    package init(queues: LocalQueues, clock: any WallClock) {
        self.region = queues.region
        self.accountID = queues.accountID
        self.queues = queues
        self.clock = clock
    }

    /// Sets how function subscribers are invoked (the async invocation queue).
    package func connectFunctions(_ delivery: @escaping FunctionDelivery) { functions.withLock { $0 = delivery } }

    // MARK: - Names

    package func arn(_ name: String) -> String { "arn:aws:sns:\(region):\(accountID):\(name)" }

    /// The topic an ARN (or, at the prompt, a bare name) names.
    package func topicName(_ reference: String) throws(LocalServiceError) -> String {
        var name = reference
        if reference.hasPrefix("arn:") {
            let parts = reference.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 6, parts[1] == "aws", parts[2] == "sns" else {
                throw LocalServiceError(.invalidParameter, "Invalid parameter: TopicArn")
            }
            guard parts[4] == accountID else { throw LocalServiceError(.notFound, "Topic does not exist") }
            name = String(parts[5])
        }
        guard state.withLock({ $0[name] != nil }) else { throw LocalServiceError(.notFound, "Topic does not exist") }
        return name
    }

    // MARK: - Topics

    /// CreateTopic: idempotent for the same name (with the same attributes, as on SNS).
    @discardableResult
    package func create(_ name: String, attributes: [String: String] = [:]) throws(LocalServiceError) -> String {
        let allowed = name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
        if name.hasSuffix(".fifo") || attributes["FifoTopic"] == "true" {
            throw LocalServiceError(.invalidParameter, "Invalid parameter: FIFO topics are not served by lambda-tutor yet; its topics are standard topics.")
        }
        guard !name.isEmpty, name.count <= Self.maximumNameLength, allowed else {
            throw LocalServiceError(.invalidParameter, "Invalid parameter: Topic Name")
        }
        for key in attributes.keys where !LocalTopic.settableAttributes.contains(key) {
            throw LocalServiceError(.invalidParameter, "Invalid parameter: Attributes Reason: Unknown attribute \(key)")
        }
        let now = clock.now()
        try state.withLock { topics throws(LocalServiceError) in
            if let existing = topics[name] {
                for (key, value) in attributes where existing.attributes[key] != value {
                    throw LocalServiceError(.invalidParameter, "Invalid parameter: Attributes Reason: Topic already exists with different attributes")
                }
                return
            }
            topics[name] = LocalTopic(name: name, createdAt: now, attributes: attributes)
        }
        return arn(name)
    }

    package func list() -> [String] { state.withLock { $0.keys.sorted() } }

    /// DeleteTopic, with its subscriptions. Deleting a topic that is not there is no error, as on SNS.
    package func delete(_ reference: String) throws(LocalServiceError) {
        guard let name = try? topicName(reference) else {
            if reference.hasPrefix("arn:"), !reference.hasPrefix("arn:aws:sns:") { throw LocalServiceError(.invalidParameter, "Invalid parameter: TopicArn") }
            return
        }
        _ = state.withLock { $0.removeValue(forKey: name) }
    }

    /// GetTopicAttributes, with SNS's names.
    package func attributes(_ reference: String) throws(LocalServiceError) -> [String: String] {
        let name = try topicName(reference)
        guard let topic = state.withLock({ $0[name] }) else { throw LocalServiceError(.notFound, "Topic does not exist") }
        var attributes = topic.attributes
        attributes["TopicArn"] = arn(name)
        attributes["Owner"] = accountID
        attributes["DisplayName"] = topic.attributes["DisplayName"] ?? ""
        attributes["SubscriptionsConfirmed"] = String(topic.subscriptions.count)
        attributes["SubscriptionsPending"] = "0"
        attributes["SubscriptionsDeleted"] = "0"
        attributes["EffectiveDeliveryPolicy"] = topic.attributes["DeliveryPolicy"] ?? #"{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},"disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}}"#
        attributes["Policy"] = topic.attributes["Policy"] ?? defaultPolicy(name)
        return attributes
    }

    /// SetTopicAttributes: one attribute.
    package func setAttribute(_ reference: String, name key: String, value: String) throws(LocalServiceError) {
        let name = try topicName(reference)
        guard LocalTopic.settableAttributes.contains(key) else {
            throw LocalServiceError(.invalidParameter, "Invalid parameter: AttributeName")
        }
        state.withLock { $0[name]?.attributes[key] = value }
    }

    /// What a topic did this session, for `topic show`.
    package func activity(_ reference: String) throws(LocalServiceError) -> TopicActivity {
        let name = try topicName(reference)
        return state.withLock { $0[name]?.activity } ?? TopicActivity()
    }

    private func defaultPolicy(_ name: String) -> String {
        #"{"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":"__default_statement_ID","Effect":"Allow","Principal":{"AWS":"*"},"Action":["SNS:Publish","SNS:Subscribe","SNS:GetTopicAttributes"],"Resource":""# + arn(name) + #"","Condition":{"StringEquals":{"AWS:SourceOwner":""# + accountID + #""}}}]}"#
    }

    // MARK: - Subscriptions

    /// Subscribe: `sqs` with a queue ARN, or `lambda` with a function ARN. Confirmed at once (as
    /// SNS does for these two protocols in the same account). Subscribing the same endpoint again
    /// returns the same subscription.
    @discardableResult
    package func subscribe(_ reference: String, protocol proto: String, endpoint: String, attributes: [String: String] = [:]) throws(LocalServiceError) -> String {
        let name = try topicName(reference)
        guard Self.protocols.contains(proto) else {
            throw LocalServiceError(.invalidParameter, "Invalid parameter: Amazon SNS does not support this protocol string: \(proto)"
                                    + (["http", "https", "email", "email-json", "sms", "application", "firehose"].contains(proto) ? " (lambda-tutor serves sqs and lambda subscriptions only)" : ""))
        }
        let parts = endpoint.split(separator: ":", omittingEmptySubsequences: false)
        switch proto {
        case "sqs" where parts.count == 6 && parts[0] == "arn" && parts[2] == "sqs": break
        case "lambda" where parts.count >= 7 && parts.count <= 8 && parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function": break
        default:
            throw LocalServiceError(.invalidParameter, "Invalid parameter: \(proto == "sqs" ? "SQS endpoint ARN" : "Lambda endpoint ARN")")
        }
        for key in attributes.keys { try TopicSubscription.check(key) }
        _ = try SubscriptionFilter.make(policy: attributes["FilterPolicy"], scope: attributes["FilterPolicyScope"])
        return state.withLock { topics in
            if let existing = topics[name]?.subscriptions.first(where: { $0.protocol == proto && $0.endpoint == endpoint }) {
                return existing.arn
            }
            let subscription = TopicSubscription(arn: arn(name) + ":" + RandomUUID.string(), topicArn: arn(name), protocol: proto,
                                                 endpoint: endpoint, owner: accountID, attributes: attributes)
            topics[name]?.subscriptions.append(subscription)
            return subscription.arn
        }
    }

    /// Unsubscribe: `NotFound` when no topic has that subscription.
    package func unsubscribe(_ subscriptionArn: String) throws(LocalServiceError) {
        let found = state.withLock { topics -> Bool in
            for (name, topic) in topics {
                if let index = topic.subscriptions.firstIndex(where: { $0.arn == subscriptionArn }) {
                    topics[name]?.subscriptions.remove(at: index)
                    return true
                }
            }
            return false
        }
        guard found else { throw LocalServiceError(.notFound, "Subscription does not exist") }
    }

    /// ListSubscriptions (every topic) or ListSubscriptionsByTopic.
    package func subscriptions(topic reference: String? = nil) throws(LocalServiceError) -> [TopicSubscription] {
        let name = try reference.map { reference throws(LocalServiceError) in try topicName(reference) }
        return state.withLock { topics in
            topics.keys.sorted().filter { name == nil || $0 == name }.flatMap { topics[$0]?.subscriptions ?? [] }
        }
    }

    package func subscription(_ subscriptionArn: String) throws(LocalServiceError) -> TopicSubscription {
        guard let found = try subscriptions().first(where: { $0.arn == subscriptionArn }) else {
            throw LocalServiceError(.notFound, "Subscription does not exist")
        }
        return found
    }

    /// SetSubscriptionAttributes: one attribute (RawMessageDelivery, FilterPolicy…).
    package func setSubscriptionAttribute(_ subscriptionArn: String, name key: String, value: String) throws(LocalServiceError) {
        let current = try subscription(subscriptionArn)
        try TopicSubscription.check(key)
        if key == "FilterPolicy" || key == "FilterPolicyScope" {
            // The policy and its scope are checked together (a nested policy needs MessageBody).
            var changed = current.attributes
            changed[key] = value
            _ = try SubscriptionFilter.make(policy: changed["FilterPolicy"], scope: changed["FilterPolicyScope"])
        }
        state.withLock { topics in
            for (name, topic) in topics {
                if let index = topic.subscriptions.firstIndex(where: { $0.arn == subscriptionArn }) {
                    topics[name]?.subscriptions[index].attributes[key] = value
                }
            }
        }
    }

    // MARK: - Publishing

    /// Publish: checks the message as SNS does, then delivers it to every subscription now.
    /// A delivery that fails (a deleted queue, an unknown function) does not fail the publish;
    /// it is counted in the topic's activity, as SNS's delivery-failure metrics count it.
    @discardableResult
    package func publish(_ reference: String, message: String, subject: String? = nil, attributes: [String: MessageAttributeValue] = [:],
                        messageStructure: String? = nil) throws(LocalServiceError) -> String {
        let name = try topicName(reference)
        let perProtocol = try Self.check(message: message, subject: subject, attributes: attributes, messageStructure: messageStructure)
        let now = clock.now()
        let messageID = RandomUUID.string()
        let subscriptions = state.withLock { topics -> [TopicSubscription] in
            topics[name]?.activity.published += 1
            return topics[name]?.subscriptions ?? []
        }
        for subscription in subscriptions {
            let text = perProtocol?[subscription.protocol] ?? perProtocol?["default"] ?? message
            if let filter = subscription.filter, !filter.accepts(message: text, attributes: attributes) {
                state.withLock { topics in
                    topics[name]?.activity.recordFilteredOut("\(messageID.prefix(8))… ⊘ \(subscription.protocol) \(subscription.endpointName): filtered out by its FilterPolicy", at: now)
                }
                continue
            }
            let notification = SNSNotification(messageID: messageID, topicArn: arn(name), subject: subject, message: text, timestamp: now, attributes: attributes)
            let outcome = deliver(notification, to: subscription)
            let target = "\(messageID.prefix(8))… → \(subscription.protocol) \(subscription.endpointName)"
            state.withLock { topics in
                switch outcome {
                case .success(let note): topics[name]?.activity.record(delivered: true, "\(target): \(note)", at: now)
                case .failure(let error): topics[name]?.activity.record(delivered: false, "\(target) failed: \(error.message)", at: now)
                }
            }
        }
        return messageID
    }

    private func deliver(_ notification: SNSNotification, to subscription: TopicSubscription) -> Result<String, LocalServiceError> {
        do throws(LocalServiceError) {
            switch subscription.protocol {
            case "sqs":
                if subscription.rawMessageDelivery {
                    let id = try queues.send(subscription.endpoint, body: notification.message, attributes: notification.attributes)
                    return .success("raw message \(id.prefix(8))…")
                }
                let id = try queues.send(subscription.endpoint, body: notification.sqsEnvelope(subscriptionArn: subscription.arn))
                return .success("message \(id.prefix(8))…")
            default:
                guard let functions = functions.withLock({ $0 }) else {
                    throw LocalServiceError(.invalidParameter, "no Lambda service runs with these topics")
                }
                return .success(try functions(subscription.endpoint, notification.lambdaEvent(subscriptionArn: subscription.arn)))
            }
        } catch {
            return .failure(error)
        }
    }

    /// Publish's checks; returns the per-protocol messages of `MessageStructure=json`.
    static func check(message: String, subject: String?, attributes: [String: MessageAttributeValue], messageStructure: String?) throws(LocalServiceError) -> [String: String]? {
        guard !message.isEmpty else { throw LocalServiceError(.invalidParameter, "Invalid parameter: Empty message") }
        let size = message.utf8.count + attributes.reduce(0) { $0 + $1.key.utf8.count + $1.value.dataType.utf8.count + $1.value.stringValue.utf8.count }
        guard size <= maximumMessageBytes else {
            throw LocalServiceError(.invalidParameter, "Invalid parameter: Message too long")
        }
        if let subject {
            guard !subject.isEmpty, subject.count <= maximumSubjectLength, !subject.contains("\n") else {
                throw LocalServiceError(.invalidParameter, "Invalid parameter: Subject")
            }
        }
        for (key, value) in attributes {
            guard ["String", "Number", "Binary", "String.Array"].contains(where: { value.dataType == $0 || value.dataType.hasPrefix($0 + ".") }) else {
                throw LocalServiceError(.parameterValueInvalid, "The message attribute '\(key)' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.")
            }
            guard !value.stringValue.isEmpty else {
                throw LocalServiceError(.parameterValueInvalid, "The message attribute '\(key)' must contain non-empty message attribute value for message attribute type '\(value.dataType)'.")
            }
        }
        guard let messageStructure else { return nil }
        guard messageStructure == "json" else { throw LocalServiceError(.invalidParameter, "Invalid parameter: MessageStructure") }
        guard let object = try? JSONSerialization.jsonObject(with: Data(message.utf8)) as? [String: Any] else {
            throw LocalServiceError(.invalidParameter, "Invalid parameter: Message Structure - JSON message body failed to parse")
        }
        guard object["default"] is String else {
            throw LocalServiceError(.invalidParameter, "Invalid parameter: Message Structure - No default entry in JSON message body")
        }
        return object.compactMapValues { $0 as? String }
    }
}

/// One topic: its attributes, subscriptions and what it delivered this session.
struct LocalTopic: Sendable {
    static let settableAttributes: Set<String> = ["DisplayName", "Policy", "DeliveryPolicy", "KmsMasterKeyId", "TracingConfig", "SignatureVersion", "DataProtectionPolicy"]
    let name: String
    let createdAt: Date
    var attributes: [String: String]
    var subscriptions: [TopicSubscription] = []
    var activity = TopicActivity()

    init(name: String, createdAt: Date, attributes: [String: String]) {
        self.name = name
        self.createdAt = createdAt
        self.attributes = attributes
    }
}
