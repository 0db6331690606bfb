import Foundation
import LocalServices

/// An SNS error as the query protocol sends it: the status of the model's error shape and
/// `<ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code>…`. botocore maps the code to
/// the exception (`NotFound` → `NotFoundException`).
struct SNSError: Error, Sendable {
    var status: Int
    var code: String
    var message: String

    init(status: Int, code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// With the status botocore's `sns` model gives the code.
    init(_ code: LocalServiceError.Code, _ message: String) {
        switch code {
        case .notFound: self.init(status: 404, code: "NotFound", message)
        case .parameterValueInvalid: self.init(status: 400, code: "ParameterValueInvalid", message)
        default: self.init(status: 400, code: "InvalidParameter", message)
        }
    }

    init(_ error: LocalServiceError) { self.init(error.code, error.message) }

    var response: APIResponse { QueryXML.error(status: status, code: code, message: message, namespace: SNSAPI.namespace) }
}

/// Amazon SNS's query protocol (form-encoded POST, XML answers; botocore's `sns` model
/// 2010-03-31) over the session's ``LocalTopics``: the topics `topic …` shows, whose
/// subscriptions deliver to local queues and functions.
package final class SNSAPI: Sendable {
    package let topics: LocalTopics
    static let namespace = "http://sns.amazonaws.com/doc/2010-03-31/"

    package init(topics: LocalTopics) {
        self.topics = topics
    }

    static let served: Set<String> = [
        "CreateTopic", "ListTopics", "DeleteTopic", "GetTopicAttributes", "SetTopicAttributes", "Subscribe", "Unsubscribe",
        "ListSubscriptions", "ListSubscriptionsByTopic", "GetSubscriptionAttributes", "SetSubscriptionAttributes", "Publish", "PublishBatch",
    ]
    /// The model's other operations (mobile push, SMS, tags, data protection…): unsupported here.
    static let modeled: Set<String> = [
        "AddPermission", "RemovePermission", "CheckIfPhoneNumberIsOptedOut", "ConfirmSubscription", "CreatePlatformApplication",
        "CreatePlatformEndpoint", "CreateSMSSandboxPhoneNumber", "DeleteEndpoint", "DeletePlatformApplication", "DeleteSMSSandboxPhoneNumber",
        "GetDataProtectionPolicy", "GetEndpointAttributes", "GetPlatformApplicationAttributes", "GetSMSAttributes", "GetSMSSandboxAccountStatus",
        "ListEndpointsByPlatformApplication", "ListOriginationNumbers", "ListPhoneNumbersOptedOut", "ListPlatformApplications",
        "ListSMSSandboxPhoneNumbers", "ListTagsForResource", "OptInPhoneNumber", "PutDataProtectionPolicy", "SetEndpointAttributes",
        "SetPlatformApplicationAttributes", "SetSMSAttributes", "TagResource", "UntagResource", "VerifySMSSandboxPhoneNumber",
    ]

    static func isOperation(_ action: String) -> Bool { served.contains(action) || modeled.contains(action) }

    /// Answers one request whose form has `Action=<action>`.
    package func handle(action: String, _ request: APIRequest) -> APIResponse {
        let form = QueryForm(request.body)
        do {
            guard Self.served.contains(action) else {
                throw SNSError(status: 400, code: "InvalidAction", "\(action) is an SNS operation lambda-tutor does not serve yet.")
            }
            return QueryXML.success(action, namespace: Self.namespace, result: try perform(action, form))
        } catch let error as SNSError {
            return error.response
        } catch {
            return SNSError(status: 500, code: "InternalError", "\(error)").response
        }
    }

    private func perform(_ action: String, _ form: QueryForm) throws(SNSError) -> String? {
        switch action {
        case "CreateTopic":
            let name = try form.required("Name")
            let arn = try sns { () throws(LocalServiceError) in try topics.create(name, attributes: form.map("Attributes")) }
            return QueryXML.element("TopicArn", arn)
        case "ListTopics":
            let (page, next) = try Self.page(topics.list(), form["NextToken"])
            return "<Topics>" + page.map { "<member>\(QueryXML.element("TopicArn", topics.arn($0)))</member>" }.joined() + "</Topics>"
                + (next.map { QueryXML.element("NextToken", $0) } ?? "")
        case "DeleteTopic":
            let arn = try form.required("TopicArn")
            try sns { () throws(LocalServiceError) in try topics.delete(arn) }
            return nil
        case "GetTopicAttributes":
            let arn = try form.required("TopicArn")
            return QueryXML.map("Attributes", try sns { () throws(LocalServiceError) in try topics.attributes(arn) })
        case "SetTopicAttributes":
            let arn = try form.required("TopicArn"), name = try form.required("AttributeName")
            try sns { () throws(LocalServiceError) in try topics.setAttribute(arn, name: name, value: form["AttributeValue"] ?? "") }
            return nil
        case "Subscribe":
            let arn = try form.required("TopicArn"), proto = try form.required("Protocol")
            guard let endpoint = form["Endpoint"], !endpoint.isEmpty else { throw SNSError(.invalidParameter, "Invalid parameter: Endpoint") }
            let subscription = try sns { () throws(LocalServiceError) in
                try topics.subscribe(arn, protocol: proto, endpoint: endpoint, attributes: form.map("Attributes"))
            }
            return QueryXML.element("SubscriptionArn", subscription)
        case "Unsubscribe":
            let arn = try form.required("SubscriptionArn")
            try sns { () throws(LocalServiceError) in try topics.unsubscribe(arn) }
            return nil
        case "ListSubscriptions", "ListSubscriptionsByTopic":
            let topic = action == "ListSubscriptions" ? nil : try form.required("TopicArn")
            let all = try sns { () throws(LocalServiceError) in try topics.subscriptions(topic: topic) }
            let (page, next) = try Self.page(all, form["NextToken"])
            return "<Subscriptions>" + page.map(Self.member).joined() + "</Subscriptions>" + (next.map { QueryXML.element("NextToken", $0) } ?? "")
        case "GetSubscriptionAttributes":
            let arn = try form.required("SubscriptionArn")
            return QueryXML.map("Attributes", try sns { () throws(LocalServiceError) in try topics.subscription(arn) }.allAttributes)
        case "SetSubscriptionAttributes":
            let arn = try form.required("SubscriptionArn"), name = try form.required("AttributeName")
            try sns { () throws(LocalServiceError) in try topics.setSubscriptionAttribute(arn, name: name, value: form["AttributeValue"] ?? "") }
            return nil
        case "Publish":
            return QueryXML.element("MessageId", try publish(form, topic: try target(form)))
        default:
            return try publishBatch(form)
        }
    }

    /// Publish's destination: `TopicArn`, or a topic given as `TargetArn`; phone numbers and
    /// mobile endpoints are refused.
    private func target(_ form: QueryForm) throws(SNSError) -> String {
        if form["PhoneNumber"] != nil { throw SNSError(.invalidParameter, "Invalid parameter: PhoneNumber (lambda-tutor does not send SMS)") }
        if let topic = form["TopicArn"], !topic.isEmpty { return topic }
        if let target = form["TargetArn"], !target.isEmpty {
            guard !target.contains(":endpoint/") else { throw SNSError(.invalidParameter, "Invalid parameter: TargetArn (lambda-tutor has no mobile endpoints)") }
            return target
        }
        throw SNSError(.invalidParameter, "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter")
    }

    private func publish(_ form: QueryForm, topic: String) throws(SNSError) -> String {
        guard let message = form["Message"] else { throw SNSError(.invalidParameter, "Invalid parameter: Message") }
        if form["MessageGroupId"] != nil || form["MessageDeduplicationId"] != nil {
            throw SNSError(.invalidParameter, "Invalid parameter: The MessageGroupId and MessageDeduplicationId parameters are only valid for FIFO topics, which lambda-tutor does not serve yet.")
        }
        let attributes = try form.messageAttributes()
        return try sns { () throws(LocalServiceError) in
            try topics.publish(topic, message: message, subject: form["Subject"], attributes: attributes, messageStructure: form["MessageStructure"])
        }
    }

    private func publishBatch(_ form: QueryForm) throws(SNSError) -> String {
        let topic = try form.required("TopicArn")
        _ = try sns { () throws(LocalServiceError) in try topics.topicName(topic) }
        let entries = form.members("PublishBatchRequestEntries")
        guard !entries.isEmpty else { throw SNSError(status: 400, code: "EmptyBatchRequest", "The batch request doesn't contain any entries.") }
        guard entries.count <= LocalTopics.maximumBatchEntries else {
            throw SNSError(status: 400, code: "TooManyEntriesInBatchRequest", "The batch request contains more entries than permissible.")
        }
        var ids: Set<String> = []
        for entry in entries {
            let id = entry["Id"] ?? ""
            guard !id.isEmpty, id.count <= 80, id.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }) else {
                throw SNSError(status: 400, code: "InvalidBatchEntryId", "The Id of a batch entry in a batch request doesn't abide by the specification.")
            }
            guard ids.insert(id).inserted else { throw SNSError(status: 400, code: "BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id.") }
        }
        let total = entries.reduce(0) { $0 + ($1["Message"]?.utf8.count ?? 0) }
        guard total <= LocalTopics.maximumMessageBytes else {
            throw SNSError(status: 400, code: "BatchRequestTooLong", "The length of all the messages put together is more than the limit.")
        }
        var successful = "", failed = ""
        for entry in entries {
            let id = entry["Id"] ?? ""
            do throws(SNSError) {
                successful += "<member>\(QueryXML.element("Id", id))\(QueryXML.element("MessageId", try publish(entry, topic: topic)))</member>"
            } catch {
                failed += "<member>\(QueryXML.element("Id", id))\(QueryXML.element("Code", error.code))\(QueryXML.element("Message", error.message))<SenderFault>true</SenderFault></member>"
            }
        }
        return "<Successful>\(successful)</Successful><Failed>\(failed)</Failed>"
    }

    private static func member(_ subscription: TopicSubscription) -> String {
        "<member>" + QueryXML.element("SubscriptionArn", subscription.arn) + QueryXML.element("Owner", subscription.owner)
            + QueryXML.element("Protocol", subscription.protocol) + QueryXML.element("Endpoint", subscription.endpoint)
            + QueryXML.element("TopicArn", subscription.topicArn) + "</member>"
    }

    /// 100 per page, as ListTopics and ListSubscriptions page; the token is the next offset.
    private static func page<T>(_ all: [T], _ token: String?) throws(SNSError) -> ([T], String?) {
        let start: Int
        if let token {
            guard let offset = Int(token), offset >= 0 else { throw SNSError(.invalidParameter, "Invalid parameter: NextToken") }
            start = offset
        } else {
            start = 0
        }
        let page = Array(all.dropFirst(start).prefix(100))
        return (page, start + 100 < all.count ? String(start + 100) : nil)
    }
}

/// Runs a call on the local topics and gives its refusal as SNS's error.
func sns<T>(_ body: () throws(LocalServiceError) -> T) throws(SNSError) -> T {
    do {
        return try body()
    } catch {
        throw SNSError(error)
    }
}
