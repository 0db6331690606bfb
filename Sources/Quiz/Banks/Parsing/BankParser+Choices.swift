import ContentYAML

/// `type: single` and `type: multiple`: a list of choices, the right ones `correct: true`.
extension BankParser {
    static let choiceKeys = ["choices", "shuffle"]

    static func readChoices(_ fields: QuestionFields, span: inout SourceSpan, _ reader: inout YAMLReader) -> [Choice]? {
        guard let list = fields.require("choices", "a list of options, the right one(s) marked `correct: true`", &reader),
              let choices = readChoiceList(list, span: &span, &reader) else { return nil }
        let node = fields.key("choices", else: list)
        let right = choices.filter(\.correct).count
        if choices.count < 2 { reader.error(node, "give at least 2 choices") }
        if choices.count > 26 { reader.error(node, "at most 26 choices (A–Z)") }
        if fields.type == .single, right != 1 {
            reader.error(node, "a single-choice question needs exactly one choice with `correct: true` (found \(right)); use `type: multiple` for more")
        }
        if fields.type == .multiple, right < 2 {
            reader.error(node, "a multiple-response question needs at least two choices with `correct: true` (found \(right)); use `type: single` for one")
        }
        if fields.type == .multiple, right == choices.count {
            reader.error(node, "every choice is marked correct; add wrong choices")
        }
        return choices
    }

    /// Each choice is its text, or `{text:, correct:, feedback:}`.
    private static func readChoiceList(_ node: YAMLNode, span: inout SourceSpan, _ reader: inout YAMLReader) -> [Choice]? {
        guard case .list(let sequence) = node else {
            reader.error(node, "choices must be a list")
            return nil
        }
        var choices: [Choice] = []
        for (index, item) in sequence.enumerated() {
            span.fields["choices[\(index)]"] = reader.location(item)
            switch item {
            case .scalar:
                if let text = reader.text(item, "a choice") { choices.append(Choice(text)) }
            default:
                guard let entries = reader.entries(item, "a choice", allowed: ["text", "correct", "feedback", "weight"]) else { continue }
                var choice = Choice("")
                var hasText = false
                for entry in entries {
                    switch entry.key {
                    case "text":
                        if let text = reader.text(entry.value, "text") { choice.text = text; hasText = true }
                    case "correct": choice.correct = reader.bool(entry.value, "correct") ?? false
                    case "feedback": choice.feedback = reader.text(entry.value, "feedback")
                    case "weight":
                        if let text = reader.text(entry.value, "weight"), let value = Double(text), (-100...100).contains(value) {
                            choice.weight = value
                        } else {
                            reader.error(entry.value, "weight is Moodle's partial credit in percent, from -100 to 100 (e.g. `weight: 50`)")
                        }
                    default: break
                    }
                }
                if !hasText, !entries.contains(where: { $0.key == "text" }) { reader.error(item, "the choice has no `text:`") }
                if hasText { choices.append(choice) }
            }
        }
        return choices
    }
}
