import Foundation
import LambdaModel

/// An event source mapping's `FilterCriteria`: Lambda's event filtering patterns (the
/// EventBridge-style syntax) checked against each record before the function sees it. A record
/// passes when any filter matches (OR); within a pattern every key must match (AND); a key's
/// list of conditions matches when one of them does (OR).
///
/// Conditions, as the Lambda developer guide lists them: exact values (strings, numbers,
/// booleans, `null`, `""`), `prefix`, `suffix`, `equals-ignore-case`, `anything-but` (a value, a
/// list, or `{"prefix": …}`), `numeric` (`=`, `<`, `<=`, `>`, `>=`, up to two joined as a range)
/// and `exists`. An event value that is a list matches when any element does.
///
/// For SQS only the `body` key can be filtered: a pattern whose `body` is an object needs a JSON
/// body (a plain-text body never matches it); a `body` list of conditions matches the body text.
public struct EventFilter: Sendable, Hashable {
    /// The `Pattern` strings as given (the API echoes them back unchanged).
    public let patterns: [String]

    /// Parses and checks `patterns` (one per filter); refusals are AWS's
    /// `InvalidParameterValueException`.
    public init(patterns: [String]) throws(LambdaServiceError) {
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
    public func matchesSQS(_ record: [String: Any]) -> Bool {
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

    /// Whether `event` (a JSON object) matches `pattern`.
    public static func matches(_ pattern: [String: Any], _ event: [String: Any]) -> Bool {
        pattern.allSatisfy { key, condition in
            let value = event[key]
            if let nested = condition as? [String: Any] {
                guard let object = value as? [String: Any] else {
                    // A nested pattern over a missing key can still match through exists:false.
                    return value == nil && matches(nested, [:])
                }
                return matches(nested, object)
            }
            guard let conditions = condition as? [Any] else { return false }
            return conditions.contains { matchesCondition($0, value) }
        }
    }

    // MARK: - Conditions

    static func matchesCondition(_ condition: Any, _ value: Any?) -> Bool {
        if let operators = condition as? [String: Any], let (name, argument) = operators.first {
            if name == "exists", let wanted = argument as? Bool { return (value != nil) == wanted }
            guard let value else { return false }
            if let list = value as? [Any] { return list.contains { matchesOperator(name, argument, $0) } }
            return matchesOperator(name, argument, value)
        }
        guard let value else { return false }
        if let list = value as? [Any] { return list.contains { equal(condition, $0) } }
        return equal(condition, value)
    }

    static func matchesOperator(_ name: String, _ argument: Any, _ value: Any) -> Bool {
        switch name {
        case "prefix":
            if let text = value as? String, let prefix = argument as? String { return text.hasPrefix(prefix) }
            return false
        case "suffix":
            if let text = value as? String, let suffix = argument as? String { return text.hasSuffix(suffix) }
            return false
        case "equals-ignore-case":
            if let text = value as? String, let other = argument as? String { return text.lowercased() == other.lowercased() }
            return false
        case "anything-but":
            if let inner = argument as? [String: Any], let (innerName, innerArgument) = inner.first {
                return !matchesOperator(innerName, innerArgument, value)
            }
            let excluded = argument as? [Any] ?? [argument]
            return !excluded.contains { equal($0, value) }
        case "numeric":
            guard let number = numberValue(value), let terms = argument as? [Any] else { return false }
            return stride(from: 0, to: terms.count - 1, by: 2).allSatisfy { index in
                guard let op = terms[index] as? String, let bound = numberValue(terms[index + 1]) else { return false }
                switch op {
                case "=": return number == bound
                case "<": return number < bound
                case "<=": return number <= bound
                case ">": return number > bound
                case ">=": return number >= bound
                default: return false
                }
            }
        default:
            return false
        }
    }

    /// JSON equality: numbers by value (`5` equals `5.0`), booleans apart from numbers, `null`.
    static func equal(_ condition: Any, _ value: Any) -> Bool {
        if condition is NSNull { return value is NSNull }
        if isBoolean(condition) || isBoolean(value) {
            guard isBoolean(condition), isBoolean(value) else { return false }
            return (condition as? Bool) == (value as? Bool)
        }
        if let text = condition as? String { return (value as? String) == text }
        if let left = numberValue(condition), let right = numberValue(value) { return left == right }
        return false
    }

    static func numberValue(_ value: Any) -> Double? {
        guard !isBoolean(value), !(value is String), let number = value as? NSNumber else { return nil }
        return number.doubleValue
    }

    static func isBoolean(_ value: Any) -> Bool {
        // Foundation hands JSON numbers and booleans over as NSNumber; a boolean's type is "c".
        guard let number = value as? NSNumber else { return value is Bool }
        return String(cString: number.objCType) == "c"
    }

    // MARK: - Checking patterns

    static func parse(_ pattern: String) throws(LambdaServiceError) -> [String: Any] {
        guard let data = pattern.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any] else {
            throw LambdaServiceError(.invalidParameterValue, "Invalid filter pattern definition: \(pattern) is not a JSON object")
        }
        return object
    }

    private static let operators: Set<String> = ["prefix", "suffix", "equals-ignore-case", "anything-but", "numeric", "exists"]

    static func validate(_ pattern: [String: Any], path: String) throws(LambdaServiceError) {
        for (key, condition) in pattern {
            let here = path.isEmpty ? key : "\(path).\(key)"
            if let nested = condition as? [String: Any] {
                try validate(nested, path: here)
                continue
            }
            guard let conditions = condition as? [Any], !conditions.isEmpty else {
                throw LambdaServiceError(.invalidParameterValue, "Invalid filter pattern definition: the value of \(here) must be a non-empty list of conditions or an object")
            }
            for item in conditions {
                guard let operators = item as? [String: Any] else { continue }
                guard operators.count == 1, let (name, argument) = operators.first, Self.operators.contains(name) else {
                    throw LambdaServiceError(.invalidParameterValue, "Invalid filter pattern definition: unsupported condition \(operators.keys.sorted()) at \(here) (lambda-tutor serves \(Self.operators.sorted().joined(separator: ", ")))")
                }
                switch name {
                case "exists" where !isBoolean(argument),
                     "prefix" where !(argument is String), "suffix" where !(argument is String),
                     "equals-ignore-case" where !(argument is String):
                    throw LambdaServiceError(.invalidParameterValue, "Invalid filter pattern definition: \(name) at \(here) takes a \(name == "exists" ? "boolean" : "string")")
                case "numeric":
                    guard let terms = argument as? [Any], terms.count == 2 || terms.count == 4,
                          stride(from: 0, to: terms.count, by: 2).allSatisfy({ ["=", "<", "<=", ">", ">="].contains(terms[$0] as? String ?? "") && numberValue(terms[$0 + 1]) != nil }) else {
                        throw LambdaServiceError(.invalidParameterValue, "Invalid filter pattern definition: numeric at \(here) takes [op, number] or [op, number, op, number] with =, <, <=, >, >=")
                    }
                default:
                    break
                }
            }
        }
    }
}
