import Foundation

/// The report as JSON (`workshop report --json`), CSV and Markdown. The terminal table is the
/// tutor's (it knows the terminal's width).
extension ClassReport {
    /// `{"questions": [{"id", "answered", "correct", "skipped", "revealed", "difficulty", "discrimination", "options":
    /// {"A": count, …}, …}], "learners": [{"name", "score", …}], "kr20": …}`; a figure that
    /// cannot be computed is null.
    package func json() -> String {
        func number(_ value: Double?) -> Any { value.map { ($0 * 10_000).rounded() / 10_000 } ?? NSNull() }
        let questions: [[String: Any]] = items.map { item in
            [
                "id": item.id, "bank": item.bank ?? NSNull(), "domain": item.domain,
                "answered": item.answered, "correct": item.correct, "skipped": item.skipped, "revealed": item.revealed,
                "difficulty": number(item.difficulty), "discrimination": number(item.discrimination),
                "point_biserial": number(item.pointBiserial), "median_seconds": number(item.medianSeconds),
                "options": Dictionary(item.options.map { ($0.option, $0.count) }, uniquingKeysWith: +),
                "option_texts": Dictionary(item.options.map { ($0.option, $0.text) }, uniquingKeysWith: { first, _ in first }),
                "correct_options": item.options.filter(\.correct).map(\.option),
                "popular_wrong_answer": item.popularWrongAnswer?.option ?? NSNull(),
                "flags": item.flags.map(\.rawValue),
            ]
        }
        let learners: [[String: Any]] = self.learners.map { learner in
            [
                "name": learner.name, "score": number(learner.score), "answered": learner.answered,
                "correct": learner.correct, "skipped": learner.skipped, "revealed": learner.revealed, "files": learner.sources,
                "domains": learner.domains.mapValues { ["answered": $0.answered, "correct": $0.correct, "score": number($0.share)] as [String: Any] },
            ]
        }
        let object: [String: Any] = ["questions": questions, "learners": learners, "kr20": number(kr20), "kr20_questions": kr20Items, "notes": notes]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Two CSV tables in one file would confuse spreadsheets, so `section` picks one: the
    /// questions (default) or the learners.
    package enum CSVSection: String, Sendable, CaseIterable { case questions, learners }

    package func csv(_ section: CSVSection = .questions) -> String {
        func field(_ text: String) -> String {
            var value = text
            if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
            guard value.contains(where: { ",\"\n\r".contains($0) }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        func number(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "" }
        var lines: [String]
        switch section {
        case .questions:
            lines = ["id,bank,domain,answered,correct,skipped,revealed,difficulty,discrimination,point_biserial,median_seconds,options,popular_wrong_answer,flags"]
            for item in items {
                let options = item.options.map { "\($0.option)\($0.correct ? "*" : "")=\($0.count)" }.joined(separator: " ")
                let wrong = item.popularWrongAnswer.map { "\($0.option): \($0.text)" } ?? ""
                lines.append([item.id, item.bank ?? "", item.domain, "\(item.answered)", "\(item.correct)", "\(item.skipped)", "\(item.revealed)",
                              number(item.difficulty), number(item.discrimination), number(item.pointBiserial), number(item.medianSeconds),
                              options, wrong, item.flags.map(\.rawValue).joined(separator: "; ")].map(field).joined(separator: ","))
            }
        case .learners:
            let domains = self.domains
            lines = [(["name", "answered", "correct", "skipped", "revealed", "score"] + domains).map(field).joined(separator: ",")]
            for learner in learners {
                let cells = ["\(learner.answered)", "\(learner.correct)", "\(learner.skipped)", "\(learner.revealed)", number(learner.score)]
                    + domains.map { number(learner.domains[$0]?.share) }
                lines.append(([field(learner.name)] + cells).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Markdown page: learners, questions, flags, KR-20, notes.
    package func markdown() -> String {
        func percent(_ value: Double?) -> String { value.map { "\(Int(($0 * 100).rounded())) %" } ?? "–" }
        func number(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "–" }
        func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var out = ["# Class report", ""]
        out.append("\(learners.count) learner(s), \(items.count) question(s). KR-20: \(number(kr20))"
                   + (kr20 == nil ? "" : " over \(kr20Items) question(s)") + ".")
        out.append("")
        let domains = self.domains
        out.append("## Learners")
        out.append("")
        out.append("| Learner | Answered | Correct | Revealed | Score | " + domains.map(cell).joined(separator: " | ") + (domains.isEmpty ? "" : " |"))
        out.append("|---|---:|---:|---:|---:|" + String(repeating: "---:|", count: domains.count))
        for learner in learners {
            out.append("| \(cell(learner.name)) | \(learner.answered) | \(learner.correct) | \(learner.revealed) | \(percent(learner.score)) | "
                       + domains.map { percent(learner.domains[$0]?.share) }.joined(separator: " | ") + (domains.isEmpty ? "" : " |"))
        }
        out.append("")
        out.append("## Questions")
        out.append("")
        out.append("| Question | Answered | Revealed | Difficulty | Discrimination (27 %) | Point-biserial | Median time | Options | Popular wrong answer | Flags |")
        out.append("|---|---:|---:|---:|---:|---:|---:|---|---|---|")
        for item in items {
            let options = item.options.map { "\($0.option)\($0.correct ? "✓" : "") \($0.count)" }.joined(separator: ", ")
            let wrong = item.popularWrongAnswer.map { "\($0.option): \($0.text) (\($0.count))" } ?? ""
            let time = item.medianSeconds.map { "\(Int($0.rounded())) s" } ?? "–"
            out.append("| \(cell(item.id)) | \(item.answered) | \(item.revealed) | \(percent(item.difficulty)) | \(number(item.discrimination)) | \(number(item.pointBiserial)) | \(time) | \(cell(options)) | \(cell(wrong)) | \(item.flags.map(\.rawValue).joined(separator: ", ")) |")
        }
        if !notes.isEmpty {
            out.append("")
            out.append("## Notes")
            out.append("")
            out += notes.map { "- " + $0 }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
