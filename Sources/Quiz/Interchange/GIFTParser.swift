import Foundation
import TutorSupport

/// Reads Moodle GIFT files (https://docs.moodle.org/en/GIFT_format) into questions.
///
/// Follows Moodle's rules: `//` comment lines, questions separated by blank lines, an optional
/// `::name::` and `[format]`, the answer block in braces with its type decided by its content
/// (essay `{}`, numeric `{#…}`, multiple choice if it holds `~`, matching if it holds `=` and
/// `->`, true/false, else short answer), `#feedback`, `%weight%`, `####general feedback`,
/// `$CATEGORY:` lines, `[html]` text (made Markdown, see `HTMLText`), and the escapes `\~ \= \# \{ \} \: \\` and `\n`. Partial credit has no
/// place in all-or-nothing scoring: it is dropped with a warning.
package enum GIFTParser {
    package static func parse(_ text: String, file: String, options: ImportOptions = ImportOptions()) -> ImportResult {
        var parser = Parser(file: file, options: options)
        parser.run(text)
        return ImportResult(questions: parser.questions, diagnostics: parser.diagnostics)
    }

    /// One character of a GIFT file, with whether a backslash escaped it and where it was.
    struct Char {
        var ch: Character
        var escaped: Bool
        var line: Int
        var column: Int
    }

    struct Parser {
        let file: String
        let options: ImportOptions
        var questions: [Question] = []
        var diagnostics: [Diagnostic] = []
        var usedIDs: Set<String> = []
        var category: String?
        /// Moodle answers of the question being read that our key cannot hold (see ``MoodleOrigin``).
        var keptAnswers: [MoodleOrigin.Answer] = []

        init(file: String, options: ImportOptions) {
            self.file = file
            self.options = options
        }

        mutating func run(_ text: String) {
            let lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
            var block: [(number: Int, text: String)] = []
            var metadata: InterchangeMetadata?
            var blockMetadata: InterchangeMetadata?
            func flush() {
                if !block.isEmpty { handle(block, metadata: blockMetadata) }
                block = []
                blockMetadata = nil
            }
            for (index, line) in lines.enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("//") {
                    if let found = InterchangeMetadata.parse(trimmed) { metadata = found }
                    continue
                }
                if trimmed.isEmpty {
                    flush()
                    continue
                }
                if block.isEmpty {
                    blockMetadata = metadata
                    metadata = nil
                }
                block.append((index + 1, line))
            }
            flush()
        }

        mutating func handle(_ lines: [(number: Int, text: String)], metadata: InterchangeMetadata?) {
            var lines = lines
            if let first = lines.first, first.text.trimmingCharacters(in: .whitespaces).hasPrefix("$CATEGORY:") {
                category = first.text.trimmingCharacters(in: .whitespaces).dropFirst("$CATEGORY:".count)
                    .trimmingCharacters(in: .whitespaces)
                lines.removeFirst()
                if lines.isEmpty { return }
            }
            let chars = Self.scan(lines)
            if var question = parseQuestion(chars, startLine: lines[0].number) {
                metadata?.apply(to: &question)
                if let (restored, note) = metadata?.restore(question) {
                    if let restored { question = restored }
                    if let note { warning(line: lines[0].number, "\(question.id): \(note)") }
                }
                let base = question.id.isEmpty ? Slug.derived(prefix: options.idPrefix ?? "gift", text: question.stem) : question.id
                question.id = Slug.unique(base, in: &usedIDs)
                questions.append(question)
            }
        }

        /// Splits lines into characters, resolving backslash escapes.
        static func scan(_ lines: [(number: Int, text: String)]) -> [Char] {
            var out: [Char] = []
            for (n, entry) in lines.enumerated() {
                var column = 0
                let iterator = Array(entry.text)
                var index = 0
                while index < iterator.count {
                    column += 1
                    let ch = iterator[index]
                    if ch == "\\", index + 1 < iterator.count {
                        let next = iterator[index + 1]
                        if next == "n" {
                            out.append(Char(ch: "\n", escaped: true, line: entry.number, column: column))
                        } else {
                            out.append(Char(ch: next, escaped: true, line: entry.number, column: column))
                        }
                        index += 2
                        column += 1
                        continue
                    }
                    out.append(Char(ch: ch, escaped: false, line: entry.number, column: column))
                    index += 1
                }
                if n + 1 < lines.count { out.append(Char(ch: "\n", escaped: false, line: entry.number, column: column + 1)) }
            }
            return out
        }

        // MARK: - Helpers over [Char]

        static func find(_ pattern: String, in chars: ArraySlice<Char>) -> Int? {
            let p = Array(pattern)
            guard !p.isEmpty, chars.count >= p.count else { return nil }
            var i = chars.startIndex
            while i <= chars.endIndex - p.count {
                var ok = true
                for k in 0..<p.count where chars[i + k].escaped || chars[i + k].ch != p[k] {
                    ok = false
                    break
                }
                if ok { return i }
                i += 1
            }
            return nil
        }

        static func text(_ chars: ArraySlice<Char>) -> String {
            String(chars.map(\.ch)).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        static func trim(_ chars: ArraySlice<Char>) -> ArraySlice<Char> {
            var slice = chars
            while let first = slice.first, !first.escaped, first.ch.isWhitespace { slice = slice.dropFirst() }
            while let last = slice.last, !last.escaped, last.ch.isWhitespace { slice = slice.dropLast() }
            return slice
        }

        mutating func error(_ at: Char?, line: Int, _ message: String) {
            diagnostics.append(.error(file, line: at?.line ?? line, column: at?.column ?? 1, message))
        }

        mutating func warning(line: Int, _ message: String) {
            diagnostics.append(.warning(file, line: line, column: 1, message))
        }

        // MARK: - One question

        mutating func parseQuestion(_ all: [Char], startLine: Int) -> Question? {
            var body = Self.trim(all[...])
            var name = ""
            if let open = Self.find("::", in: body), open == body.startIndex {
                guard let close = Self.find("::", in: body[(open + 2)...]) else {
                    error(body.first, line: startLine, "the question name starts with '::' but has no closing '::'")
                    return nil
                }
                name = Self.text(body[(open + 2)..<close])
                body = Self.trim(body[(close + 2)...])
            }
            var format = "moodle"
            for candidate in ["markdown", "html", "plain", "moodle"] {
                let tag = "[\(candidate)]"
                if let at = Self.find(tag, in: body), at == body.startIndex {
                    format = candidate
                    body = Self.trim(body[(at + tag.count)...])
                }
            }
            let label = name.isEmpty ? "the question on line \(startLine)" : "'\(name)'"

            // The answer block: exactly one unescaped { … }.
            let opens = body.indices.filter { !body[$0].escaped && body[$0].ch == "{" }
            let closes = body.indices.filter { !body[$0].escaped && body[$0].ch == "}" }
            if opens.isEmpty, closes.isEmpty {
                warning(line: startLine, "\(label) has no answer block in braces (a description, not a question); skipped")
                return nil
            }
            guard let open = opens.first else {
                error(body[closes[0]], line: startLine, "unbalanced braces: '}' with no '{' before it (write \\} for a literal brace)")
                return nil
            }
            guard let close = closes.first(where: { $0 > open }) else {
                error(body[open], line: startLine, "unbalanced braces: '{' is never closed (a blank line ends the question; write \\{ for a literal brace)")
                return nil
            }
            if let stray = closes.first(where: { $0 < open }) {
                error(body[stray], line: startLine, "unbalanced braces: '}' with no '{' before it (write \\} for a literal brace)")
                return nil
            }
            if let inner = opens.first(where: { $0 > open && $0 < close }) {
                error(body[inner], line: startLine, "unbalanced braces: a second '{' before the first is closed (write \\{ for a literal brace)")
                return nil
            }
            let laterOpen: Int? = opens.first { $0 > close }
            let laterClose: Int? = closes.first { $0 > close }
            if let extra = laterOpen ?? laterClose {
                error(body[extra], line: startLine, "only one answer block per question (write \\{ and \\} for literal braces)")
                return nil
            }
            let before = Self.text(body[body.startIndex..<open])
            let after = Self.text(body[(close + 1)...])
            var stem = after.isEmpty ? before : "\(before) _____ \(after)"
            if stem.isEmpty {
                if name.isEmpty {
                    error(body[open], line: startLine, "the question has no text")
                    return nil
                }
                stem = name
            }

            var answers = Self.trim(body[(open + 1)..<close])
            var general: String?
            if let split = Self.find("####", in: answers) {
                general = Self.text(answers[(split + 4)...])
                answers = Self.trim(answers[answers.startIndex..<split])
                if general?.isEmpty == true { general = nil }
            }
            let id = name.isEmpty ? "" : Slug.make(name)
            var question = Question(id: id, domain: domain(), stem: stem, body: .shortText([]), explanation: general,
                                    source: SourceSpan(file: file, line: startLine, column: 1))
            if let topic = category?.split(separator: "/").last.map(String.init), ExamDomain.named(topic) == nil, !topic.hasPrefix("$") {
                question.topics = [topic.lowercased()]
            }
            question.moodle = MoodleOrigin(name: name.isEmpty ? nil : name, category: category).orNil
            keptAnswers = []
            let content = Self.text(answers)
            if content.isEmpty {
                warning(line: startLine, "\(label) is an essay question ({}), which cannot be graded here; skipped")
                return nil
            }
            let parsed: Question.Body?
            if let first = answers.first, !first.escaped, first.ch == "#" {
                parsed = numeric(answers.dropFirst(), label: label, line: startLine)
            } else if Self.find("~", in: answers) != nil {
                parsed = multipleChoice(answers, label: label, line: startLine)
            } else if Self.find("=", in: answers) != nil, Self.find("->", in: answers) != nil {
                parsed = matching(answers, label: label, line: startLine)
            } else if let tf = trueFalse(answers) {
                parsed = tf
            } else {
                parsed = shortAnswer(answers, label: label, line: startLine)
            }
            guard let parsed else { return nil }
            question.body = parsed
            if !keptAnswers.isEmpty {
                question.moodle = MoodleOrigin(name: question.moodle?.name, category: question.moodle?.category, answers: keptAnswers)
            }
            if format == "html" { question.mapTexts(HTMLText.markdown) }
            return question
        }

        func domain() -> String {
            if let last = category?.split(separator: "/").last, let known = ExamDomain.named(String(last)) { return known.id }
            return options.domain
        }

        /// One `=` or `~` entry: marker, optional weight, text, optional feedback.
        struct Entry {
            var marker: Character
            var weight: Double?
            var text: ArraySlice<Char>
            var feedback: String?
            var at: Char?
        }

        mutating func entries(_ answers: ArraySlice<Char>, label: String, line: Int) -> [Entry]? {
            let starts = answers.indices.filter { !answers[$0].escaped && (answers[$0].ch == "=" || answers[$0].ch == "~") }
            guard let first = starts.first else {
                error(answers.first, line: line, "\(label): answers must start with '=' (right) or '~' (wrong)")
                return nil
            }
            if !Self.text(answers[answers.startIndex..<first]).isEmpty {
                error(answers.first, line: line, "\(label): text before the first '=' or '~' in the answer block")
                return nil
            }
            var out: [Entry] = []
            for (n, start) in starts.enumerated() {
                let end = n + 1 < starts.count ? starts[n + 1] : answers.endIndex
                var part = Self.trim(answers[(start + 1)..<end])
                var weight: Double?
                if let p = part.first, !p.escaped, p.ch == "%" {
                    guard let close = part.dropFirst().firstIndex(where: { !$0.escaped && $0.ch == "%" }),
                          let value = Double(Self.text(part[(part.startIndex + 1)..<close])) else {
                        error(part.first, line: line, "\(label): a weight must look like %50% or %-100%")
                        return nil
                    }
                    weight = value
                    part = Self.trim(part[(close + 1)...])
                }
                var feedback: String?
                if let hash = part.firstIndex(where: { !$0.escaped && $0.ch == "#" }) {
                    feedback = Self.text(part[(hash + 1)...])
                    if feedback?.isEmpty == true { feedback = nil }
                    part = Self.trim(part[part.startIndex..<hash])
                }
                out.append(Entry(marker: answers[start].ch, weight: weight, text: part, feedback: feedback, at: answers[start]))
            }
            return out
        }

        mutating func multipleChoice(_ answers: ArraySlice<Char>, label: String, line: Int) -> Question.Body? {
            guard let entries = entries(answers, label: label, line: line) else { return nil }
            // Moodle makes it single-answer when one answer is fully right (`=` or %100%); the
            // other weighted ones are then partly right. Without one, every positive weight is
            // a right answer of a multi-select.
            let fullyRight = entries.filter { $0.marker == "=" || $0.weight == 100 }
            let single = fullyRight.count == 1
            var choices: [Choice] = []
            for entry in entries {
                let text = Self.text(entry.text)
                guard !text.isEmpty else {
                    error(entry.at, line: line, "\(label): an empty answer")
                    return nil
                }
                let correct = single ? (entry.marker == "=" || entry.weight == 100) : (entry.marker == "=" || (entry.weight ?? 0) > 0)
                choices.append(Choice(text, correct: correct, feedback: entry.feedback, weight: entry.weight))
            }
            // Equal shares for the right answers and -100 (or nothing) for the wrong ones is how
            // Moodle writes an all-or-nothing multi-select: no weights to keep. Any other weights
            // are partial credit and penalties, kept per choice.
            let positives = entries.compactMap(\.weight).filter { $0 > 0 }
            let negatives = entries.compactMap(\.weight).filter { $0 < 0 }
            let equalShares = positives.isEmpty || (Set(positives.map { ($0 * 1000).rounded() }).count == 1
                && abs(positives.reduce(0, +) - 100) < 0.1)
            let weighted = (single && entries.contains { $0.weight != nil && $0.weight != 100 })
                || (!single && (!equalShares || negatives.contains { $0 != -100 }))
            if !weighted { choices = choices.map { Choice($0.text, correct: $0.correct, feedback: $0.feedback) } }
            let right = choices.filter(\.correct).count
            guard right > 0 else {
                error(answers.first, line: line, "\(label): no right answer (mark it with '=' or a positive %weight%)")
                return nil
            }
            guard choices.count >= 2 else {
                error(answers.first, line: line, "\(label): a multiple-choice question needs at least 2 answers")
                return nil
            }
            if right == choices.count {
                error(answers.first, line: line, "\(label): every answer is marked right")
                return nil
            }
            return single || right == 1 ? .single(choices) : .multiple(choices)
        }

        mutating func matching(_ answers: ArraySlice<Char>, label: String, line: Int) -> Question.Body? {
            guard let entries = entries(answers, label: label, line: line) else { return nil }
            var pairs: [Matching.Pair] = []
            var distractors: [String] = []
            for entry in entries {
                guard entry.marker == "=", let arrow = Self.find("->", in: entry.text) else {
                    error(entry.at, line: line, "\(label): every matching answer looks like '=left -> right'")
                    return nil
                }
                let left = Self.text(entry.text[entry.text.startIndex..<arrow])
                let right = Self.text(entry.text[(arrow + 2)...])
                guard !right.isEmpty else {
                    error(entry.at, line: line, "\(label): a pair with nothing after '->'")
                    return nil
                }
                if left.isEmpty { distractors.append(right) } else { pairs.append(Matching.Pair(left, right)) }
            }
            guard pairs.count >= 2 else {
                error(answers.first, line: line, "\(label): a matching question needs at least 2 pairs")
                return nil
            }
            return .matching(Matching(pairs: pairs, distractors: distractors))
        }

        func trueFalse(_ answers: ArraySlice<Char>) -> Question.Body? {
            let parts = Self.split(answers, on: "#")
            let word = Self.text(parts[0]).uppercased()
            let answer: Bool
            switch word {
            case "T", "TRUE": answer = true
            case "F", "FALSE": answer = false
            default: return nil
            }
            // {FALSE#shown if wrong#shown if right}
            let ifWrong = parts.count > 1 ? Self.text(parts[1]) : ""
            let ifRight = parts.count > 2 ? Self.text(parts[2]) : ""
            let wrong = ifWrong.isEmpty ? nil : ifWrong
            let right = ifRight.isEmpty ? nil : ifRight
            return .trueFalse(TrueFalse(answer: answer, trueFeedback: answer ? right : wrong, falseFeedback: answer ? wrong : right))
        }

        mutating func shortAnswer(_ answers: ArraySlice<Char>, label: String, line: Int) -> Question.Body? {
            guard let entries = entries(answers, label: label, line: line) else { return nil }
            var accepted: [String] = []
            for entry in entries {
                let text = Self.text(entry.text)
                if let weight = entry.weight, weight < 100 {
                    // Partly right: kept for Moodle, not accepted here (a short answer is right or not).
                    keptAnswers.append(MoodleOrigin.Answer(text: text, weight: weight, feedback: entry.feedback))
                    continue
                }
                if let feedback = entry.feedback { keptAnswers.append(MoodleOrigin.Answer(text: text, weight: 100, feedback: feedback)) }
                if !text.isEmpty { accepted.append(text) }
            }
            guard !accepted.isEmpty else {
                error(answers.first, line: line, "\(label): no fully right answer")
                return nil
            }
            return .shortText(accepted)
        }

        mutating func numeric(_ answers: ArraySlice<Char>, label: String, line: Int) -> Question.Body? {
            let body = Self.trim(answers)
            var key: NumericKey?
            var mistakes: [NumericMistake] = []
            var lost: [String] = []
            if let first = body.first, !first.escaped, first.ch == "=" || first.ch == "~" {
                guard let entries = entries(body, label: label, line: line) else { return nil }
                for entry in entries {
                    if entry.marker == "~" {
                        lost.append("the catch-all wrong-answer feedback")
                        continue
                    }
                    guard let (value, tolerance) = Self.numericSpec(Self.text(entry.text)) else {
                        error(entry.at, line: line, "\(label): '\(Self.text(entry.text))' is not a number, value:tolerance or min..max")
                        return nil
                    }
                    let weight = entry.weight ?? 100
                    let spec = Self.text(entry.text).replacingOccurrences(of: " ", with: "")
                    if weight >= 100, key == nil {
                        key = NumericKey(value: value, tolerance: .absolute(tolerance))
                        if let feedback = entry.feedback { keptAnswers.append(MoodleOrigin.Answer(text: spec, weight: 100, feedback: feedback)) }
                    } else if weight <= 0, let feedback = entry.feedback {
                        mistakes.append(NumericMistake(value: value, feedback: feedback))
                    } else if weight > 0, weight < 100 {
                        keptAnswers.append(MoodleOrigin.Answer(text: spec, weight: weight, feedback: entry.feedback))
                    } else {
                        lost.append("a second fully right answer")
                    }
                }
            } else {
                let parts = Self.split(body, on: "#")
                guard let (value, tolerance) = Self.numericSpec(Self.text(parts[0])) else {
                    error(body.first, line: line, "\(label): '\(Self.text(parts[0]))' is not a number, value:tolerance or min..max")
                    return nil
                }
                key = NumericKey(value: value, tolerance: .absolute(tolerance))
                if parts.count > 1, case let feedback = Self.text(parts[1]), !feedback.isEmpty {
                    keptAnswers.append(MoodleOrigin.Answer(text: Self.text(parts[0]).replacingOccurrences(of: " ", with: ""), weight: 100, feedback: feedback))
                }
            }
            guard var key else {
                error(body.first, line: line, "\(label): no fully right number")
                return nil
            }
            if !lost.isEmpty { warning(line: line, "\(label): dropped \(Array(Set(lost)).sorted().joined(separator: " and "))") }
            key.mistakes = mistakes
            return .numeric(key)
        }

        /// `900`, `900:0`, `10.5:0.5`, `5..7`.
        static func numericSpec(_ text: String) -> (Double, Double)? {
            let t = text.replacingOccurrences(of: " ", with: "")
            if let range = t.range(of: "..") {
                guard let low = Double(t[..<range.lowerBound]), let high = Double(t[range.upperBound...]), high >= low else { return nil }
                return ((low + high) / 2, (high - low) / 2)
            }
            let parts = t.split(separator: ":", omittingEmptySubsequences: false)
            guard let value = Double(parts[0]) else { return nil }
            if parts.count == 2, let tolerance = Double(parts[1]) { return (value, abs(tolerance)) }
            return parts.count == 1 ? (value, 0) : nil
        }

        static func split(_ chars: ArraySlice<Char>, on separator: Character) -> [ArraySlice<Char>] {
            var parts: [ArraySlice<Char>] = []
            var start = chars.startIndex
            for i in chars.indices where !chars[i].escaped && chars[i].ch == separator {
                parts.append(chars[start..<i])
                start = i + 1
            }
            parts.append(chars[start...])
            return parts
        }
    }
}
