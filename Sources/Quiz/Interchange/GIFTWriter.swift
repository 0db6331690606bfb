import Foundation
import LambdaModel

/// Writes questions as Moodle GIFT.
///
/// Each question is preceded by a `// lambda-tutor: {…}` comment carrying what GIFT cannot say
/// (domain, topics, lesson, hint, unit…), so a GIFT file exported here re-imports without loss
/// of those fields, while Moodle simply ignores the comment. What Moodle itself will not see is
/// reported in ``ExportResult/notes``.
package enum GIFTWriter {
    /// - Parameter seed: the variant written for generated questions (GIFT has no generators).
    package static func write(_ questions: [Question], seed: UInt64 = 1) -> ExportResult {
        var notes = LossNotes()
        var blocks: [String] = ["// Exported by lambda-tutor. Lines starting with '// lambda-tutor:' carry fields GIFT has no place for."]
        var category: String?
        var exported = 0
        for question in questions {
            // Back into its Moodle category when it came from one.
            let wanted = question.moodle?.category ?? "lambda-tutor/\(question.domain)"
            if category != wanted {
                category = wanted
                blocks.append("$CATEGORY: \(wanted)")
            }
            if let block = block(question, seed: seed, notes: &notes) {
                blocks.append(block)
                exported += 1
            }
        }
        return ExportResult(text: blocks.joined(separator: "\n\n") + "\n", exported: exported, notes: notes.sentences)
    }

    static func block(_ question: Question, seed: UInt64, notes: inout LossNotes) -> String? {
        let render = TextTemplate.renderFacts
        if question.texts.contains(where: { !TextTemplate.factKeys(in: $0.text).isEmpty }) {
            notes.add("{{fact}} placeholders were replaced by today's values for Moodle (the lambda-tutor comment keeps them for re-import)", question.id)
        }
        if question.hint != nil { notes.add("hints are kept only in the lambda-tutor comment (Moodle will not show them)", question.id) }
        var stem = question.stem
        var explanation = question.explanation
        var answer: String
        switch question.body {
        case .single(let choices):
            // Partly right answers keep their Moodle weight (`~%50%`), penalties theirs.
            answer = choices.map { choice in
                let marker = choice.correct ? "=" : choice.weight.map { "~%\(weight($0))%" } ?? "~"
                return marker + escape(render(choice.text)) + feedback(choice.feedback)
            }.joined(separator: "\n")
        case .multiple(let choices):
            let right = choices.filter(\.correct).count
            let share = weight(100 / Double(right))
            answer = choices.map { choice in
                "~%\(choice.weight.map(weight) ?? (choice.correct ? share : "-100"))%" + escape(render(choice.text)) + feedback(choice.feedback)
            }.joined(separator: "\n")
            notes.add("multiple response is written with Moodle weights; Moodle gives partial credit where lambda-tutor scores all-or-nothing", question.id)
        case .trueFalse(let tf):
            // {TRUE#shown if wrong#shown if right}
            let ifWrong = tf.answer ? tf.falseFeedback : tf.trueFeedback
            let ifRight = tf.answer ? tf.trueFeedback : tf.falseFeedback
            answer = tf.answer ? "TRUE" : "FALSE"
            if ifWrong != nil || ifRight != nil {
                answer += "#" + escape(render(ifWrong ?? "")) + (ifRight.map { "#" + escape(render($0)) } ?? "")
            }
        case .numeric(let key):
            answer = numeric(key, id: question.id, notes: &notes, moodle: question.moodle)
        case .ordering(let items):
            answer = items.enumerated().map { "=\(escape(render($1))) -> \($0 + 1)" }.joined(separator: "\n")
            notes.add("ordering is written as matching (item → position); Moodle has no ordering type in GIFT", question.id)
        case .matching(let matching):
            answer = (matching.pairs.map { "=\(escape(render($0.left))) -> \(escape(render($0.right)))" }
                + matching.distractors.map { "= -> \(escape(render($0)))" }).joined(separator: "\n")
        case .shortText(let accepted):
            // Right answers with their Moodle feedback, then the partly right ones kept from Moodle.
            answer = (accepted.map { "=" + escape($0) + feedback(question.moodle?.rightFeedback($0)) }
                + (question.moodle?.partlyRight ?? []).map { "=%\(weight($0.weight))%" + escape($0.text) + feedback($0.feedback) })
                .joined(separator: " ")
        case .generated:
            guard let presented = try? question.present(seed: seed), case .numeric(let value, let tolerance) = presented.key else {
                notes.add("skipped: generated question failed to compute", question.id)
                return nil
            }
            stem = presented.stem
            explanation = presented.explanation
            answer = numeric(NumericKey(value: value, tolerance: tolerance, unit: presented.unit, mistakes: presented.mistakes),
                             id: question.id, notes: &notes)
            notes.add("generated questions are written as one fixed variant (seed \(seed)) for Moodle (the lambda-tutor comment keeps the generator for re-import)", question.id)
        }
        var metadata = InterchangeMetadata(question)
        if case .generated(let spec) = question.body {
            metadata.unit = spec.unit ?? QuestionGenerator.named(spec.generator)?.output(spec.ask)?.unit
        }
        var lines = [metadata.line]
        let general = explanation.map { "\n####" + escape(render($0)) } ?? ""
        lines.append("::\(escape(question.moodle?.name ?? question.id))::[markdown]\(escape(render(stem))) {\n\(answer)\(general)\n}")
        return lines.joined(separator: "\n")
    }

    static func numeric(_ key: NumericKey, id: String, notes: inout LossNotes, moodle: MoodleOrigin? = nil) -> String {
        let tolerance = key.tolerance.allowance(for: key.value)
        if case .relative = key.tolerance {
            notes.add("relative tolerances are written as absolute ones for Moodle", id)
        }
        let spec = number(key.value) + (tolerance > 0 ? ":" + number(tolerance) : "")
        let right = "=" + spec + feedback(moodle?.rightFeedback(spec))
        let partly = (moodle?.partlyRight ?? []).map { "=%\(weight($0.weight))%\($0.text)" + feedback($0.feedback) }
        guard !key.mistakes.isEmpty || !partly.isEmpty || moodle?.rightFeedback(spec) != nil else { return "#\(spec)" }
        // Partly right answers keep their weight; known mistakes become 0 % answers with their feedback.
        return (["#", right] + partly + key.mistakes.map { "=%0%\(number($0.value))#\(escape(TextTemplate.renderFacts($0.feedback)))" })
            .joined(separator: "\n")
    }

    static func feedback(_ text: String?) -> String {
        text.map { " #" + escape(TextTemplate.renderFacts($0)) } ?? ""
    }

    /// Moodle's accepted weights are fixed decimals (33.33333, 12.5…).
    static func weight(_ value: Double) -> String {
        var text = String(format: "%.5f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    static func number(_ value: Double) -> String {
        Tolerance.trim(value)
    }

    /// Escapes GIFT's special characters and writes newlines as `\n`.
    package static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\", "~", "=", "#", "{", "}", ":": out += "\\\(ch)"
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }
}
