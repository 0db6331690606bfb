import ContentYAML

/// `type: ordering`: the items in their correct order (shown shuffled).
extension BankParser {
    static let orderingKeys = ["items"]

    static func readOrdering(_ fields: QuestionFields, _ reader: inout YAMLReader) -> [String]? {
        guard let list = fields.require("items", "the items in their correct order", &reader),
              let items = reader.texts(list, "items") else { return nil }
        let node = fields.key("items", else: list)
        if items.count < 2 { reader.error(node, "give at least 2 items to order") }
        if items.count > 26 { reader.error(node, "at most 26 items (A–Z)") }
        if Set(items).count != items.count { reader.error(node, "the items must all differ") }
        return items
    }
}
