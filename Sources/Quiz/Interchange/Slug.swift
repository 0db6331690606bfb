/// Ids for imported questions: lowercase words joined by `-`.
enum Slug {
    static func make(_ text: String, maxWords: Int = 8) -> String {
        let words = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) || !$0.isASCII })
        return words.prefix(maxWords).joined(separator: "-")
    }

    /// An id for a question that has no name (an unnamed GIFT question, every Aiken question),
    /// derived from its own text and nothing else: `gift-how-long-may-a-f3a9c1`. Fixing or
    /// inserting another question never changes it, so past attempts keep pointing at the
    /// right question; only editing this question's text does.
    static func derived(prefix: String, text: String) -> String {
        let normalized = text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let hash = String(SeededRandom.stableHash(normalized) & 0xFFFFFF, radix: 16)
        let words = make(normalized, maxWords: 5)
        return [prefix, words, String(repeating: "0", count: 6 - hash.count) + hash].filter { !$0.isEmpty }.joined(separator: "-")
    }

    /// `base`, or `base-2`, `base-3`… if taken.
    static func unique(_ base: String, in used: inout Set<String>) -> String {
        var candidate = base
        var n = 1
        while used.contains(candidate) {
            n += 1
            candidate = "\(base)-\(n)"
        }
        used.insert(candidate)
        return candidate
    }
}
