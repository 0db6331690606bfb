import Foundation
/// "Did you mean …?" for unknown names: commands, lesson ids, functions, sample events.
package enum Suggestions {
    /// The candidates closest to `input`, best first. A candidate qualifies if its edit distance
    /// is small relative to its length, or if one is a prefix of the other.
    package static func closest(to input: String, in candidates: some Sequence<String>, limit: Int = 3) -> [String] {
        let needle = input.lowercased()
        guard !needle.isEmpty else { return [] }
        var scored: [(String, Int)] = []
        for candidate in candidates {
            let lower = candidate.lowercased()
            if lower == needle { return [candidate] }
            let distance = editDistance(needle, lower)
            let threshold = max(1, min(3, lower.count / 3))
            if distance <= threshold {
                scored.append((candidate, distance))
            } else if lower.hasPrefix(needle) || (needle.count >= 3 && lower.contains(needle)) {
                scored.append((candidate, threshold + 1))
            }
        }
        return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(limit).map(\.0)
    }

    /// A finished sentence, or nil when nothing is close.
    package static func didYouMean(_ input: String, in candidates: some Sequence<String>) -> String? {
        let matches = closest(to: input, in: candidates)
        switch matches.count {
        case 0: return nil
        case 1: return "did you mean '\(matches[0])'?"
        default: return "did you mean " + matches.dropLast().map { "'\($0)'" }.joined(separator: ", ") + " or '\(matches.last!)'?"
        }
    }

    /// "Did you mean …?" for dotted keys such as fact keys (`timeout.maximum` →
    /// `timeout.max`): spelled-out words are shortened the way the keys are, and when nothing is
    /// close, the keys of the same group (`timeout.…`) are offered, since that is usually what
    /// the author was reaching for.
    package static func didYouMeanKey(_ input: String, in candidates: [String]) -> String? {
        let shortened = input.lowercased()
            .replacingOccurrences(of: "maximum", with: "max").replacingOccurrences(of: "minimum", with: "min")
            .replacingOccurrences(of: "-", with: "_")
        if candidates.contains(shortened) { return "did you mean '\(shortened)'?" }
        if let hint = didYouMean(input, in: candidates) ?? didYouMean(shortened, in: candidates) { return hint }
        guard let group = shortened.split(separator: ".").first.map({ String($0) + "." }) else { return nil }
        let siblings = candidates.filter { $0.hasPrefix(group) }.sorted()
        guard !siblings.isEmpty else { return nil }
        let shown = siblings.prefix(6).map { "'\($0)'" }.joined(separator: ", ")
        return "keys starting '\(group)' are \(shown)\(siblings.count > 6 ? ", …" : "")"
    }

    /// Damerau–Levenshtein (optimal string alignment) distance over Characters.
    package static func editDistance(_ a: String, _ b: String) -> Int {
        let s = Array(a), t = Array(b)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var previous2 = [Int](repeating: 0, count: t.count + 1)
        var previous = Array(0...t.count)
        var current = [Int](repeating: 0, count: t.count + 1)
        for i in 1...s.count {
            current[0] = i
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
            }
            previous2 = previous
            previous = current
        }
        return previous[t.count]
    }
}
