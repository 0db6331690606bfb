import Foundation

/// A subscription as ListSubscriptions shows it, with its attributes.
package struct TopicSubscription: Sendable, Hashable {
    static let settableAttributes: Set<String> = ["RawMessageDelivery", "RedrivePolicy", "DeliveryPolicy", "FilterPolicy", "FilterPolicyScope"]
    /// Refused by name rather than ignored: a setting the tutor did not apply would mislead.
    static let unservedAttributes: Set<String> = ["SubscriptionRoleArn", "ReplayPolicy"]

    static func check(_ key: String) throws(LocalServiceError) {
        if unservedAttributes.contains(key) {
            throw LocalServiceError(.invalidParameter, "Invalid parameter: Attributes Reason: \(key) is not served by lambda-tutor yet")
        }
        guard settableAttributes.contains(key) else {
            throw LocalServiceError(.invalidParameter, "Invalid parameter: Attributes Reason: Unknown attribute \(key)")
        }
    }
    package let arn: String
    package let topicArn: String
    package let `protocol`: String
    package let endpoint: String
    package let owner: String
    package internal(set) var attributes: [String: String]

    package var rawMessageDelivery: Bool { attributes["RawMessageDelivery"]?.lowercased() == "true" }

    /// The subscription's filter policy (checked when it was set), nil when it has none.
    package var filter: SubscriptionFilter? {
        try? SubscriptionFilter.make(policy: attributes["FilterPolicy"], scope: attributes["FilterPolicyScope"])
    }

    /// The subscription's id: the last part of its ARN.
    package var id: String { String(arn.split(separator: ":").last ?? "") }

    /// The queue's or function's name (with its qualifier), for short lines.
    package var endpointName: String {
        let parts = endpoint.split(separator: ":", omittingEmptySubsequences: false)
        if self.protocol == "lambda", parts.count >= 7 { return parts[6...].joined(separator: ":") }
        return String(parts.last ?? "")
    }

    /// GetSubscriptionAttributes' answer.
    package var allAttributes: [String: String] {
        var all = attributes
        all["SubscriptionArn"] = arn
        all["TopicArn"] = topicArn
        all["Protocol"] = self.protocol
        all["Endpoint"] = endpoint
        all["Owner"] = owner
        all["ConfirmationWasAuthenticated"] = "true"
        all["PendingConfirmation"] = "false"
        all["RawMessageDelivery"] = rawMessageDelivery ? "true" : "false"
        if attributes["FilterPolicy"] != nil { all["FilterPolicyScope"] = attributes["FilterPolicyScope"] ?? SubscriptionFilter.Scope.messageAttributes.rawValue }
        return all
    }
}
