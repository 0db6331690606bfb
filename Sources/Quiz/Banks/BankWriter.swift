import ContentYAML
import Foundation

/// Writes questions in the native YAML bank format, as a trainer would write them by hand:
/// block scalars for multi-line text, plain scalars where YAML allows, quotes only where needed.
/// Used by `import … -o Quizzes/NAME.yaml`; `BankParser` reads the result back unchanged.
package enum BankWriter {
    package static func write(_ questions: [Question], bank: String, title: String? = nil, header: String? = nil) -> String {
        var out: [String] = []
        if let header {
            out += header.split(separator: "\n", omittingEmptySubsequences: false).map { "# \($0)" }
        }
        out.append("bank: \(scalar(bank, indent: 0))")
        if let title { out.append("title: \(scalar(title, indent: 0))") }
        out.append("questions:")
        for question in questions {
            out.append("")
            out += lines(for: question)
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func lines(for q: Question) -> [String] {
        var out: [String] = []
        let pad = "    "
        func field(_ key: String, _ value: String) { out.append("\(pad)\(key): \(scalar(value, indent: 6))") }
        func list(_ key: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            out.append("\(pad)\(key): [\(values.map { flowScalar($0) }.joined(separator: ", "))]")
        }
        out.append("  - id: \(scalar(q.id, indent: 6))")
        field("domain", q.domain)
        list("topics", q.topics)
        if q.difficulty != .medium { field("difficulty", q.difficulty.rawValue) }
        if let lesson = q.lesson { field("lesson", lesson) }
        if q.inExams { list("exam", q.exams) } else { out.append("\(pad)exam: false") }
        field("type", q.type.rawValue)
        field("stem", q.stem)
        switch q.body {
        case .single(let choices), .multiple(let choices):
            if !q.shuffle { out.append("\(pad)shuffle: false") }
            out.append("\(pad)choices:")
            for choice in choices {
                out.append("\(pad)  - text: \(scalar(choice.text, indent: 10))")
                if choice.correct { out.append("\(pad)    correct: true") }
                if let feedback = choice.feedback { out.append("\(pad)    feedback: \(scalar(feedback, indent: 10))") }
                if let weight = choice.weight { out.append("\(pad)    weight: \(Tolerance.trim(weight))") }
            }
        case .trueFalse(let tf):
            field("answer", tf.answer ? "true" : "false")
            if let text = tf.trueFeedback { field("true_feedback", text) }
            if let text = tf.falseFeedback { field("false_feedback", text) }
        case .numeric(let key):
            if let fact = key.fact {
                out.append("\(pad)answer: {fact: \(fact)}")
            } else {
                out.append("\(pad)answer: \(Tolerance.trim(key.value))")
            }
            out.append("\(pad)tolerance: \(scalar(key.tolerance.description, indent: 6))")
            if let unit = key.unit { field("unit", unit) }
            if !key.mistakes.isEmpty {
                out.append("\(pad)mistakes:")
                for mistake in key.mistakes {
                    out.append("\(pad)  - answer: \(Tolerance.trim(mistake.value))")
                    out.append("\(pad)    feedback: \(scalar(mistake.feedback, indent: 10))")
                }
            }
        case .ordering(let items):
            out.append("\(pad)items:")
            out += items.map { "\(pad)  - \(scalar($0, indent: 8))" }
        case .matching(let matching):
            out.append("\(pad)pairs:")
            for pair in matching.pairs {
                out.append("\(pad)  - left: \(scalar(pair.left, indent: 10))")
                out.append("\(pad)    right: \(scalar(pair.right, indent: 10))")
            }
            if !matching.distractors.isEmpty {
                out.append("\(pad)distractors:")
                out += matching.distractors.map { "\(pad)  - \(scalar($0, indent: 8))" }
            }
        case .shortText(let accepted):
            list("accept", accepted)
        case .generated(let spec):
            field("generator", spec.generator)
            field("ask", spec.ask)
            out.append("\(pad)parameters:")
            for name in spec.parameters.keys.sorted() {
                out.append("\(pad)  \(name): \(draw(spec.parameters[name]!))")
            }
            out.append("\(pad)tolerance: \(scalar(spec.tolerance.description, indent: 6))")
            if let unit = spec.unit { field("unit", unit) }
        }
        if let explanation = q.explanation { field("explanation", explanation) }
        if let hint = q.hint { field("hint", hint) }
        list("references", q.references)
        if let moodle = q.moodle {
            let answers = moodle.answers.map { list in
                "answers: [" + list.map { answer in
                    "{text: \(flowScalar(answer.text)), weight: \(Tolerance.trim(answer.weight))" + (answer.feedback.map { ", feedback: \(flowScalar($0))" } ?? "") + "}"
                }.joined(separator: ", ") + "]"
            }
            let parts = [moodle.name.map { "name: \(flowScalar($0))" }, moodle.category.map { "category: \(flowScalar($0))" }, answers].compactMap { $0 }
            out.append("\(pad)moodle: {\(parts.joined(separator: ", "))}")
        }
        return out
    }

    static func draw(_ draw: ParameterDraw) -> String {
        func value(_ v: ParameterValue) -> String {
            switch v {
            case .number(let n): Tolerance.trim(n)
            case .word(let w): flowScalar(w)
            }
        }
        switch draw {
        case .fixed(let v): return value(v)
        case .oneOf(let values): return "[\(values.map(value).joined(separator: ", "))]"
        case .range(let from, let to, let step):
            return "{from: \(Tolerance.trim(from)), to: \(Tolerance.trim(to)), step: \(Tolerance.trim(step))}"
        }
    }

    /// A value after `key: `. Multi-line text becomes a `|-` block indented by `indent`.
    static func scalar(_ text: String, indent: Int) -> String {
        if text.contains("\n"), !text.hasPrefix(" "), !text.contains("\t"), !text.contains("\r") {
            let pad = String(repeating: " ", count: indent)
            let body = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : pad + $0 }
                .joined(separator: "\n")
            return "|-\n" + body
        }
        return isPlainSafe(text, flow: false) ? text : quoted(text)
    }

    /// A value inside `[…]` or `{…}`, where `,` `[` `]` `{` `}` also need quotes.
    static func flowScalar(_ text: String) -> String {
        isPlainSafe(text, flow: true) ? text : quoted(text)
    }

    static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]

    static func isPlainSafe(_ text: String, flow: Bool) -> Bool {
        guard let first = text.first, let last = text.last else { return false }
        if first.isWhitespace || last.isWhitespace { return false }
        if "-?:,[]{}#&*!|>'\"%@`".contains(first) { return false }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") || text.contains("\n") || text.contains("\t") { return false }
        if flow, text.contains(where: { ",[]{}".contains($0) }) { return false }
        if reserved.contains(text.lowercased()) || YAMLReader.parseNumber(text) != nil { return false }
        return !text.unicodeScalars.contains { $0.value < 0x20 }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\x%02X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
