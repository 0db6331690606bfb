import Foundation

/// AWS's event filtering patterns (the EventBridge-style syntax) as one matcher for every
/// place the tutor filters: an event source mapping's `FilterCriteria` (LambdaService's
/// `EventFilter`) and an SNS subscription's `FilterPolicy` (LocalServices'
/// `SubscriptionFilter`). Each caller shapes the event (an SQS record, a Kinesis record, a
/// message's attributes or body) and words the refusals its API uses.
///
/// Within a pattern every key must match (AND); a key's list of conditions matches when one of
/// them does (OR); a nested object matches a nested object. Conditions, as the Lambda and SNS
/// guides list them: exact values (strings, numbers, booleans, `null`, `""`), `prefix`,
/// `suffix`, `equals-ignore-case`, `anything-but` (a value, a list, or `{"prefix": …}` /
/// `{"suffix": …}`), `numeric` (`=`, `<`, `<=`, `>`, `>=`, up to two joined as a range) and
/// `exists`. An event value that is a list matches when any element does.
package enum EventPattern {
    /// Why a pattern was refused, in words the caller puts after its API's prefix.
    package struct Invalid: Error, Sendable, Hashable {
        package var message: String
        package init(_ message: String) { self.message = message }
    }

    /// The condition operators served.
    package static let operators: Set<String> = ["prefix", "suffix", "equals-ignore-case", "anything-but", "numeric", "exists"]

    /// A pattern's JSON text as an object.
    package static func parse(_ pattern: String) throws(Invalid) -> [String: Any] {
        guard let data = pattern.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any] else {
            throw Invalid("\(pattern) is not a JSON object")
        }
        return object
    }

    /// Whether `event` (a JSON object) matches `pattern`.
    package static func matches(_ pattern: [String: Any], _ event: [String: Any]) -> Bool {
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

    package static func numberValue(_ value: Any) -> Double? {
        guard !isBoolean(value), !(value is String), let number = value as? NSNumber else { return nil }
        return number.doubleValue
    }

    package static func isBoolean(_ value: Any) -> Bool {
        // Foundation hands JSON numbers and booleans over as NSNumber; a boolean's type is "c".
        guard let number = value as? NSNumber else { return value is Bool }
        return String(cString: number.objCType) == "c"
    }

    // MARK: - Checking patterns

    /// Checks every condition's shape; `nested: false` refuses nested objects (SNS's
    /// attribute-scoped policies are flat).
    package static func validate(_ pattern: [String: Any], path: String = "", nested allowNested: Bool = true) throws(Invalid) {
        for (key, condition) in pattern {
            let here = path.isEmpty ? key : "\(path).\(key)"
            if let nested = condition as? [String: Any] {
                guard allowNested else { throw Invalid("the value of \(here) must be a list of conditions (nested objects are for message bodies)") }
                try validate(nested, path: here)
                continue
            }
            guard let conditions = condition as? [Any], !conditions.isEmpty else {
                throw Invalid("the value of \(here) must be a non-empty list of conditions or an object")
            }
            for item in conditions {
                guard let operators = item as? [String: Any] else { continue }
                guard operators.count == 1, let (name, argument) = operators.first, Self.operators.contains(name) else {
                    throw Invalid("unsupported condition \(operators.keys.sorted()) at \(here) (lambda-tutor serves \(Self.operators.sorted().joined(separator: ", ")))")
                }
                switch name {
                case "exists" where !isBoolean(argument),
                     "prefix" where !(argument is String), "suffix" where !(argument is String),
                     "equals-ignore-case" where !(argument is String):
                    throw Invalid("\(name) at \(here) takes a \(name == "exists" ? "boolean" : "string")")
                case "numeric":
                    guard let terms = argument as? [Any], terms.count == 2 || terms.count == 4,
                          stride(from: 0, to: terms.count, by: 2).allSatisfy({ ["=", "<", "<=", ">", ">="].contains(terms[$0] as? String ?? "") && numberValue(terms[$0 + 1]) != nil }) else {
                        throw Invalid("numeric at \(here) takes [op, number] or [op, number, op, number] with =, <, <=, >, >=")
                    }
                default:
                    break
                }
            }
        }
    }

    /// The leaf keys of a pattern (each key whose value is a list of conditions) and the
    /// number of value combinations (the product of the lists' lengths), which SNS limits.
    package static func complexity(_ pattern: [String: Any]) -> (keys: Int, combinations: Int) {
        var keys = 0, combinations = 1
        for (_, condition) in pattern {
            if let nested = condition as? [String: Any] {
                let inner = complexity(nested)
                keys += inner.keys
                combinations *= inner.combinations
            } else if let list = condition as? [Any] {
                keys += 1
                combinations *= max(1, list.count)
            }
        }
        return (keys, combinations)
    }
}
