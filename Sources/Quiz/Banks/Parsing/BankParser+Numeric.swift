import ContentYAML
import LambdaModel
import TutorSupport
import Foundation

/// `type: numeric`: a number (or `{fact: key}`), a tolerance, a unit, known mistakes.
extension BankParser {
    static let numericKeys = ["answer", "tolerance", "unit", "mistakes"]

    static func readNumeric(_ fields: QuestionFields, _ reader: inout YAMLReader) -> NumericKey? {
        guard let answerNode = fields.require("answer", "a number, or `{fact: key}` to take it from the facts table", &reader) else { return nil }
        var fact: String?
        var value: Double?
        if case .mapping = answerNode {
            if let entries = reader.entries(answerNode, "answer", allowed: ["fact"]), let entry = entries.first,
               let key = reader.text(entry.value, "fact") {
                fact = key
                if let known = Facts.named(key) {
                    value = known.value
                } else {
                    let hint = Suggestions.didYouMeanKey(key, in: Facts.keys).map { "; \($0)" } ?? ""
                    reader.error(entry.value, "unknown fact '\(key)'\(hint)")
                }
            } else {
                reader.error(answerNode, "write the answer as a number or as `{fact: key}`")
            }
        } else {
            value = reader.number(answerNode, "answer")
        }
        guard let toleranceNode = fields.require("tolerance", "how far off an answer may be; `0` for exact, `2%` for relative", &reader),
              let tolerance = readTolerance(toleranceNode, &reader) else { return nil }
        let mistakes = fields["mistakes"].flatMap { readMistakes($0, &reader) } ?? []
        guard let value else { return nil }
        return NumericKey(value: value, fact: fact, tolerance: tolerance,
                          unit: fields["unit"].flatMap { reader.text($0, "unit") }, mistakes: mistakes)
    }

    /// `0`, `0.01`, `2%` (numeric and generated questions).
    static func readTolerance(_ node: YAMLNode, _ reader: inout YAMLReader) -> Tolerance? {
        guard let raw = reader.string(node, "tolerance") else { return nil }
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("%") {
            if let percent = YAMLReader.parseNumber(String(text.dropLast())), percent >= 0 { return .relative(percent) }
        } else if let amount = YAMLReader.parseNumber(text), amount >= 0 {
            return .absolute(amount)
        }
        reader.error(node, "tolerance must be a number of at least 0 (`0`, `0.01`) or a percentage (`2%`), not '\(raw)'")
        return nil
    }

    private static func readMistakes(_ node: YAMLNode, _ reader: inout YAMLReader) -> [NumericMistake]? {
        guard case .list(let sequence) = node else {
            reader.error(node, "mistakes must be a list of `{answer: …, feedback: …}`")
            return nil
        }
        var out: [NumericMistake] = []
        for item in sequence {
            guard let entries = reader.entries(item, "a mistake", allowed: ["answer", "feedback"]) else { continue }
            let value = entries.first { $0.key == "answer" }.flatMap { reader.number($0.value, "answer") }
            let feedback = entries.first { $0.key == "feedback" }.flatMap { reader.text($0.value, "feedback") }
            if let value, let feedback {
                out.append(NumericMistake(value: value, feedback: feedback))
            } else {
                reader.error(item, "a mistake needs both `answer:` and `feedback:`")
            }
        }
        return out
    }
}
