import Foundation
import LambdaModel
import Quiz
import SpacedRepetition
import TerminalUI
import TutorSupport

/// Spaced review as text: due counts, the end-of-review summary, and the memory section of
/// `results`. Pure functions of their input.
struct ReviewView {
    let style: Style
    let width: Int

    init(console: Console) {
        style = console.style
        width = console.width
    }

    /// "in 10 minutes", "in 3 days", "now".
    static func interval(from start: Date, to end: Date) -> String {
        let seconds = end.timeIntervalSince(start)
        // Said only when nothing is due yet, so a card a few seconds away is not "due now".
        guard seconds > 0 else { return "now" }
        guard seconds >= 60 else { return "in under a minute" }
        return "in " + span(seconds)
    }

    /// "2 minutes", "5 hours", "3 days", "4 months".
    static func span(_ seconds: TimeInterval) -> String {
        func unit(_ value: Double, _ name: String) -> String {
            let n = Int(value.rounded())
            return "\(n) \(name)\(n == 1 ? "" : "s")"
        }
        switch seconds {
        case ..<3_600: return unit(max(1, seconds / 60), "minute")
        case ..<86_400: return unit(seconds / 3_600, "hour")
        case ..<(60 * 86_400): return unit(seconds / 86_400, "day")
        case ..<(730 * 86_400): return unit(seconds / (30.44 * 86_400), "month")
        default: return unit(seconds / (365.25 * 86_400), "year")
        }
    }

    /// "due 3 days ago", "due now", "new".
    static func dueText(_ card: ReviewCard, now: Date) -> String {
        let late = now.timeIntervalSince(card.due)
        return late < 60 ? "due now" : "due \(span(late)) ago"
    }

    /// "3 cards due now (of 41)", or when the next one comes.
    func dueLine(due: Int, cards: Int, next: Date?, now: Date) -> String {
        if cards == 0 { return "No review cards yet: every question and checkpoint you answer becomes one." }
        if due > 0 { return "\(due) card\(due == 1 ? "" : "s") due for review now (of \(cards)): type " + style.code("review") + "." }
        let when = next.map { " The next one is due " + Self.interval(from: now, to: $0) + "." } ?? ""
        return "Nothing due for review (\(cards) card\(cards == 1 ? "" : "s")).\(when)"
    }

    func summary(_ tally: ReviewMode.Tally, left: Int, schedule: ReviewSchedule, counts: (due: Int, cards: Int), now: Date) -> String {
        var text = style.bold("Review done") + ": \(tally.recalled) of \(tally.answered) recalled"
        if tally.skipped > 0 { text += ", \(tally.skipped) skipped" }
        if left > 0 { text += ", \(left) not reached" }
        text += "."
        let next = schedule.cards.values.filter { !$0.isDue(at: now) }.map(\.due).min()
        return (TextWrapper.wrap(text, width: width) + TextWrapper.wrap(dueLine(due: counts.due, cards: counts.cards, next: next, now: now), width: width))
            .joined(separator: "\n")
    }

    // MARK: - Results

    /// The memory section of `results`: how much the schedule predicts you still recall, how
    /// often you recalled cards when they came back, and what is fading.
    func memory(_ report: RetentionReport) -> String {
        guard report.cards > 0 else { return "" }
        // Two empty strings: a blank line after the report this section is appended to.
        var lines = ["", "", style.bold("Memory") + style.muted(" — spaced review (FSRS-6, aiming at \(Number.grouped(report.desiredRetention * 100)) % recall)")]
        var summary = "  \(report.cards) cards · \(report.due) due now"
        if let predicted = report.predictedRecall { summary += " · predicted recall now \(Number.grouped((predicted * 100).rounded())) %" }
        lines += TextWrapper.wrap(summary, width: width, hangingIndent: 4)
        if let measured = report.measuredRetention {
            lines += TextWrapper.wrap("  Recall when cards came back a day or more later: \(Number.grouped((measured * 100).rounded())) % (\(report.returns) returns)",
                                      width: width, hangingIndent: 4)
        }
        if !report.weakening.isEmpty {
            lines.append("")
            lines.append(style.bold("Getting weaker") + style.muted(" — lowest predicted recall first"))
            var table = TextTable(columns: [.init("card"), .init("where"), .init("recall", alignment: .right), .init("lapses", alignment: .right)], indent: 2)
            for card in report.weakening.prefix(6) {
                table.add([card.title, card.origin, "\(Number.grouped((card.recall * 100).rounded())) %", card.lapses > 0 ? "\(card.lapses)" : ""])
            }
            lines.append(table.render(width: width, style: style))
            lines += TextWrapper.wrap(style.muted("'review' asks what is due; answering brings a card's recall back up."), width: width)
        }
        return lines.joined(separator: "\n")
    }
}
