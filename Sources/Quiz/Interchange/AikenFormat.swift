import Foundation
import TutorSupport

/// Moodle's Aiken format (https://docs.moodle.org/en/Aiken_format): a question line, options
/// `A.` or `A)`, then `ANSWER: X`. Single answer only, no feedback, 2–26 options.
package enum AikenFormat {
    /// Reads an Aiken file. A question with no text, too few options, no `ANSWER:` line or an
    /// answer that names no option is reported with its line and skipped; the rest load.
    package static func parse(_ text: String, file: String, options: ImportOptions = ImportOptions()) -> ImportResult {
        let prefix = options.idPrefix ?? Slug.make(URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent)
        var questions: [Question] = []
        var diagnostics: [Diagnostic] = []
        var used: Set<String> = []

        var stemLines: [String] = []
        var stemLine = 0
        var choices: [(letter: Character, text: String, line: Int)] = []
        var broken = false

        func reset() {
            stemLines = []
            choices = []
            broken = false
        }

        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if let answer = answerLetter(line) {
                defer { reset() }
                if broken { continue }
                if stemLines.isEmpty {
                    diagnostics.append(.error(file, line: number, column: 1, "ANSWER line with no question before it"))
                    continue
                }
                if answer == "?" {
                    diagnostics.append(.error(file, line: number, column: 1, "write the answer as one letter, such as 'ANSWER: B'"))
                    continue
                }
                guard choices.count >= 2 else {
                    diagnostics.append(.error(file, line: stemLine, column: 1,
                                              "the question has \(choices.count) option\(choices.count == 1 ? "" : "s"); Aiken needs at least 2 (lines like 'A) …')"))
                    continue
                }
                guard let key = choices.firstIndex(where: { $0.letter == answer }) else {
                    let letters = choices.map { String($0.letter) }.joined(separator: ", ")
                    diagnostics.append(.error(file, line: number, column: 9, "ANSWER: \(answer) names no option (the options are \(letters))"))
                    continue
                }
                let stem = stemLines.joined(separator: "\n")
                let id = Slug.unique(Slug.derived(prefix: prefix, text: stem), in: &used)
                let body = Question.Body.single(choices.enumerated().map { Choice($1.text, correct: $0 == key) })
                questions.append(Question(id: id, domain: options.domain, stem: stem, body: body,
                                          source: SourceSpan(file: file, line: stemLine, column: 1)))
                continue
            }
            if let (letter, optionText) = option(line) {
                if broken { continue }
                if stemLines.isEmpty {
                    diagnostics.append(.error(file, line: number, column: 1, "option \(letter) comes before any question text (an empty question); skipped up to its ANSWER line"))
                    broken = true
                    continue
                }
                if optionText.isEmpty {
                    diagnostics.append(.error(file, line: number, column: 1, "option \(letter) is empty"))
                    broken = true
                    continue
                }
                let expected = Character(UnicodeScalar(UInt8(65 + choices.count)))
                if letter != expected {
                    diagnostics.append(.warning(file, line: number, column: 1, "option \(letter) where \(expected) was expected; kept in the order written"))
                }
                choices.append((letter, optionText, number))
                continue
            }
            if !choices.isEmpty {
                // Text after the options without an ANSWER line: the previous question is incomplete.
                if !broken {
                    diagnostics.append(.error(file, line: stemLine, column: 1, "the question has no 'ANSWER: X' line after its options"))
                }
                reset()
            }
            if stemLines.isEmpty { stemLine = number }
            stemLines.append(line)
        }
        if !stemLines.isEmpty, !broken {
            diagnostics.append(.error(file, line: stemLine, column: 1,
                                      choices.isEmpty ? "the question has no options and no 'ANSWER: X' line" : "the question has no 'ANSWER: X' line after its options"))
        }
        return ImportResult(questions: questions, diagnostics: diagnostics)
    }

    /// `A. text`, `A) text`, `A.text`.
    static func option(_ line: String) -> (Character, String)? {
        guard line.count >= 2 else { return nil }
        let chars = Array(line)
        guard let ascii = chars[0].asciiValue, ascii >= 65, ascii <= 90, chars[1] == "." || chars[1] == ")" else { return nil }
        return (chars[0], String(chars.dropFirst(2)).trimmingCharacters(in: .whitespaces))
    }

    /// The letter of `ANSWER: B` (case of the keyword forgiven).
    static func answerLetter(_ line: String) -> Character? {
        guard line.uppercased().hasPrefix("ANSWER:") else { return nil }
        let rest = line.dropFirst("ANSWER:".count).trimmingCharacters(in: .whitespaces).uppercased()
        guard rest.count == 1, let letter = rest.first, letter.isASCII, letter.isLetter else { return "?" }
        return letter
    }

    /// Writes single-choice and true/false questions; everything else is left out and named in
    /// the notes, as are the feedback and explanations Aiken cannot hold.
    package static func write(_ questions: [Question]) -> ExportResult {
        var notes = LossNotes()
        var blocks: [String] = []
        for question in questions {
            let options: [String]
            let key: Int
            switch question.body {
            case .single(let choices):
                options = choices.map(\.text)
                key = choices.firstIndex(where: \.correct) ?? 0
                if choices.contains(where: { $0.feedback != nil }) { notes.add("per-option feedback dropped (Aiken has none)", question.id) }
            case .trueFalse(let tf):
                options = ["True", "False"]
                key = tf.answer ? 0 : 1
                if tf.trueFeedback != nil || tf.falseFeedback != nil { notes.add("per-option feedback dropped (Aiken has none)", question.id) }
            case .multiple, .numeric, .ordering, .matching, .shortText, .generated:
                notes.add("skipped: Aiken holds single-answer questions only (\(question.type.rawValue))", question.id)
                continue
            }
            if question.explanation != nil { notes.add("explanations dropped (Aiken has none)", question.id) }
            if !question.inExams { notes.add("`exam: false` dropped: re-imported, these would be drawn in exams again", question.id) }
            if question.hint != nil { notes.add("hints dropped", question.id) }
            var block = stemLines(TextTemplate.renderFacts(question.stem), id: question.id, notes: &notes)
            for (index, option) in options.enumerated() {
                block.append("\(PresentedQuestion.label(index))) \(oneLine(TextTemplate.renderFacts(option)))")
            }
            block.append("ANSWER: \(PresentedQuestion.label(key))")
            blocks.append(block.joined(separator: "\n"))
        }
        var sentences = notes.sentences
        if !blocks.isEmpty { sentences.append("domains, topics, lessons and references are not in the file (Aiken has no metadata)") }
        return ExportResult(text: blocks.joined(separator: "\n\n") + (blocks.isEmpty ? "" : "\n"), exported: blocks.count,
                            notes: sentences)
    }

    /// The question text as Aiken lines: each line of the text on its own line (our import,
    /// and Moodle's, read the lines before the first option as the question). Aiken has no
    /// blank lines inside a question, and a line that would read as an option or as the answer
    /// (`A) …`, `ANSWER: …`) is joined to the line before it; both are said in the notes.
    static func stemLines(_ text: String, id: String, notes: inout LossNotes) -> [String] {
        var lines: [String] = []
        let all = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if all.contains(where: \.isEmpty), all.contains(where: { !$0.isEmpty }) {
            notes.add("blank lines inside question text dropped (Aiken has no paragraphs)", id)
        }
        for line in all where !line.isEmpty {
            if !lines.isEmpty, option(line) != nil || answerLetter(line) != nil {
                lines[lines.count - 1] += " " + line
                notes.add("a question-text line that reads like an option or ANSWER line was joined to the line before it", id)
            } else {
                lines.append(line)
            }
        }
        return lines.isEmpty ? [""] : lines
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
