/// Ids for imported questions: lowercase words joined by `-`.
enum Slug {
    static func make(_ text: String, maxWords: Int = 8) -> String {
        let words = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) || !$0.isASCII })
        return words.prefix(maxWords).joined(separator: "-")
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
