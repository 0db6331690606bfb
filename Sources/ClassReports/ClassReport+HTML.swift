import TutorSupport
import Foundation

extension ClassReport {
    /// The report as one self-contained HTML page (`workshop report --html FILE`): the same
    /// tables as the Markdown, with its styles inline and nothing fetched from anywhere, so a
    /// trainer can mail it or open it offline. Every string that came from a learner's file
    /// (names, question ids, banks, domains, option texts, notes) is escaped: a results file is
    /// not trusted, and a name such as `<script>` must show as text, not run.
    package func html(title: String = "Class report") -> String {
        func percent(_ value: Double?) -> String { value.map { "\(Int(($0 * 100).rounded())) %" } ?? "–" }
        func number(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "–" }
        let e = Self.escape
        var out: [String] = []
        out.append("<!DOCTYPE html>")
        out.append("<html lang=\"en\"><head><meta charset=\"utf-8\">")
        out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        // No scripts, no outside assets; the policy says so to the browser as well.
        out.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        out.append("<title>\(e(title))</title>")
        out.append("""
        <style>
        body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
        table { border-collapse: collapse; margin: 1rem 0 2rem; }
        th, td { border: 1px solid #ccc; padding: 0.3rem 0.6rem; vertical-align: top; }
        th { background: #f3f3f3; text-align: left; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        .flag { color: #a40000; }
        .muted { color: #666; }
        </style>
        """)
        out.append("</head><body>")
        out.append("<h1>\(e(title))</h1>")
        out.append("<p>\(learners.count) learner(s), \(items.count) question(s). KR-20: \(number(kr20))"
                   + (kr20 == nil ? "" : " over \(kr20Items) question(s)") + ".</p>")
        let domains = self.domains
        out.append("<h2>Learners</h2>")
        out.append("<table><thead><tr><th>Learner</th><th>Answered</th><th>Correct</th><th>Revealed</th><th>Skipped</th><th>Score</th>"
                   + domains.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>")
        for learner in learners {
            out.append("<tr><td>\(e(learner.name))</td><td class=\"n\">\(learner.answered)</td><td class=\"n\">\(learner.correct)</td>"
                       + "<td class=\"n\">\(learner.revealed)</td><td class=\"n\">\(learner.skipped)</td><td class=\"n\">\(percent(learner.score))</td>"
                       + domains.map { "<td class=\"n\">\(percent(learner.domains[$0]?.share))</td>" }.joined() + "</tr>")
        }
        out.append("</tbody></table>")
        out.append("<h2>Questions</h2>")
        out.append("<p class=\"muted\">Difficulty: share right of those who answered. Discrimination: upper minus lower 27 % of the class by score.</p>")
        out.append("<table><thead><tr><th>Question</th><th>Bank</th><th>Domain</th><th>Answered</th><th>Revealed</th><th>Skipped</th><th>Difficulty</th>"
                   + "<th>Discrimination (27 %)</th><th>Point-biserial</th><th>Median time</th><th>Options</th><th>Popular wrong answer</th><th>Flags</th></tr></thead><tbody>")
        for item in items {
            let options = item.options.map { "\(e($0.option))\($0.correct ? " ✓" : ""): \($0.count)" }.joined(separator: "<br>")
            let wrong = item.popularWrongAnswer.map { "\(e($0.option)): \(e($0.text)) (\($0.count))" } ?? ""
            let time = item.medianSeconds.map { "\(Int($0.rounded())) s" } ?? "–"
            out.append("<tr><td>\(e(item.id))</td><td>\(e(item.bank ?? ""))</td><td>\(e(item.domain))</td><td class=\"n\">\(item.answered)</td>"
                       + "<td class=\"n\">\(item.revealed)</td><td class=\"n\">\(item.skipped)</td><td class=\"n\">\(percent(item.difficulty))</td>"
                       + "<td class=\"n\">\(number(item.discrimination))</td><td class=\"n\">\(number(item.pointBiserial))</td><td class=\"n\">\(time)</td>"
                       + "<td>\(options)</td><td>\(wrong)</td><td class=\"flag\">\(e(item.flags.map(\.rawValue).joined(separator: ", ")))</td></tr>")
        }
        out.append("</tbody></table>")
        if !notes.isEmpty {
            out.append("<h2>Notes</h2><ul>")
            out += notes.map { "<li>\(e($0))</li>" }
            out.append("</ul>")
        }
        out.append("</body></html>")
        return out.joined(separator: "\n") + "\n"
    }

    /// HTML text escaping for element content and quoted attributes: `& < > " '`.
    static func escape(_ text: String) -> String { MarkupEscaping.html(text) }
}
