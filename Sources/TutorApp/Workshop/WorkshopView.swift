import ClassReports
import Foundation
import TerminalUI

/// The class report as terminal tables: learners, then questions with their flags.
enum WorkshopView {
    static func render(_ report: ClassReport, width: Int, style: Style) -> String {
        func percent(_ value: Double?) -> String { value.map { "\(Int(($0 * 100).rounded()))" } ?? "–" }
        func number(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "–" }
        var lines: [String] = []
        lines.append(style.bold("Class report") + ": \(report.learners.count) learner(s), \(report.items.count) question(s); KR-20 "
                     + (report.kr20.map { String(format: "%.2f", $0) + " over \(report.kr20Items) question(s)" } ?? "– (needs 2 learners and 2 questions all of them answered)"))
        lines.append("")
        let domains = report.domains
        var learners = TextTable(columns: [.init("learner"), .init("answered", alignment: .right), .init("right", alignment: .right),
                                           .init("shown", alignment: .right), .init("%", alignment: .right)] + domains.map { .init($0, alignment: .right) }, indent: 2)
        for learner in report.learners {
            learners.add([learner.name, "\(learner.answered)", "\(learner.correct)", "\(learner.revealed)", percent(learner.score)] + domains.map { percent(learner.domains[$0]?.share) })
        }
        lines.append(style.bold("Learners") + style.muted(" (shown: keys revealed with show; % right of answered; per domain)"))
        lines.append(learners.render(width: width, style: style))
        lines.append("")
        var questions = TextTable(columns: [.init("question"), .init("n", alignment: .right), .init("shown", alignment: .right), .init("p", alignment: .right),
                                            .init("D", alignment: .right), .init("r_pb", alignment: .right), .init("time", alignment: .right),
                                            .init("options"), .init("flags")], indent: 2)
        for item in report.items {
            let options = item.options.map { "\($0.option)\($0.correct ? "✓" : "")\($0.count)" }.joined(separator: " ")
            questions.add([item.id, "\(item.answered)", "\(item.revealed)", percent(item.difficulty), number(item.discrimination), number(item.pointBiserial),
                           item.medianSeconds.map { "\(Int($0.rounded())) s" } ?? "–", options, item.flags.map(\.rawValue).joined(separator: ", ")])
        }
        lines.append(style.bold("Questions") + style.muted(" (n: answered; shown: keys revealed; p: % right; D: upper − lower 27 %; r_pb: point-biserial; time: median)"))
        lines.append(questions.render(width: width, style: style))
        let popular = report.items.compactMap { item in item.popularWrongAnswer.map { (item, $0) } }
            .filter { $0.1.count * 4 >= max($0.0.answered, 1) }
        if !popular.isEmpty {
            lines.append("")
            lines.append(style.bold("Popular wrong answers") + style.muted(" (chosen by a quarter of the class or more)"))
            for (item, option) in popular {
                lines += TextWrapper.wrap("  \(item.id): \(option.option) \"\(option.text)\" — \(option.count) of \(item.answered)", width: width, hangingIndent: 4)
            }
        }
        if !report.notes.isEmpty {
            lines.append("")
            for note in report.notes { lines += TextWrapper.wrap(style.muted("Note: " + note), width: width, hangingIndent: 2) }
        }
        return lines.joined(separator: "\n")
    }
}
