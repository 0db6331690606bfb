import Curriculum
import Foundation
import TerminalUI
import TutorSupport

extension ContentCheck {
    /// One thing a course would run on the learner's machine: a lesson's handler (run when the
    /// learner types `load` and `invoke`) or a `try` command (run when they type `run`).
    struct RunnableItem: Sendable {
        enum Kind: String, Sendable { case handler, tryCommand = "try" }
        var kind: Kind
        var file: String
        var line: Int
        var lesson: String
        var step: Int
        /// The command line, or the handler's fence line (`handler python name=hello`).
        var summary: String
        /// The handler's code (empty for a try command).
        var code: String
    }

    /// `lambda-tutor check --list-code [PATH…]`: what the lessons in `paths` (all loaded
    /// content with none) would run, in course order, with file:line, so a trainer or learner
    /// can read every handler and command before a workshop.
    static func runnableItems(paths: [String], sources: ContentSources, base: URL?) -> (items: [RunnableItem], diagnostics: [Diagnostic]) {
        let plan = Plan(paths: paths, sources: sources, base: base)
        let catalog = LessonCatalog.load(entries: plan.lessonEntries, parser: LessonParser(checkValidator: { _, _ in [] }), relativeTo: base)
        var items: [RunnableItem] = []
        for lesson in catalog.lessons where plan.checkedLessons?.contains(lesson.file) ?? true {
            for step in lesson.steps {
                var stepItems: [RunnableItem] = []
                for handler in step.handlers {
                    let attributes = handler.attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                    let fence = (["handler", handler.runtime == .python ? "python" : "node"] + attributes).joined(separator: " ")
                    stepItems.append(RunnableItem(kind: .handler, file: lesson.file, line: handler.line, lesson: lesson.id, step: step.number,
                                                  summary: fence, code: handler.code))
                }
                for command in step.tries {
                    stepItems.append(RunnableItem(kind: .tryCommand, file: lesson.file, line: command.line, lesson: lesson.id, step: step.number,
                                                  summary: command.command, code: ""))
                }
                items += stepItems.sorted { $0.line < $1.line }
            }
        }
        return (items, (plan.diagnostics + catalog.diagnostics.errors).filter(plan.isChecked))
    }

    /// Prints the list: `path:line: handler python name=hello (lesson step N)` and the code
    /// indented under it; `path:line: try invoke hello`. Exit status 1 if files could not be read.
    static func printRunnable(_ result: (items: [RunnableItem], diagnostics: [Diagnostic]), console: Console) -> Int32 {
        let style = console.style
        for diagnostic in result.diagnostics { console.line(colored(diagnostic, style)) }
        var handlers = 0
        var commands = 0
        for item in result.items {
            let place = "\(item.file):\(item.line):"
            let at = style.muted(" (\(item.lesson), step \(item.step))")
            switch item.kind {
            case .handler:
                handlers += 1
                console.line(place + " " + style.bold(item.summary) + at)
                for line in item.code.split(separator: "\n", omittingEmptySubsequences: false).dropLast(item.code.hasSuffix("\n") ? 1 : 0) {
                    console.line("    │ " + line)
                }
            case .tryCommand:
                commands += 1
                console.line(place + " try " + style.code(item.summary) + at)
            }
        }
        console.line("\(handlers) handler(s) and \(commands) try command(s) in \(Set(result.items.map(\.file)).count) lesson file(s). "
                     + "Handlers run when a learner types 'load' then 'invoke'; try commands when they type 'run'.")
        return result.diagnostics.hasErrors ? 1 : 0
    }
}
