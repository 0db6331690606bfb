import Curriculum
import TerminalUI
import TutorSupport
import Foundation

/// Renders one step of a lesson for the terminal: a header, the step's Markdown with lesson
/// blocks made visible (numbered `try` commands, loadable handlers, checkpoints), and a footer
/// that says what to type next.
struct LessonView {
    let renderer: MarkdownRenderer
    let style: Style
    let progress: LearnerProgress
    let catalog: LessonCatalog
    /// Renders a `check` block's question (the quiz engine supplies this).
    var renderCheck: (CheckBlock) -> [MarkdownBlock] = { block in
        [.code(info: "checkpoint", body: block.source, line: block.line)]
    }

    /// Where a step's checkpoints are drawn.
    enum Checkpoints {
        /// In place, where the author put them.
        case inline
        /// As a one-line marker in place, the questions themselves after the text (for a step
        /// that goes through the pager: the learner may leave it before the end, and the
        /// question must be on screen when the prompt returns).
        case deferred
    }

    /// The whole step with its checkpoints in place and the footer.
    func render(_ lesson: Lesson, step number: Int) -> String {
        render(lesson, step: number, checkpoints: .inline, footer: true)
    }

    /// The step's checkpoint questions and how to answer them, then the footer: what is printed
    /// after the pager closes.
    func checkpointsAndFooter(_ lesson: Lesson, step number: Int) -> String {
        guard let step = lesson.step(number) else { return "" }
        var blocks: [MarkdownBlock] = []
        for check in step.checks { blocks += renderCheck(check) }
        return [renderer.render(blocks), footer(lesson, step: step)].joined(separator: "\n\n")
    }

    func render(_ lesson: Lesson, step number: Int, checkpoints: Checkpoints, footer withFooter: Bool) -> String {
        guard let step = lesson.step(number) else { return "" }
        var parts: [String] = []
        let counter = style.muted("step \(number) of \(lesson.steps.count)")
        parts.append(style.bold(lesson.title) + "  " + counter)
        if number == 1 {
            parts.append(overview(lesson))
        }
        var blocks: [MarkdownBlock] = [.heading(level: 2, text: step.title, line: step.line)]
        var counters = Counters()
        blocks += transform(step.blocks, step: step, counters: &counters, checkpoints: checkpoints)
        parts.append(renderer.render(blocks))
        if withFooter { parts.append(footer(lesson, step: step)) }
        return parts.joined(separator: "\n\n")
    }

    /// Summary, time, prerequisites and objectives, shown above step 1.
    func overview(_ lesson: Lesson) -> String {
        var blocks: [MarkdownBlock] = [.paragraph(text: "*\(lesson.summary)*", line: 0)]
        var facts: [String] = []
        if let minutes = lesson.minutes { facts.append("about \(minutes) min") }
        facts.append("\(lesson.steps.count) steps")
        if !lesson.prerequisites.isEmpty {
            let marked = lesson.prerequisites.map { id -> String in
                let done = catalog.lesson(id).map { progress.status(of: $0) == .done } ?? false
                return done ? "`\(id)` ✓" : "`\(id)`"
            }
            facts.append("builds on " + marked.joined(separator: ", "))
        }
        blocks.append(.paragraph(text: facts.joined(separator: " · "), line: 0))
        if !lesson.objectives.isEmpty {
            blocks.append(.paragraph(text: "**By the end you can:**", line: 0))
            blocks.append(.list(ordered: false, start: 1, items: lesson.objectives.map { [.paragraph(text: $0, line: 0)] }, line: 0))
        }
        blocks += lesson.introduction
        return renderer.render(blocks)
    }

    /// Turns lesson blocks into display blocks, numbering try commands in reading order (the
    /// same order the parser collected them, so `run N` matches what is shown).
    struct Counters {
        var tries = 0
        var checks = 0
        var predictions = 0
    }

    func transform(_ blocks: [MarkdownBlock], step: LessonStep, counters: inout Counters, checkpoints: Checkpoints = .inline) -> [MarkdownBlock] {
        var out: [MarkdownBlock] = []
        for block in blocks {
            switch block {
            case .code(let info, let body, let line):
                let kind = info.split(separator: " ").first.map { $0.lowercased() } ?? ""
                switch kind {
                case "try":
                    var numbered: [String] = []
                    var first = 0
                    for raw in body.split(separator: "\n", omittingEmptySubsequences: false) {
                        guard let command = TryCommand.parse(raw, line: 0) else {
                            let comment = raw.trimmingCharacters(in: .whitespaces)
                            if !comment.isEmpty { numbered.append("   " + comment) }
                            continue
                        }
                        counters.tries += 1
                        if first == 0 { first = counters.tries }
                        numbered.append("\(counters.tries)  \(command.command)" + (command.expectsFailure ? "   ← fails on purpose" : ""))
                    }
                    let last = counters.tries
                    let label = first == last ? "try it · type run \(first)" : "try it · type run \(first) … run \(last)"
                    out.append(.code(info: label, body: numbered.joined(separator: "\n"), line: line))
                case "handler":
                    let language = info.split(separator: " ").dropFirst().first.map(String.init) ?? ""
                    out.append(.code(info: "handler \(language) · type load to use it", body: body, line: line))
                case "check":
                    if step.checks.indices.contains(counters.checks) {
                        switch checkpoints {
                        case .inline:
                            out.append(contentsOf: renderCheck(step.checks[counters.checks]))
                        case .deferred:
                            let which = step.checks.count > 1 ? "Checkpoint \(counters.checks + 1)" : "Checkpoint"
                            out.append(.paragraph(text: "**\(which)** — the question is shown below, after the text.", line: line))
                        }
                    }
                    counters.checks += 1
                case "predict":
                    // The question only: what really happens is shown after the command runs.
                    counters.predictions += 1
                    if let prediction = step.predictions.first(where: { $0.index == counters.predictions }) {
                        let options = prediction.choices.isEmpty ? "a number" + (prediction.observe.unit.map { " in \($0)" } ?? "")
                            : prediction.choices.joined(separator: " / ")
                        let text = "**Predict, then run:** \(prediction.ask) (\(options)) — `run \(prediction.tryNumber)` asks for your prediction before it runs the command."
                        out.append(.quote(blocks: [.paragraph(text: text, line: line)], line: line))
                    }
                default:
                    out.append(block)
                }
            case .list(let ordered, let start, let items, let line):
                out.append(.list(ordered: ordered, start: start, items: items.map { transform($0, step: step, counters: &counters, checkpoints: checkpoints) }, line: line))
            case .quote(let inner, let line):
                out.append(.quote(blocks: transform(inner, step: step, counters: &counters, checkpoints: checkpoints), line: line))
            case .callout(let kind, let inner, let line):
                out.append(.callout(kind: kind, body: transform(inner, step: step, counters: &counters, checkpoints: checkpoints), line: line))
            default:
                out.append(block)
            }
        }
        return out
    }

    func footer(_ lesson: Lesson, step: LessonStep) -> String {
        var hints: [String] = []
        if step.number > 1 { hints.append("back") }
        hints.append(step.number < lesson.steps.count ? "next" : "next (finishes the lesson)")
        if !step.tries.isEmpty { hints.append(step.tries.count == 1 ? "run" : "run 1–\(step.tries.count)") }
        if !step.handlers.isEmpty { hints.append("load") }
        if !step.checks.isEmpty { hints.append("answer") }
        hints.append("more")
        hints.append("help")
        return style.muted("── " + hints.joined(separator: " · "))
    }
}
