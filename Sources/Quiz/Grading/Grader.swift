import LambdaModel

/// Grades answers. All-or-nothing for every type, as AWS scores multiple response, ordering and
/// matching; the feedback still says which parts were right.
package enum Grader {
    package static func grade(_ answer: Answer, for question: PresentedQuestion) -> Grade {
        var grade = Grade(correct: false, answer: answer, keyText: keyText(for: question), options: [], items: [],
                          remarks: [], explanation: question.explanation)
        // Each key takes its own answer shape; an answer of another shape (it cannot come from
        // AnswerParser) is wrong, with the key shown. No `default:`, so a new kind of key does not
        // compile until it is graded here.
        switch question.key {
        case .choices(let keys):
            guard case .choices(let chosen) = answer else { break }
            grade.correct = Set(keys) == Set(chosen)
            grade.options = optionFeedback(question, chosen: Set(chosen), keys: Set(keys))
            if question.options.contains(where: { $0.weight != nil }) {
                let sum = chosen.filter(question.options.indices.contains).reduce(0.0) { $0 + (question.options[$1].weight ?? 0) }
                let credit = min(1, max(0, sum / 100))
                grade.credit = credit
                if !grade.correct, credit > 0 {
                    grade.remarks.append("Partial credit: Moodle would give this answer \(Tolerance.trim((credit * 1000).rounded() / 10)) %; here a question scores only when fully right.")
                }
            }
            if question.type == .multiple, !grade.correct {
                let right = Set(chosen).intersection(keys).count
                grade.remarks.append("\(right) of your \(chosen.count) choices \(right == 1 ? "is" : "are") right; all \(keys.count) must be right to score.")
            }
        case .trueFalse(let key):
            guard case .trueFalse(let given) = answer else { break }
            grade.correct = key == given
            grade.options = optionFeedback(question, chosen: [given ? 0 : 1], keys: [key ? 0 : 1])
        case .numeric(let value, let tolerance):
            guard case .number(let given) = answer else { break }
            let key = NumericKey(value: value, tolerance: tolerance, unit: question.unit)
            grade.correct = key.accepts(given)
            if !grade.correct, let mistake = question.mistakes.first(where: { abs($0.value - given) <= max(0.005, abs($0.value) * 1e-9) }) {
                grade.remarks.append(mistake.feedback)
            }
        case .order(let key):
            guard case .order(let given) = answer else { break }
            grade.correct = key == given
            grade.items = items(question, key: key, given: given) { position in "\(position + 1)." }
            if !grade.correct {
                grade.remarks.append("\(grade.items.filter(\.right).count) of \(key.count) in the right place; the whole order must be right to score.")
            }
        case .matches(let key):
            guard case .matches(let given) = answer else { break }
            // By the text the learner read, not the letter: an exam saved before answers were
            // deduplicated may still show one answer twice, and either letter is right.
            let same = { (a: Int, b: Int) in a == b || optionText(question, a, labelled: false) == optionText(question, b, labelled: false) }
            grade.correct = key.count == given.count && zip(key, given).allSatisfy(same)
            grade.items = items(question, key: key, given: given, same: same) { index in "\(index + 1). \(question.prompts[index])" }
            if !grade.correct {
                grade.remarks.append("\(grade.items.filter(\.right).count) of \(key.count) matched; every pair must be right to score.")
            }
        case .text(let accepted):
            guard case .text(let given) = answer else { break }
            grade.correct = ShortText.matches(given, accepted: accepted)
        }
        return grade
    }

    /// Parses and grades in one step (the lesson engine's `check` blocks use this).
    package static func grade(_ input: String, for question: PresentedQuestion) -> Result<Grade, AnswerFormError> {
        AnswerParser.parse(input, for: question).map { grade($0, for: question) }
    }

    /// The key as a learner reads it, used for feedback, `show` and review.
    package static func keyText(for question: PresentedQuestion) -> String {
        switch question.key {
        case .choices(let keys):
            return keys.map { "\(PresentedQuestion.label($0)) (\(question.options[$0].text))" }.joined(separator: ", ")
        case .trueFalse(let value):
            return value ? "True" : "False"
        case .numeric(let value, let tolerance):
            let number = NumericKey.display(value, unit: question.unit)
            if case .absolute(let amount) = tolerance, amount == 0 { return number }
            return "\(number) (± \(tolerance))"
        case .order(let key):
            return key.map(PresentedQuestion.label).joined(separator: " ")
                + " — " + key.map { question.options[$0].text }.joined(separator: " → ")
        case .matches(let key):
            return key.enumerated().map { "\($0 + 1)\(PresentedQuestion.label($1))" }.joined(separator: " ")
                + " — " + key.enumerated().map { "\(question.prompts[$0]) → \(question.options[$1].text)" }.joined(separator: "; ")
        case .text(let accepted):
            return accepted.first ?? ""
        }
    }

    /// Place-by-place feedback for ordering (positions) and matching (prompts).
    private static func items(_ question: PresentedQuestion, key: [Int], given: [Int], same: (Int, Int) -> Bool = { $0 == $1 },
                              label: (Int) -> String) -> [Grade.ItemFeedback] {
        key.enumerated().map { index, expected in
            let got = index < given.count ? given[index] : -1
            return Grade.ItemFeedback(item: label(index), expected: optionText(question, expected),
                                      given: got >= 0 ? optionText(question, got) : "—", right: got >= 0 && same(got, expected))
        }
    }

    private static func optionText(_ question: PresentedQuestion, _ index: Int, labelled: Bool = true) -> String {
        guard question.options.indices.contains(index) else { return "—" }
        return labelled ? "\(question.options[index].label) \(question.options[index].text)" : question.options[index].text
    }

    private static func optionFeedback(_ question: PresentedQuestion, chosen: Set<Int>, keys: Set<Int>) -> [Grade.OptionFeedback] {
        question.options.enumerated().map { index, option in
            Grade.OptionFeedback(label: option.label, text: option.text, chosen: chosen.contains(index),
                                 isKey: keys.contains(index), feedback: option.feedback)
        }
    }
}
