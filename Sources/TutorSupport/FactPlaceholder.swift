import Foundation
/// `{{…}}` text in lessons and questions that is not a `{{fact KEY}}` placeholder: most often
/// a fact key written without the `fact` keyword (`{{timeout.max}}`), which the learner would
/// see as written, braces and all.
package enum FactPlaceholder {
    /// Every `{{…}}` in `text` with its 1-based column and the words inside.
    package static func placeholders(in text: String) -> [(column: Int, inner: [String])] {
        var found: [(column: Int, inner: [String])] = []
        var rest = Substring(text)
        var column = 1
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            column += rest.distance(from: rest.startIndex, to: open.lowerBound)
            let inner = rest[open.upperBound..<close.lowerBound].split(separator: " ").map(String.init)
            found.append((column, inner))
            column += rest.distance(from: open.lowerBound, to: close.upperBound)
            rest = rest[close.upperBound...]
        }
        return found
    }

    /// What is wrong with a placeholder whose words are `parts` (nil if it is a `fact`
    /// placeholder, or does not look like a placeholder at all: one word of letters, digits,
    /// dots, dashes and underscores).
    package static func problem(_ parts: [String], factKeys: [String]) -> String? {
        guard parts.count == 1, let word = parts.first, word.first?.isLetter == true,
              word.allSatisfy({ $0.isLetter || $0.isNumber || ".-_".contains($0) }) else { return nil }
        if word == "fact" { return "{{fact}} needs a key, e.g. {{fact timeout.max}}" }
        if factKeys.contains(word) {
            return "'{{\(word)}}' is shown to the learner as written; a fact is written {{fact \(word)}}"
        }
        var message = "'{{\(word)}}' is not a placeholder the tutor knows (facts are written {{fact KEY}}) and is shown to the learner as written"
        if let hint = Suggestions.didYouMeanKey(word, in: factKeys) { message += "; \(hint)" }
        return message
    }
}
