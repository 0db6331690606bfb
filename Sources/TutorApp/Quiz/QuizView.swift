import Foundation
import LambdaModel
import Quiz
import TerminalUI
import TutorSupport

/// Renders quiz and exam screens as text: questions, feedback, the exam result, the review
/// grid and the results report. Pure functions of their input, so tests compare strings.
struct QuizView {
    let style: Style
    let width: Int
    let renderer: MarkdownRenderer

    init(console: Console) {
        style = console.style
        width = console.width
        renderer = console.markdown
    }

    /// Wraps one line to the width, continuing under the text after `indent` columns
    /// (TextWrapper's hanging indent, as every wrapped line of the REPL).
    func hanging(_ line: String, indent: Int) -> String {
        TextWrapper.wrap(line, width: width, hangingIndent: indent).joined(separator: "\n")
    }

    /// "The answer is **B (In `detail`)**." with the key's inline Markdown rendered (option
    /// texts carry backticks and emphasis), and no second full stop after a key that already
    /// ends a sentence (an ordering item written as "… returns.").
    func keySentence(_ key: String) -> String {
        "The answer is " + style.bold(renderer.inline(key)) + (Self.endsSentence(key) ? "" : ".")
    }

    /// The explanation under a bold "Why:", keeping a leading list or code block intact.
    func why(_ explanation: String) -> String {
        renderer.render(MarkdownParser.parse(explanation, lead: "Why:"))
    }

    /// Whether Markdown `text` already ends with sentence punctuation, ignoring emphasis and code marks.
    static func endsSentence(_ text: String) -> Bool {
        let plain = InlineMarkdown.plainText(text).trimmingCharacters(in: .whitespacesAndNewlines)
        return plain.last.map { ".!?…".contains($0) } ?? false
    }

    // MARK: - Questions

    /// The question, its options and what to type.
    /// - Parameter note: a last muted part of the header (the exam's end time).
    func question(_ q: PresentedQuestion, header: String, note: String? = nil, flagged: Bool = false, current: Answer? = nil,
                  commands: [String]) -> String {
        var lines: [String] = []
        var head = style.bold(header) + style.muted(" · \(q.domain) · \(q.difficulty.rawValue)" + (note.map { " · " + $0 } ?? ""))
        if flagged { head += " " + style.warning("⚑ flagged") }
        lines.append(head)
        lines.append(renderer.render(markdown: q.stem))
        if q.type == .matching {
            lines += q.prompts.enumerated().map { hanging("  \($0 + 1). \(renderer.inline($1))", indent: 5) }
            lines.append("")
        }
        for option in q.options {
            lines.append(hanging("  " + style.bold("\(option.label))") + " " + renderer.inline(option.text), indent: 5))
        }
        var footer = q.instruction
        if let current { footer += style.muted("  (your answer: \(current))") }
        lines.append("")
        lines += TextWrapper.wrap(footer, width: width)
        // `hint` is offered only for a question that has one.
        let commands = commands.filter { $0 != "hint" || !(q.hint ?? "").isEmpty }
        if !commands.isEmpty {
            lines += TextWrapper.wrap(items: commands, separator: " · ", width: width, indent: "").map(style.muted)
        }
        return lines.joined(separator: "\n")
    }

    /// Right or wrong, why each chosen option (and the key) is right or wrong, and the explanation.
    func feedback(_ grade: Grade, for q: PresentedQuestion) -> String {
        var lines: [String] = []
        if grade.correct {
            lines.append(style.success("✓ Correct."))
        } else {
            lines.append(hanging(style.failure("✗ Not quite.") + " " + keySentence(grade.keyText), indent: 2))
        }
        for option in grade.options where option.chosen || option.isKey {
            let mark = option.isKey ? style.success("✓") : style.failure("✗")
            let who = option.chosen ? (option.isKey ? "" : style.muted(" (your choice)")) : style.muted(" (the key)")
            var line = "  \(mark) \(option.label)) \(renderer.inline(option.text))\(who)"
            if let feedback = option.feedback { line += " — " + renderer.inline(feedback) }
            lines.append(hanging(line, indent: 7))
        }
        for item in grade.items {
            if item.right {
                lines.append("  \(style.success("✓")) \(item.item) \(item.given)")
            } else {
                lines.append("  \(style.failure("✗")) \(item.item) you: \(item.given) · right: \(item.expected)")
            }
        }
        lines += grade.remarks.map { hanging("  " + style.warning(renderer.inline($0)), indent: 2) }
        if let explanation = grade.explanation {
            lines.append(why(explanation))
        }
        return lines.joined(separator: "\n")
    }

