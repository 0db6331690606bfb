import LambdaModel
import Foundation

/// Fills the two kinds of placeholder question text may hold.
///
/// - `{{fact key}}` becomes the fact's display text (`{{fact timeout.max}}` → `900 s (15 min)`),
///   so a number lives once in `LambdaModel.Facts` and every question quoting it follows a change.
/// - `{name}` in generated questions becomes a drawn parameter or a computed result. Only names
///   the generator knows are replaced, so JSON such as `{"statusCode": 200}` in a stem is safe.
package enum TextTemplate {
    /// Replaces `{{fact key}}` with the fact's display text; unknown keys are left as written
    /// (the linter reports them).
    package static func renderFacts(_ text: String) -> String {
        guard text.contains("{{") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                out += rest[open.lowerBound...]
                return out
            }
            let inner = rest[open.upperBound..<close.lowerBound]
            if let key = factKey(in: inner), let fact = Facts.named(key) {
                out += fact.display
            } else {
                out += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        out += rest
        return out
    }

    /// Every fact key named in `{{fact key}}` placeholders, in order.
    package static func factKeys(in text: String) -> [String] {
        var keys: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            if let key = factKey(in: rest[open.upperBound..<close.lowerBound]) { keys.append(key) }
            rest = rest[close.upperBound...]
        }
        return keys
    }

    private static func factKey(in inner: Substring) -> String? {
        let words = inner.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count == 2, words[0] == "fact" else { return nil }
        return String(words[1])
    }

    /// Replaces `{name}` for every name in `values`; other braces are left alone.
    package static func fill(_ text: String, _ values: [String: String]) -> String {
        guard !values.isEmpty, text.contains("{") else { return text }
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let ch = text[index]
            if ch == "{", let close = text[index...].firstIndex(of: "}") {
                let name = String(text[text.index(after: index)..<close])
                if let value = values[name] {
                    out += value
                    index = text.index(after: close)
                    continue
                }
            }
            out.append(ch)
            index = text.index(after: index)
        }
        return out
    }

    /// Both steps: parameters first, then facts.
    static func render(_ text: String, _ values: [String: String]) -> String {
        renderFacts(fill(text, values))
    }
}
