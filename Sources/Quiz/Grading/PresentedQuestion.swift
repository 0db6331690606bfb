import Foundation
/// A question exactly as one learner saw it: generated numbers drawn, ordering items and
/// matching options shuffled, facts filled in, options labelled A, B, C…
///
/// Everything needed to grade and to review is inside, so a paused exam or a review screen
/// never has to go back to the bank (which may have changed meanwhile). The `seed` that made
/// it is logged with every answer.
package struct PresentedQuestion: Sendable, Hashable, Codable, Identifiable {
    package struct Option: Sendable, Hashable, Codable {
        /// `A`, `B`, `C`…
        package var label: String
        package var text: String
        /// Why choosing this option is right or wrong.
        package var feedback: String?
        /// Moodle's partial credit for it, in percent (see ``Choice/weight``); nil mostly.
        package var weight: Double?
    }

    /// The right answer in terms of ``options`` (indices) or values.
    package enum Key: Sendable, Hashable, Codable {
        /// Indices of the right options (one for single choice, two or more for multiple).
        case choices([Int])
        case trueFalse(Bool)
        case numeric(value: Double, tolerance: Tolerance)
        /// Option indices from first to last.
        case order([Int])
        /// For each prompt, the index of the option that matches it.
        case matches([Int])
        /// Accepted answers.
        case text([String])
    }

    package var id: String
    package var type: QuestionType
    package var domain: String
    package var topics: [String]
    package var difficulty: Difficulty
    package var lesson: String?
    package var seed: UInt64
    package var stem: String
    /// One sentence on what to do ("Choose TWO.", "Type a number (USD).").
    package var instruction: String
    /// Labelled options: choices, True/False, ordering items or matching answers.
    package var options: [Option]
    /// Matching only: the numbered items to match, in the order written.
    package var prompts: [String]
    package var key: Key
    package var unit: String?
    package var mistakes: [NumericMistake]
    package var hint: String?
    package var explanation: String?
    package var references: [String]
    /// For each option as shown, its index in the question as written (choices, ordering
    /// items, matching answers); nil when the options are shown as written. Lets the attempt
    /// log record answers that mean the same whatever order a seed showed
    /// (``writtenForm(of:)``). Optional so exams saved before it existed still load.
    package var sourceOrder: [Int]?

    /// How many options a multiple-response question asks for.
    package var selectCount: Int {
        if case .choices(let indices) = key { return indices.count }
        return 1
    }

    /// The answer in terms of the question as written: letters name choices, ordering items
    /// and matching answers in the order the bank lists them, whatever order they were shown
    /// in. The attempt log and `--json` reports store this form, so `A` always means the
    /// first choice the author wrote, under any seed.
    package func writtenForm(of answer: Answer) -> Answer {
        guard let order = sourceOrder else { return answer }
        let written = { (index: Int) in order.indices.contains(index) ? order[index] : index }
        switch answer {
        case .choices(let indices): return .choices(indices.map(written).sorted())
        case .order(let indices): return .order(indices.map(written))
        case .matches(let indices): return .matches(indices.map(written))
        case .trueFalse, .number, .text: return answer
        }
    }

    /// Label for option `index` (`0` → `A`).
    package static func label(_ index: Int) -> String {
        String(UnicodeScalar(UInt8(65 + index % 26)))
    }
}

