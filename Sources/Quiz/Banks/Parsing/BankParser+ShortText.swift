import ContentYAML
import Foundation

/// `type: short-text`: the accepted answers.
extension BankParser {
    static let shortTextKeys = ["accept"]

    static func readShortText(_ fields: QuestionFields, _ reader: inout YAMLReader) -> [String]? {
        guard let node = fields.require("accept", "the accepted answers", &reader),
              let accepted = reader.strings(node, "accept") else { return nil }
        let cleaned = accepted.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if cleaned.isEmpty { reader.error(node, "give at least one accepted answer") }
        return cleaned
    }
}