    /// A first wrong answer at a checkpoint: why the chosen options are wrong and a hint, but
    /// not the key (that comes after the second try).
    func retry(_ grade: Grade, for q: PresentedQuestion, hint: String) -> String {
        var lines = [style.failure("✗ Not quite.")]
        for option in grade.options where option.chosen && !option.isKey {
            var line = "  \(style.failure("✗")) \(option.label)) \(renderer.inline(option.text))"
            if let feedback = option.feedback { line += " — " + renderer.inline(feedback) }
            lines.append(hanging(line, indent: 7))
        }
        lines += grade.remarks.map { hanging("  " + style.warning(renderer.inline($0)), indent: 2) }
        lines.append(renderer.render(MarkdownParser.parse(hint, lead: "Hint:")))
        return lines.joined(separator: "\n")
    }

    /// `show`: the key and the explanation.
    func reveal(key: String, explanation: String?) -> String {
        var text = hanging(keySentence(key), indent: 2)
        if let explanation { text += "\n" + why(explanation) }
        return text + "\n" + style.muted("(recorded as revealed, not as an answer)")
    }

    // MARK: - Practice summary

    func summary(_ summary: PracticeSession.Summary) -> String {
        var lines = [style.bold("Practice done") + ": \(summary.correct) of \(summary.answered) right"
            + (summary.revealed > 0 ? ", \(summary.revealed) revealed" : "") + (summary.skipped > 0 ? ", \(summary.skipped) skipped" : "")
            + style.muted(" · seed \(summary.seed)")]
        if !summary.domains.isEmpty {
            var table = TextTable(columns: [.init("domain"), .init("right", alignment: .right)], showHeader: false, indent: 2)
            for line in summary.domains { table.add([ExamDomain.title(of: line.domain), "\(line.correct)/\(line.answered)"]) }
            lines.append(table.render(width: width, style: style))
        }
        lines.append(style.muted("'results' shows your history and what to study next; '--seed \(summary.seed)' repeats this set."))
        return lines.joined(separator: "\n")
    }

    // MARK: - Exams

    func grid(_ cells: [ExamSession.GridCell]) -> String {
        var rows: [String] = []
        var row: [String] = []
        for cell in cells {
            var mark = cell.answered ? "✓" : "·"
            if cell.flagged { mark = "⚑" }
            var text = String(format: "%3d", cell.number) + mark
            if cell.current { text = style.bold("[" + text + "]") } else { text = " " + text + " " }
            if cell.flagged { text = style.warning(text) } else if !cell.answered { text = style.muted(text) }
            row.append(text)
            if row.count == 10 {
                rows.append(row.joined())
                row = []
            }
        }
        if !row.isEmpty { rows.append(row.joined()) }
        let answered = cells.filter(\.answered).count
        let flagged = cells.filter(\.flagged).count
        rows.append(style.muted("✓ answered \(answered) · · open \(cells.count - answered) · ⚑ flagged \(flagged) — 'goto N' to visit one"))
        return rows.joined(separator: "\n")
    }

