import Foundation
import LambdaEvents
import LambdaModel

/// An event source mapping's `FilterCriteria`: Lambda's event filtering patterns (the
/// EventBridge-style syntax) checked against each record before the function sees it. A record
/// passes when any filter matches (OR); within a pattern every key must match (AND); a key's
/// list of conditions matches when one of them does (OR).
///
/// The conditions and the matching are ``EventPattern``'s (LambdaEvents), which SNS filter
/// policies share; this type shapes the records and words the refusals as Lambda does.
///
/// For SQS only the `body` key can be filtered: a pattern whose `body` is an object needs a JSON
/// body (a plain-text body never matches it); a `body` list of conditions matches the body text.
package struct EventFilter: Sendable, Hashable {
    /// The `Pattern` strings as given (the API echoes them back unchanged).
    package let patterns: [String]

    /// Parses and checks `patterns` (one per filter); refusals are AWS's
    /// `InvalidParameterValueException`.
    package init(patterns: [String]) throws(LambdaServiceError) {
        guard patterns.count <= Facts.esmFiltersDefault.int else {
            throw LambdaServiceError(.invalidParameterValue, "Filter criteria may contain at most \(Facts.esmFiltersDefault.int) filters (the default quota), got \(patterns.count)")
        }
        for pattern in patterns {
            let object = try Self.parse(pattern)
            try Self.validate(object, path: "")
        }
        self.patterns = patterns
    }

    /// Whether the SQS record `record` (its `body` still a string) passes the filters. No
    /// filters: every record passes.
    package func matchesSQS(_ record: [String: Any]) -> Bool {
        guard !patterns.isEmpty else { return true }
        return patterns.contains { pattern in
            guard let object = try? Self.parse(pattern) else { return false }
            var event = record
            if object["body"] is [String: Any] {
                // An object pattern on `body` needs a JSON object body; plain text never matches.
                guard let text = record["body"] as? String, let data = text.data(using: .utf8),
                      let body = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
                event["body"] = body
            }
            return Self.matches(object, event)
        }
    }

    /// Whether `event` (a JSON object) matches `pattern` (``EventPattern``'s rules).
    package static func matches(_ pattern: [String: Any], _ event: [String: Any]) -> Bool {
        EventPattern.matches(pattern, event)
    }

    static func parse(_ pattern: String) throws(LambdaServiceError) -> [String: Any] {
        do throws(EventPattern.Invalid) {
            return try EventPattern.parse(pattern)
        } catch {
            throw LambdaServiceError(.invalidParameterValue, "Invalid filter pattern definition: \(error.message)")
        }
    }

    static func validate(_ pattern: [String: Any], path: String) throws(LambdaServiceError) {
        do throws(EventPattern.Invalid) {
            try EventPattern.validate(pattern, path: path)
        } catch {
            throw LambdaServiceError(.invalidParameterValue, "Invalid filter pattern definition: \(error.message)")
        }
    }
}
