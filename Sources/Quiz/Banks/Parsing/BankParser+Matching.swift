import ContentYAML

/// `type: matching`: `left: right` pairs, plus answers that match nothing.
extension BankParser {
    static let matchingKeys = ["pairs", "distractors"]

    static func readMatching(_ fields: QuestionFields, _ reader: inout YAMLReader) -> Matching? {
        guard let list = fields.require("pairs", "a list of `left: right` pairs", &reader) else { return nil }
        let node = fields.key("pairs", else: list)
        guard case .list(let sequence) = list else {
            reader.error(node, "pairs must be a list (`- S3: asynchronous` or `- {left: S3, right: asynchronous}`)")
            return nil
        }
        var pairs: [Matching.Pair] = []
        for item in sequence {
            guard let entries = reader.entries(item, "a pair", allowed: nil) else { continue }
            let keys = entries.map(\.key)
            if Set(keys) == ["left", "right"] {
                let left = entries.first { $0.key == "left" }.flatMap { reader.text($0.value, "left") }
                let right = entries.first { $0.key == "right" }.flatMap { reader.text($0.value, "right") }
                if let left, let right { pairs.append(Matching.Pair(left, right)) }
            } else if entries.count == 1, let right = reader.text(entries[0].value, "the right side of a pair") {
                pairs.append(Matching.Pair(entries[0].key, right))
            } else {
                reader.error(item, "write a pair as `- left text: right text` or `- {left: …, right: …}`")
            }
        }
        if pairs.count < 2 { reader.error(node, "give at least 2 pairs") }
        if Set(pairs.map(\.left)).count != pairs.count { reader.error(node, "the left sides must all differ") }
        let distractors = fields["distractors"].flatMap { reader.texts($0, "distractors") } ?? []
        if Set(pairs.map(\.right)).count + distractors.count > 26 { reader.error(node, "at most 26 answers to match (A–Z)") }
        return Matching(pairs: pairs, distractors: distractors)
    }
}