    func result(_ r: ExamResult) -> String {
        var lines: [String] = []
        let verdict = r.passed ? style.success("PASS") : style.failure("FAIL")
        lines.append(style.bold(r.title))
        lines.append("Score " + style.bold("\(r.scaledScore)") + " / 1000 · \(verdict) (pass mark \(ScoreScale.passScore), \(Number.grouped(r.passPercent)) % correct)")
        lines.append("\(r.scoredCorrect) of \(r.scoredTotal) scored questions right (\(Number.grouped(r.percent)) %) · time used \(ExamSession.clockText(r.secondsUsed)) of \(ExamSession.clockText(r.timeLimit))")
        if r.timedOut { lines.append(style.warning("Time ran out at \(Self.time(r.finished)); the exam was submitted automatically.")) }
        var table = TextTable(columns: [.init("domain"), .init("right", alignment: .right), .init("%", alignment: .right), .init("")])
        for domain in r.domains {
            let verdict = domain.meets ? style.success(domain.verdict) : style.warning(domain.verdict)
            table.add([domain.title, "\(domain.correct)/\(domain.total)", Number.grouped(domain.percent), verdict])
        }
        lines.append(table.render(width: width, style: style))
        if !r.unscoredNumbers.isEmpty {
            lines.append(style.muted("Unscored (pretest) questions, as on the real exam: " + r.unscoredNumbers.map(String.init).joined(separator: ", ")))
        }
        if !r.unansweredNumbers.isEmpty {
            lines.append(style.warning("Unanswered: " + r.unansweredNumbers.map(String.init).joined(separator: ", ")))
        }
        lines.append(style.muted("Review: 'review wrong', 'review flagged', 'review all' or 'review N'; 'done' leaves."))
        return lines.joined(separator: "\n")
    }

    /// Review of finished exam questions, with every option's feedback.
    func review(_ items: [ExamResult.Item], total: Int) -> String {
        guard !items.isEmpty else { return style.muted("Nothing to review in that list.") }
        return items.map { item in
            var parts = [question(item.question, header: "Question \(item.number) of \(total)", flagged: item.flagged, commands: [])]
            if let grade = item.grade {
                parts.append(reviewFeedback(grade))
            } else {
                parts.append(hanging(style.warning("Not answered.") + " " + keySentence(item.keyText), indent: 2))
                if let explanation = item.question.explanation {
                    parts.append(why(explanation))
                }
            }
            if !item.scored { parts.append(style.muted("(unscored pretest question)")) }
            return parts.joined(separator: "\n")
        }.joined(separator: "\n\n" + style.muted(String(repeating: "─", count: min(width, 60))) + "\n\n")
    }

    /// Like ``feedback(_:for:)`` but with every option's feedback, as exam review shows it.
    private func reviewFeedback(_ grade: Grade) -> String {
        var lines: [String] = [grade.correct ? style.success("✓ You were right.")
            : hanging(style.failure("✗ You answered \(grade.answer).") + " " + keySentence(grade.keyText), indent: 2)]
        for option in grade.options {
            let mark = option.isKey ? style.success("✓") : (option.chosen ? style.failure("✗") : " ")
            var line = "  \(mark) \(option.label))"
            if let feedback = option.feedback { line += " " + renderer.inline(feedback) } else { line += " " + renderer.inline(option.text) }
            lines.append(hanging(line, indent: 7))
        }
        for item in grade.items where !item.right {
            lines.append("  \(style.failure("✗")) \(item.item) you: \(item.given) · right: \(item.expected)")
        }
        lines += grade.remarks.map { hanging("  " + style.warning(renderer.inline($0)), indent: 2) }
        if let explanation = grade.explanation { lines.append(why(explanation)) }
        return lines.joined(separator: "\n")
    }

    // MARK: - Results

