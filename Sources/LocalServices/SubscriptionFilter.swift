import Foundation
import LambdaEvents

/// An SNS subscription's `FilterPolicy` and `FilterPolicyScope`: which published messages the
/// subscription receives. The matching is ``EventPattern``'s (the same matcher event source
/// mappings' `FilterCriteria` use); this type decides what the pattern is matched against and
/// refuses policies as SNS does.
///
/// - `MessageAttributes` (the default): the policy's keys are message attribute names; a
///   `String` attribute is matched as a string, a `Number` as a number, a `String.Array` as the
///   JSON list it holds (any element may match); `Binary` attributes are not compared. The
///   policy is flat (no nested objects).
/// - `MessageBody`: the message must be a JSON object; the policy may nest, following it.
///
/// Limits from the SNS guide ("Filter policy constraints"): at most five keys, at most 150
/// combinations of values, at most 256 KB. `cidr` and `$or` are not served (refused by name).
package struct SubscriptionFilter: Sendable, Hashable {
    package enum Scope: String, Sendable, Hashable {
        case messageAttributes = "MessageAttributes"
        case messageBody = "MessageBody"
    }

    package static let maximumKeys = 5
    package static let maximumCombinations = 150
    package static let maximumPolicyBytes = 256 * 1024

    /// The policy's JSON text as given (GetSubscriptionAttributes gives it back unchanged).
    package let policy: String
    package let scope: Scope
    /// The parsed policy; JSON objects are not Sendable, so it is kept as its text's data and
    /// parsed again per check (a publish checks each filtered subscription once).
    private let data: Data

    /// Parses and checks `policy` for `scope` (nil: MessageAttributes); nil for an empty policy
    /// (`""` or `{}`), which filters nothing.
    package static func make(policy: String?, scope text: String?) throws(LocalServiceError) -> SubscriptionFilter? {
        let scope = try parseScope(text)
        guard let policy, !policy.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        guard policy.utf8.count <= maximumPolicyBytes else {
            throw LocalServiceError(.invalidParameter, "Invalid parameter: FilterPolicy: Filter policy is too long (at most 256 KB)")
        }
        let object: [String: Any]
        do throws(EventPattern.Invalid) {
            object = try EventPattern.parse(policy)
        } catch {
            throw LocalServiceError(.invalidParameter, "Invalid parameter: FilterPolicy: failed to parse JSON. \(error.message)")
        }
        if object.isEmpty { return nil }
        if scope == .messageAttributes, object.values.contains(where: { $0 is [String: Any] }) {
            throw LocalServiceError(.invalidParameter, "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy")
        }
        do throws(EventPattern.Invalid) {
            try EventPattern.validate(object)
        } catch {
            throw LocalServiceError(.invalidParameter, "Invalid parameter: FilterPolicy: \(error.message)")
        }
        let complexity = EventPattern.complexity(object)
        guard complexity.keys <= maximumKeys else {
            throw LocalServiceError(.invalidParameter, "Invalid parameter: FilterPolicy: Filter policy can not have more than \(maximumKeys) keys")
        }
        guard complexity.combinations <= maximumCombinations else {
            throw LocalServiceError(.invalidParameter, "Invalid parameter: FilterPolicy: Filter policy is too complex (\(complexity.combinations) combinations of values, at most \(maximumCombinations))")
        }
        return SubscriptionFilter(policy: policy, scope: scope, data: Data(policy.utf8))
    }

    static func parseScope(_ text: String?) throws(LocalServiceError) -> Scope {
        guard let text else { return .messageAttributes }
        guard let scope = Scope(rawValue: text) else {
            throw LocalServiceError(.invalidParameter, "Invalid parameter: Attributes Reason: FilterPolicyScope: Invalid value [\(text)]. Please use either MessageBody or MessageAttributes")
        }
        return scope
    }

    /// Whether a message with this text and these attributes reaches the subscription.
    package func accepts(message: String, attributes: [String: MessageAttributeValue]) -> Bool {
        guard let pattern = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        switch scope {
        case .messageBody:
            guard let body = try? JSONSerialization.jsonObject(with: Data(message.utf8)) as? [String: Any] else { return false }
            return EventPattern.matches(pattern, body)
        case .messageAttributes:
            return EventPattern.matches(pattern, Self.event(attributes))
        }
    }

    /// Message attributes as the values a policy is compared with.
    static func event(_ attributes: [String: MessageAttributeValue]) -> [String: Any] {
        var event: [String: Any] = [:]
        for (name, attribute) in attributes {
            let type = attribute.dataType
            if type == "String.Array" {
                if let list = try? JSONSerialization.jsonObject(with: Data(attribute.stringValue.utf8)) as? [Any] { event[name] = list }
            } else if type == "Number" || type.hasPrefix("Number.") {
                if let number = Double(attribute.stringValue) { event[name] = NSNumber(value: number) }
            } else if type == "String" || type.hasPrefix("String.") {
                event[name] = attribute.stringValue
            }
        }
        return event
    }
}
