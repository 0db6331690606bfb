import Foundation
import LambdaModel
import Quiz
import SpacedRepetition
import TutorSupport
import TerminalUI

extension Command {
    /// Spaced review: the due cards from every lesson and bank.
    static var reviewCommands: [Command] { [review] }

    static let review = Command(
        "review", group: .quiz,
        summary: "Review the questions and checkpoints that are due (spaced repetition)",
        usage: ["review [--count N]", "review --due [--json]", "review --retention [R]"],
        discussion: """
        Every question and checkpoint you answer — in a lesson, a quiz, an exam or here — becomes a review card, \
        scheduled with FSRS-6 so it comes back just before you would forget it. `review` asks the cards that are \
        due, most overdue first: questions as in `quiz`, checkpoints as in their lesson (a hint and a second try). \
        A wrong, revealed or guessed answer brings a card back within minutes; a right one pushes it out, further \
        the surer and quicker you were. `--due` only counts them (`--json`: {"due": N, "cards": M}). \
        `--retention R` sets how much you aim to still recall when a card comes back (0.70–0.97, default 0.90): \
        higher means more reviews. Set LAMBDA_TUTOR_NOW (ISO 8601) to see the schedule at another time.
        """,
        examples: ["review", "review --due", "review --due --json", "review --retention 0.85", "review --count 10"],
        options: [
            OptionSpec("due", help: "count the due cards instead of reviewing them"),
            OptionSpec("json", help: "with --due: print {\"due\": N, \"cards\": M}"),
            OptionSpec("count", value: "N", help: "review at most N cards"),
            OptionSpec("retention", value: "R", help: "set the recall you aim for (0.70–0.97; alone: show it)", valueOptional: true),
        ],
        run: { context in try await runReview(context) })

    static func runReview(_ context: CommandContext) async throws {
        try context.arguments.expectAtMost(0)
        let session = context.session
        let console = context.console
        let arguments = context.arguments
        if arguments.has("retention") {
            try setRetention(arguments.option("retention"), context)
            return
        }
        if arguments.flag("json"), !arguments.flag("due") {
            throw CommandError("--json goes with --due", hint: "review --due --json")
        }
        if session.modes.contains(where: { $0 is ReviewMode }) {
            throw CommandError("a review is already running", hint: "type stop to end it")
        }
        let service = session.review
        let (schedule, records, notices) = service.current()
        let now = service.clock.now()
        if arguments.flag("due") {
            // Notices go to stderr, so the JSON on stdout stays exactly the documented shape.
            for notice in notices { console.warning(notice) }
            let counts = service.counts(schedule, at: now)
            if arguments.flag("json") {
                console.line("{\"due\": \(counts.due), \"cards\": \(counts.cards)}")
            } else {
                let next = schedule.cards.values.filter { !$0.isDue(at: now) }.map(\.due).min()
                console.wrapped(ReviewView(console: console).dueLine(due: counts.due, cards: counts.cards, next: next, now: now))
            }
            return
        }
        for notice in notices { console.warning(notice) }
        var (items, missing) = service.dueItems(schedule, records: records, at: now)
        if missing > 0 {
            console.line(console.style.muted("\(missing) due card(s) are left out: their question or checkpoint is no longer in the content."))
        }
        if let count = try arguments.option("count").map({ text throws(CommandError) in try Arguments.integer(text, "--count", in: 1...10_000) }) {
            items = Array(items.prefix(count))
        }
        guard !items.isEmpty else {
            let counts = service.counts(schedule, at: now)
            let next = schedule.cards.values.filter { !$0.isDue(at: now) }.map(\.due).min()
            console.wrapped(ReviewView(console: console).dueLine(due: 0, cards: counts.cards, next: next, now: now))
            return
        }
        let mode = ReviewMode(items: items, scheduler: schedule.scheduler, policy: schedule.policy)
        session.push(mode)
        mode.start(session)
    }

    /// `review --retention [R]`: shows or sets (and saves) the desired retention.
    static func setRetention(_ text: String?, _ context: CommandContext) throws(CommandError) {
        let console = context.console
        let service = context.session.review
        let (settings, notice) = service.settings()
        if let notice { console.warning(notice) }
        let percent = { (value: Double) in Number.grouped(value * 100) + " %" }
        guard let text else {
            console.line("Desired retention: \(Number.grouped(settings.desiredRetention)) (cards come back when your recall is predicted to fall to \(percent(settings.desiredRetention))).")
            return
        }
        let range = ReviewSettings.retentionRange
        guard let value = Double(text.hasSuffix("%") ? String(text.dropLast()) : text).map({ text.hasSuffix("%") || $0 > 1 ? $0 / 100 : $0 }),
              range.contains(value) else {
            throw CommandError("the desired retention must be between \(Number.grouped(range.lowerBound)) and \(Number.grouped(range.upperBound)), not '\(text)'",
                               hint: "e.g. review --retention 0.85 (or 85%)")
        }
        var changed = settings
        changed.desiredRetention = value
        do {
            try changed.save(to: service.database)
        } catch {
            throw CommandError("the setting could not be saved: \(error.message)")
        }
        console.wrapped("Desired retention set to \(Number.grouped(value)) (was \(Number.grouped(settings.desiredRetention))). "
                        + (value > settings.desiredRetention ? "Cards will come back sooner, so expect more reviews." : value < settings.desiredRetention ? "Cards will come back later: fewer reviews, more forgetting." : ""))
        let (schedule, _, notices) = service.current()
        for notice in notices { console.warning(notice) }
        let counts = service.counts(schedule, at: service.clock.now())
        console.wrapped(console.style.muted("Your answers were replayed under the new setting: \(counts.due) of \(counts.cards) card(s) due now."))
    }
}