extension Question {
    /// Makes the variant a learner sees. The same seed always gives the same variant; only
    /// generated questions can fail (a parameter outside Lambda's limits, say).
    package func present(seed: UInt64) throws(QuizError) -> PresentedQuestion {
        var random = SeededRandom(seed: seed)
        let render = { (text: String) in TextTemplate.renderFacts(text) }
        var presented = PresentedQuestion(
            id: id, type: type, domain: domain, topics: topics, difficulty: difficulty, lesson: lesson, seed: seed,
            stem: render(stem), instruction: "", options: [], prompts: [], key: .choices([]), unit: nil, mistakes: [],
            hint: hint.map(render), explanation: explanation.map(render), references: references)

        func options(_ texts: [(String, String?)]) -> [PresentedQuestion.Option] {
            texts.enumerated().map { index, item in
                PresentedQuestion.Option(label: PresentedQuestion.label(index), text: render(item.0), feedback: item.1.map(render))
            }
        }

        switch body {
        case .single(let choices), .multiple(let choices):
            let order = shuffle ? Self.choiceOrder(choices.map { render($0.text) }, &random) : Array(choices.indices)
            presented.options = options(order.map { (choices[$0].text, choices[$0].feedback) })
            for (shown, written) in order.enumerated() { presented.options[shown].weight = choices[written].weight }
            presented.sourceOrder = order == Array(choices.indices) ? nil : order
            let keys = order.indices.filter { choices[order[$0]].correct }
            presented.key = .choices(keys)
            presented.instruction = type == .single ? "Choose one answer." : "Choose \(Self.countWord(keys.count))."
            if type == .multiple, presented.stem.range(of: "Choose \(Self.countWord(keys.count))", options: .caseInsensitive) != nil {
                // Authors often write "Choose TWO." in the stem, as AWS does; say it once.
                presented.instruction = "Pick all \(keys.count)."
            }
        case .trueFalse(let tf):
            presented.options = options([("True", tf.trueFeedback), ("False", tf.falseFeedback)])
            presented.key = .trueFalse(tf.answer)
            presented.instruction = "True or false?"
        case .numeric(let key):
            presented.key = .numeric(value: key.value, tolerance: key.tolerance)
            presented.unit = key.unit
            presented.mistakes = key.mistakes.map { NumericMistake(value: $0.value, feedback: render($0.feedback)) }
            presented.instruction = Self.numberInstruction(unit: key.unit)
        case .ordering(let items):
            var order = random.shuffled(Array(items.indices))
            if order == Array(items.indices), order.count > 1 {
                order = Array(order.dropFirst()) + [order[0]]  // never show the answer as the question
            }
            presented.options = options(order.map { (items[$0], nil) })
            presented.sourceOrder = order
            // key: for each position in the true order, where that item was placed.
            presented.key = .order(items.indices.map { order.firstIndex(of: $0)! })
            presented.instruction = "Put these in order: type the letters from first to last (for example \(Self.exampleLetters(items.count)))."
        case .matching(let matching):
            // Answers are told apart by what the learner reads: two facts that both render
            // "6 MB" are one answer, shown once, and right for both prompts.
            var rights: [String] = []
            for text in matching.pairs.map({ render($0.right) }) + matching.distractors.map(render) where !rights.contains(text) {
                rights.append(text)
            }
            let order = random.shuffled(Array(rights.indices))
            let shuffledRights = order.map { rights[$0] }
            presented.options = shuffledRights.enumerated().map { PresentedQuestion.Option(label: PresentedQuestion.label($0), text: $1) }
            presented.sourceOrder = order
            presented.prompts = matching.pairs.map { render($0.left) }
            presented.key = .matches(matching.pairs.map { pair in shuffledRights.firstIndex(of: render(pair.right))! })
            presented.instruction = "Match each numbered item with a letter: one letter per item in order (for example \(Self.exampleLetters(matching.pairs.count, options: shuffledRights.count))) or pairs such as 1B 2A."
        case .shortText(let accepted):
            presented.key = .text(accepted)
            presented.instruction = "Type your answer."
        case .generated(let spec):
            guard let generator = QuestionGenerator.named(spec.generator) else {
                throw QuizError(.generatorUnknown, "unknown generator '\(spec.generator)'")
            }
            let result = try generator.run(spec, seed: seed)
            guard let value = result.values[spec.ask] else {
                throw QuizError(.generatorOutput, "generator '\(spec.generator)' has no result '\(spec.ask)'")
            }
            var placeholders = result.placeholders
            let unit = spec.unit ?? generator.output(spec.ask)?.unit
            // The key with its unit, as the README promises and as the feedback shows it.
            placeholders["answer"] = NumericKey.display(value, unit: unit)
            let fill = { (text: String) in TextTemplate.render(text, placeholders) }
            presented.stem = fill(stem)
            presented.hint = hint.map(fill)
            presented.explanation = explanation.map(fill)
            presented.key = .numeric(value: value, tolerance: spec.tolerance)
            presented.unit = unit
            presented.mistakes = (result.mistakes[spec.ask] ?? []).filter { !NumericKey(value: value, tolerance: spec.tolerance).accepts($0.value) }
            presented.instruction = Self.numberInstruction(unit: unit)
        }
        return presented
    }

    /// The order to show choices in: a seeded shuffle, except that "All of …" and "None of …"
    /// stay last (in their written order), where they make sense.
    static func choiceOrder(_ texts: [String], _ random: inout SeededRandom) -> [Int] {
        let pinned = texts.indices.filter { isCatchAll(texts[$0]) }
        return random.shuffled(texts.indices.filter { !pinned.contains($0) }) + pinned
    }

    /// "All of the above", "None of these": an option about the other options.
    static func isCatchAll(_ text: String) -> Bool {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter }).prefix(2)
        return words.count == 2 && ["all", "none"].contains(words.first!) && words.last == "of"
    }

    static func numberInstruction(unit: String?) -> String {
        if let unit, !unit.isEmpty { return "Type a number (\(unit))." }
        return "Type a number."
    }

    static func countWord(_ n: Int) -> String {
        let words = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN"]
        return n < words.count ? words[n] : String(n)
    }

    /// `C B A`: an example answer of `count` letters drawn from the first `options` labels.
    static func exampleLetters(_ count: Int, options: Int? = nil) -> String {
        let available = max(1, options ?? count)
        return (0..<min(count, 4)).reversed().map { PresentedQuestion.label($0 % available) }.joined(separator: " ")
    }
}
