import ContentYAML

/// `type: true-false`: `answer: true|false`, with feedback for each answer.
extension BankParser {
    static let trueFalseKeys = ["answer", "true_feedback", "false_feedback"]

    static func readTrueFalse(_ fields: QuestionFields, _ reader: inout YAMLReader) -> TrueFalse? {
        guard let node = fields.require("answer", "true or false", &reader), let answer = reader.bool(node, "answer") else { return nil }
        return TrueFalse(answer: answer,
                         trueFeedback: fields["true_feedback"].flatMap { reader.text($0, "true_feedback") },
                         falseFeedback: fields["false_feedback"].flatMap { reader.text($0, "false_feedback") })
    }
}