    func report(_ report: ResultsReport) -> String {
        var lines: [String] = []
        guard report.answered + report.sessions.count > 0 else {
            return "No answers recorded yet. Try " + style.code("quiz") + " or " + style.code("exam --preset workshop") + "."
        }
        let preset = ExamPreset.all.first { $0.name == report.focus }
        let exam = preset?.exam ?? report.focus
        var headline = style.bold("Results") + ": \(report.correct) of \(report.answered) answers right across \(report.sessions.count) session(s)"
        if report.skipped > 0 { headline += "; \(report.skipped) skipped (not counted)" }
        lines += TextWrapper.wrap(headline, width: width, hangingIndent: 2)
        if !report.exams.isEmpty {
            lines.append("")
            lines.append(style.bold("Exams"))
            var table = TextTable(columns: [.init("date"), .init("preset"), .init("score", alignment: .right), .init(""), .init("right", alignment: .right)], indent: 2)
            for exam in report.exams.prefix(8) {
                table.add([Self.date(exam.finished), exam.preset, "\(exam.scaledScore)", exam.passed ? style.success("pass") : style.failure("fail"),
                           "\(exam.scoredCorrect)/\(exam.scoredTotal)"])
            }
            lines.append(table.render(width: width, style: style))
        }
        func domainTable(_ trends: [ResultsReport.DomainTrend]) -> String {
            var table = TextTable(columns: [.init("domain"), .init("right", alignment: .right), .init("%", alignment: .right), .init("recent sessions"), .init("trend")], indent: 2)
            for domain in trends {
                let recent = domain.recent.map { Number.grouped($0.rounded()) }.joined(separator: " ")
                let trend: String = switch domain.direction {
                case .up: style.success("↑ improving")
                case .down: style.failure("↓ slipping")
                case .steady: "→ steady"
                case .new: style.muted("new")
                }
                table.add([domain.title, "\(domain.correct)/\(domain.attempts)", Number.grouped(domain.percent), recent, trend])
            }
            return table.render(width: width, style: style)
        }
        let inFocus = report.domains.filter(\.inFocus)
        let others = report.domains.filter { !$0.inFocus }
        if !inFocus.isEmpty {
            lines.append("")
            lines.append(style.bold("By domain") + style.muted(" — the \(exam) exam guide's domains"))
            lines.append(domainTable(inFocus))
        }
        if !others.isEmpty {
            lines.append("")
            lines.append(style.bold("Other domains practised") + style.muted(" — not part of \(exam)"))
            lines.append(domainTable(others))
        }
        lines.append("")
        if report.studyNext.isEmpty {
            lines += TextWrapper.wrap(style.success("Every \(exam) domain is at or above the pass mark.") + " Keep it there with "
                                      + style.code("exam --preset \(report.focus)") + ".", width: width, hangingIndent: 2)
        } else {
            lines.append(style.bold("What to study next") + style.muted(" for \(exam)"))
            for suggestion in report.studyNext.prefix(4) {
                var line = "  • \(suggestion.title): \(suggestion.reason)"
                if !suggestion.lessons.isEmpty {
                    line += " — " + suggestion.lessons.map { style.code("lesson \($0)") }.joined(separator: ", ")
                }
                line += " · " + style.code("quiz --domain \(suggestion.domain)")
                lines += TextWrapper.wrap(line, width: width, hangingIndent: 4)
            }
        }
        if !report.calibration.isEmpty {
            lines.append("")
            lines.append(style.bold("Confidence") + style.muted(" — how often your answers at each level were right"))
            var table = TextTable(columns: [.init("you said"), .init("answers", alignment: .right), .init("right", alignment: .right), .init("%", alignment: .right)], indent: 2)
            for line in report.calibration {
                table.add([line.confidence.rawValue, "\(line.answers)", "\(line.correct)", Number.grouped(line.percent)])
            }
            lines.append(table.render(width: width, style: style))
            if let note = report.calibrationNote { lines += TextWrapper.wrap("  " + note, width: width, hangingIndent: 2) }
        }
        lines.append("")
        lines.append(style.bold("Recent sessions"))
        var table = TextTable(columns: [.init("date"), .init("mode"), .init("answered", alignment: .right), .init("right", alignment: .right),
                                        .init("skipped", alignment: .right), .init("%", alignment: .right)], indent: 2)
        for line in report.sessions.prefix(10) {
            table.add([Self.date(line.started), line.review ? "review" : line.mode.rawValue, "\(line.answered)", "\(line.correct)", line.skipped > 0 ? "\(line.skipped)" : "",
                       line.answered > 0 ? Number.grouped(line.percent) : "–"])
        }
        lines.append(table.render(width: width, style: style))
        if report.skipped > 0 {
            lines += TextWrapper.wrap(style.muted("Skipped questions (left open in an exam, or 'skip') count as wrong in an exam's score, as on AWS, but not here: they say nothing of what you know."),
                                      width: width, hangingIndent: 0)
        }
        return lines.joined(separator: "\n")
    }

    /// `14:35`, local time: when an exam ends or ended.
    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "HH:mm"
        return formatter.string(from: date)
    }

    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
