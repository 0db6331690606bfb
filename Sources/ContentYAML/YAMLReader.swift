import Foundation
import TutorSupport
import Yams

/// Reads a composed YAML tree with positions, collecting diagnostics instead of throwing, so
/// one bad field costs one question (or one test case) and never the file.
///
/// The one YAML reader of the content formats (question banks, exercises; lessons next), so
/// every `path:line:col` message is worded the same way.
///
/// Positions come from Yams node marks (1-based line and column). `lineOffset` places a
/// snippet inside a bigger file: a lesson's `check` block starting on line 40 passes 39.
package struct YAMLReader {
    package let file: String
    package let lineOffset: Int
    package let columnOffset: Int
    package var diagnostics: [Diagnostic] = []

    package init(file: String, lineOffset: Int = 0, columnOffset: Int = 0) {
        self.file = file
        self.lineOffset = lineOffset
        self.columnOffset = columnOffset
    }

    /// Where `node` starts in the file (1-based), or the snippet's first line when unknown.
    package func location(_ node: Node?) -> YAMLLocation {
        guard let mark = node?.mark else { return YAMLLocation(line: lineOffset > 0 ? lineOffset + 1 : 1, column: 1) }
        return YAMLLocation(line: mark.line + lineOffset, column: mark.column + columnOffset)
    }

    package mutating func error(_ node: Node?, _ message: String) {
        let at = location(node)
        diagnostics.append(.error(file, line: at.line, column: at.column, message))
    }

    package mutating func warning(_ node: Node?, _ message: String) {
        let at = location(node)
        diagnostics.append(.warning(file, line: at.line, column: at.column, message))
    }

    /// Turns a Yams parse failure into a positioned diagnostic.
    package mutating func syntaxError(_ error: Error) {
        let (problem, mark): (String, Mark?) = switch error {
        case YamlError.scanner(let context, let problem, let mark, _): (Self.describe(context, problem), mark)
        case YamlError.parser(let context, let problem, let mark, _): (Self.describe(context, problem), mark)
        case YamlError.composer(let context, let problem, let mark, _): (Self.describe(context, problem), mark)
        case YamlError.reader(let problem, _, _, _): (problem, nil)
        default: ("\(error)", nil)
        }
        let line = (mark?.line ?? 1) + lineOffset
        let column = (mark?.column ?? 1) + columnOffset
        diagnostics.append(.error(file, line: line, column: column, "YAML syntax: \(problem)"))
    }

    private static func describe(_ context: YamlError.Context?, _ problem: String) -> String {
        guard let context else { return problem }
        return "\(problem) \(context.text)".trimmingCharacters(in: .whitespaces)
    }

    // MARK: - Typed reads

    /// A scalar as text; other node kinds are an error.
    package mutating func string(_ node: Node, _ what: String) -> String? {
        if case .scalar(let scalar) = node { return scalar.string }
        error(node, "\(what) must be text, not a \(Self.kind(node))")
        return nil
    }

    /// Non-empty text (trimmed of surrounding blank lines from block scalars).
    package mutating func text(_ node: Node, _ what: String) -> String? {
        guard let value = string(node, what) else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            error(node, "\(what) is empty")
            return nil
        }
        return trimmed
    }

    /// One string or a list of strings.
    package mutating func strings(_ node: Node, _ what: String) -> [String]? {
        switch node {
        case .scalar(let scalar):
            return scalar.string.isEmpty ? [] : [scalar.string]
        case .sequence(let sequence):
            var out: [String] = []
            for item in sequence {
                guard let value = string(item, "each entry of \(what)") else { return nil }
                out.append(value)
            }
            return out
        default:
            error(node, "\(what) must be text or a list of text")
            return nil
        }
    }

    package mutating func number(_ node: Node, _ what: String) -> Double? {
        guard case .scalar(let scalar) = node else {
            error(node, "\(what) must be a number, not a \(Self.kind(node))")
            return nil
        }
        if let value = Self.parseNumber(scalar.string) { return value }
        error(node, "\(what) must be a number, not '\(scalar.string)'")
        return nil
    }

    package mutating func bool(_ node: Node, _ what: String) -> Bool? {
        if let value = Self.boolValue(node) { return value }
        error(node, "\(what) must be true or false")
        return nil
    }

    /// A scalar YAML reads as a boolean (`true`, `no`, `off`…), or nil for anything else.
    package static func boolValue(_ node: Node) -> Bool? {
        guard case .scalar(let scalar) = node else { return nil }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// A mapping's entries with their key nodes, warning on keys that are not `allowed` (with a
    /// "did you mean") and reporting duplicated keys, which YAML would otherwise drop silently.
    package mutating func entries(_ node: Node, _ what: String, allowed: [String]?, ignored: Set<String> = []) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            error(node, "\(what) must be a mapping of `key: value` lines, not a \(Self.kind(node))")
            return nil
        }
        var seen: Set<String> = []
        var out: [(key: String, keyNode: Node, value: Node)] = []
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

    package static func kind(_ node: Node) -> String {
        switch node {
        case .scalar: "single value"
        case .mapping: "mapping"
        case .sequence: "list"
        case .alias: "alias"
        }
    }

    /// Numbers as trainers write them: `60`, `0.2`, `1_000`, `1e6`. Not `1,000` (YAML would read
    /// that as text; we refuse it rather than guess).
    package static func parseNumber(_ text: String) -> Double? {
        let cleaned = text.replacingOccurrences(of: "_", with: "").trimmingCharacters(in: .whitespaces)
        guard !cleaned.isEmpty, let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }
}

/// A 1-based line and column in a content file.
package struct YAMLLocation: Sendable, Hashable {
    package var line: Int
    package var column: Int

    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}
