import Foundation
import TutorSupport

/// Typed reads. Each returns nil after recording an error at the node, worded with `what`
/// (the field's name or a phrase such as "each entry of topics"), so every format says
/// "stem must be text, not a list" the same way.
extension YAMLReader {
    /// A scalar as text. YAML's null (nothing, `~`, `null`) is "empty"; other kinds are errors.
    package mutating func string(_ node: YAMLNode, _ what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error(node, "\(what) must be text, not a \(node.kind)")
            return nil
        }
        if scalar.isNull, !scalar.string.isEmpty {
            error(node, "\(what) is empty (YAML reads `\(scalar.string)` as nothing; quote it to mean the word)")
            return nil
        }
        return scalar.string
    }

    /// Non-empty text, trimmed (block scalars end with a newline).
    package mutating func text(_ node: YAMLNode, _ what: String) -> String? {
        guard let value = string(node, what) else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            error(node, "\(what) is empty")
            return nil
        }
        return trimmed
    }

    /// One string or a list of strings; nothing at all is an empty list.
    package mutating func strings(_ node: YAMLNode, _ what: String) -> [String]? {
        switch node {
        case .scalar(let scalar):
            return scalar.string.isEmpty || scalar.isNull ? [] : [scalar.string]
        case .list(let list):
            var out: [String] = []
            for item in list {
                guard let value = string(item, "each entry of \(what)") else { return nil }
                out.append(value)
            }
            return out
        case .mapping, .alias:
            error(node, "\(what) must be text or a list of text")
            return nil
        }
    }

    /// A list of non-empty texts (`[a, b]` or `- a` lines); nothing at all is an empty list. A
    /// bad item is reported and left out.
    package mutating func texts(_ node: YAMLNode, _ what: String) -> [String]? {
        if case .scalar(let scalar) = node, scalar.isNull { return [] }
        guard case .list(let list) = node else {
            error(node, "\(what) must be a list (`[a, b]` or one `- item` per line), not a \(node.kind)")
            return nil
        }
        var out: [String] = []
        for item in list {
            if let text = text(item, "each of \(what)") { out.append(text) }
        }
        return out
    }

    package mutating func number(_ node: YAMLNode, _ what: String) -> Double? {
        guard case .scalar(let scalar) = node else {
            error(node, "\(what) must be a number, not a \(node.kind)")
            return nil
        }
        if let value = Self.parseNumber(scalar.string) { return value }
        error(node, "\(what) must be a number, not '\(scalar.string)'")
        return nil
    }

    /// A whole number within `range` (`128`, `1_000`, `1e3`), with its unit in the message
    /// when it has one: "timeout must be a whole number from 1 to 900 s".
    package mutating func integer(_ node: YAMLNode, _ what: String, in range: ClosedRange<Int>, unit: String? = nil) -> Int? {
        if case .scalar(let scalar) = node, let value = Self.parseNumber(scalar.string), value.rounded() == value,
           value >= Double(range.lowerBound), value <= Double(range.upperBound) {
            return Int(value)
        }
        let suffix = unit.map { " \($0)" } ?? ""
        error(node, "\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound)\(suffix)")
        return nil
    }

    package mutating func bool(_ node: YAMLNode, _ what: String) -> Bool? {
        if let value = Self.boolValue(node) { return value }
        error(node, "\(what) must be true or false")
        return nil
    }

    /// A scalar YAML reads as a boolean (`true`, `no`, `off`…), or nil for anything else.
    package static func boolValue(_ node: YAMLNode) -> Bool? {
        guard case .scalar(let scalar) = node else { return nil }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// A mapping's entries with their key nodes, warning on keys that are not `allowed` (with a
    /// "did you mean"). ``compose(_:)`` already refuses a key written twice; keys that YAML
    /// tells apart by type but that read as the same text (`1:` and `"1":`) are caught here.
    package mutating func entries(_ node: YAMLNode, _ what: String, allowed: [String]?,
                                  ignored: Set<String> = []) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)]? {
        guard case .mapping(let mapping) = node else {
            error(node, "\(what) must be a mapping of `key: value` lines, not a \(node.kind)")
            return nil
        }
        var seen: Set<String> = []
        var out: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                error(keyNode, "keys in \(what) must be plain words")
                continue
            }
            let key = keyScalar.string
            if !seen.insert(key).inserted {
                error(keyNode, "'\(key)' appears twice in \(what)")
                continue
            }
            if let allowed, !allowed.contains(key), !ignored.contains(key) {
                let hint = Suggestions.didYouMean(key, in: allowed).map { "; \($0)" } ?? ""
                warning(keyNode, "unknown key '\(key)' in \(what) is ignored\(hint)")
                continue
            }
            out.append((key, keyNode, value))
        }
        return out
    }

    /// Numbers as trainers write them: `60`, `0.2`, `1_000`, `1e6`. Not `1,000` (YAML would read
    /// that as text; we refuse it rather than guess).
    package static func parseNumber(_ text: String) -> Double? {
        let cleaned = text.replacingOccurrences(of: "_", with: "").trimmingCharacters(in: .whitespaces)
        guard !cleaned.isEmpty, let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }
}
