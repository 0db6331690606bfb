import Foundation

/// How short-text answers are compared: case, repeated spaces, surrounding quotes or
/// backticks and a final full stop are forgiven.
package enum ShortText {
    /// Case, runs of spaces, surrounding quotes or backticks (also around each word: option
    /// texts are Markdown), a final full stop and a trailing `()` (a method named with or without
    /// its call) do not matter.
    package static func normalize(_ text: String) -> String {
        var value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let wrappers: Set<Character> = ["`", "\"", "'", "“", "”", "‘", "’"]
        var changed = true
        while changed {
            changed = false
            if value.hasSuffix(".") {
                value.removeLast()
                changed = true
            }
            if value.hasSuffix("()") {
                value.removeLast(2)
                changed = true
            }
            if let first = value.first, let last = value.last, value.count >= 2, wrappers.contains(first), wrappers.contains(last) {
                value = String(value.dropFirst().dropLast())
                changed = true
            }
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if trimmed != value {
                value = trimmed
                changed = true
            }
        }
        // Backticks inside (Markdown code spans) are typography, not part of the answer.
        value.removeAll { $0 == "`" }
        return value.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    package static func matches(_ answer: String, accepted: [String]) -> Bool {
        let normalized = normalize(answer)
        return accepted.contains { normalize($0) == normalized }
    }
}
