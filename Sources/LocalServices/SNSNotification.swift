import Foundation

/// One published message as SNS delivers it: the JSON envelope an SQS subscriber receives
/// (unless it asked for raw delivery) and the record a Lambda subscriber's event carries.
///
/// Simplification (said where topics are shown): SNS signs every notification with its
/// certificate; the tutor cannot, so `Signature` is a fixed text saying the message is local and
/// unsigned, and `SigningCertURL` names no real certificate. Code that verifies signatures
/// (rare inside Lambda) fails here, as it should.
package struct SNSNotification: Sendable, Hashable {
    package var messageID: String
    package var topicArn: String
    package var subject: String?
    package var message: String
    package var timestamp: Date
    package var attributes: [String: MessageAttributeValue]

    /// base64 of "lambda-tutor: a local message, not signed by Amazon SNS".
    package static let unsignedSignature = Data("lambda-tutor: a local message, not signed by Amazon SNS".utf8).base64EncodedString()

    var region: String { String(topicArn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(3).first ?? "us-east-1") }
    var signingCertURL: String { "https://sns.\(region).amazonaws.com/SimpleNotificationService-lambda-tutor-unsigned.pem" }
    func unsubscribeURL(_ subscriptionArn: String) -> String {
        "https://sns.\(region).amazonaws.com/?Action=Unsubscribe&SubscriptionArn=\(subscriptionArn)"
    }

    /// The body of the SQS message a subscribed queue gets (no raw delivery), keys in SNS's order.
    package func sqsEnvelope(subscriptionArn: String) -> String {
        var fields: [(String, Any)] = [("Type", "Notification"), ("MessageId", messageID), ("TopicArn", topicArn)]
        if let subject { fields.append(("Subject", subject)) }
        fields += [("Message", message), ("Timestamp", Self.format(timestamp)), ("SignatureVersion", "1"),
                   ("Signature", Self.unsignedSignature), ("SigningCertURL", signingCertURL),
                   ("UnsubscribeURL", unsubscribeURL(subscriptionArn))]
        if !attributes.isEmpty { fields.append(("MessageAttributes", envelopeAttributes)) }
        return Self.object(fields)
    }

    /// The event a subscribed function is invoked with (asynchronously): one record, as
    /// LambdaEvents' `sns` sample shows. `Subject` is null when there is none, as on AWS.
    package func lambdaEvent(subscriptionArn: String) -> Data {
        let sns: [(String, Any)] = [
            ("Type", "Notification"), ("MessageId", messageID), ("TopicArn", topicArn), ("Subject", subject ?? NSNull()),
            ("Message", message), ("Timestamp", Self.format(timestamp)), ("SignatureVersion", "1"),
            ("Signature", Self.unsignedSignature), ("SigningCertUrl", signingCertURL),
            ("UnsubscribeUrl", unsubscribeURL(subscriptionArn)), ("MessageAttributes", envelopeAttributes),
        ]
        let record = Self.object([("EventSource", "aws:sns"), ("EventVersion", "1.0"), ("EventSubscriptionArn", subscriptionArn), ("Sns", RawJSON(Self.object(sns)))])
        return Data("{\"Records\":[\(record)]}".utf8)
    }

    /// `{"name": {"Type": "String", "Value": "…"}}`, the envelope's form of message attributes.
    private var envelopeAttributes: [String: Any] {
        attributes.mapValues { ["Type": $0.dataType, "Value": $0.stringValue] }
    }

    /// SNS's timestamp: ISO 8601 in UTC with milliseconds.
    package static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"
        return formatter.string(from: date)
    }

    /// Already-encoded JSON placed as is.
    private struct RawJSON { let text: String; init(_ text: String) { self.text = text } }

    /// A JSON object with its keys in the given order.
    private static func object(_ fields: [(String, Any)]) -> String {
        "{" + fields.map { key, value in "\(encode(key)):\(encode(value))" }.joined(separator: ",") + "}"
    }

    private static func encode(_ value: Any) -> String {
        if let raw = value as? RawJSON { return raw.text }
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys, .withoutEscapingSlashes])) ?? Data("null".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
