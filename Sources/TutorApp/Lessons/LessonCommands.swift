import Curriculum
import Foundation
import LineEditor
import Quiz
import TerminalUI
import TutorSupport
import Synchronization

extension Command {
    /// Reading and moving through lessons.
    static var lessonCommands: [Command] {
        [lessons, lesson, next, back, step, again, whereAmI, progress, search, reset, run]
    }

    static let lessons = Command(
        "lessons", group: .lessons,
        summary: "List the lessons with your progress",
        examples: ["lessons"],
        run: { context in
            try context.arguments.expectAtMost(0)
            let session = context.session
            let style = context.console.style
            guard !session.catalog.lessons.isEmpty else {
                context.console.line("No lessons are loaded.")
                session.reportStartupProblems(to: context.console)
                return
            }
            var table = TextTable(columns: [.init(" "), .init("id"), .init("title"), .init("steps", alignment: .right),
                                            .init("min", alignment: .right), .init("progress"),
                                            .init("checkpoints", alignment: .right)])
            for lesson in session.catalog.lessons {
                let status = session.progress.status(of: lesson)
                let mark: String
                switch status {
                case .done: mark = style.success("✓")
                case .inProgress: mark = style.warning("◐")
                case .new: mark = style.muted("·")
                }
                let origin: String
                if case .trainer = lesson.origin { origin = style.muted(" (yours)") } else { origin = "" }
                let checkpoints = lesson.checkpoints.isEmpty ? "–" : session.progress.checkpointSummary(lesson)
                table.add([mark, style.code(lesson.id), lesson.title + origin, "\(lesson.steps.count)",
                           lesson.minutes.map(String.init) ?? "", session.bar(session.completion(of: lesson), width: 8, percent: false), checkpoints])
            }
            var text = session.courseLine() + "\n\n" + table.render(width: context.console.width, style: style)
            text += "\n\n" + style.muted("✓ done (every step seen, every checkpoint passed) · ◐ in progress · · new — progress: steps seen and checkpoints passed — open one with: lesson ID")
            if !session.catalog.skipped.isEmpty {
                text += "\n" + style.warning("\(session.catalog.skipped.count) lesson file(s) could not be loaded; 'lambda-tutor check' shows why")
            }
            context.console.page(text)
        })

    static let lesson = Command(
        "lesson", aliases: ["open"], group: .lessons,
        summary: "Open a lesson (where you left off, or at --step N)",
        usage: ["lesson ID [--step N]", "lesson"],
        discussion: "Without an id, shows the current step again.",
        examples: ["lesson what-is-lambda", "lesson handlers --step 3"],
        options: [OptionSpec("step", value: "N", help: "open at step N")],
        complete: { request, session in lessonArgumentCompletions(request, session) },
        run: { context in
            try context.arguments.expectAtMost(1)
            let session = context.session
            guard let id = context.arguments.positional(0) else {
                if context.arguments.has("step") {
                    throw CommandError("--step needs a lesson id", hint: "e.g. lesson what-is-lambda --step 2, or 'step N' in the open lesson")
                }
                _ = try session.currentLesson()
                session.showCurrentStep()
                return
            }
            let lesson = try session.lesson(named: id)
            let step: Int
            if let text = context.arguments.option("step") {
                step = try Arguments.integer(text, "--step")
            } else {
                step = min(max(session.progress.lessons[lesson.id]?.step ?? 1, 1), lesson.steps.count)
            }
            try session.open(lesson, step: step)
        })

    static let next = Command(
        "next", aliases: ["n"], group: .lessons,
        summary: "Go to the next step (at the last step: finish the lesson)",
        run: { context in
            try context.arguments.expectAtMost(0)
            let session = context.session
            let (lesson, step) = try session.currentLesson()
            if step.number < lesson.steps.count {
                try session.open(lesson, step: step.number + 1)
                return
            }
            session.progress.complete(lesson, now: session.quiz.clock.now())
            session.saveProgress()
            let style = context.console.style
            let open = session.progress.openCheckpoints(lesson)
            guard open.isEmpty else {
                let list = open.prefix(5).map { $0.label(in: lesson) }.joined(separator: ", ") + (open.count > 5 ? ", …" : "")
                context.console.wrapped("You reached the end of " + style.bold(lesson.title) + ". It is done once its checkpoints are: "
                                        + "\(session.progress.checkpointSummary(lesson)) passed; still open: \(list).")
                context.console.line("Type " + style.code("step \(open[0].step)") + " to answer the first one.")
                return
            }
            session.positionFinished = true
            context.console.say(style.success("✓") + " You finished " + style.bold(lesson.title) + ".", hanging: 2)
            if let suggestion = session.suggestedNext(after: lesson) {
                context.console.line("Next up: " + style.bold(suggestion.title) + " — type " + style.code("lesson \(suggestion.id)"))
            } else {
                context.console.line("That was the last unfinished lesson. Type " + style.code("progress") + " to see everything you have done.")
            }
        })

    static let back = Command(
        "back", aliases: ["b", "prev"], group: .lessons,
        summary: "Go back one step",
        run: { context in
            try context.arguments.expectAtMost(0)
            let (lesson, step) = try context.session.currentLesson()
            guard step.number > 1 else {
                throw CommandError("this is the first step of '\(lesson.id)'")
            }
            try context.session.open(lesson, step: step.number - 1)
        })

    static let step = Command(
        "step", group: .lessons,
        summary: "Jump to step N of the open lesson",
        usage: ["step N"],
        examples: ["step 3"],
        complete: { _, session in
            guard let position = session.position, let lesson = session.catalog.lesson(position.lessonID) else { return [] }
            return (1...lesson.steps.count).map(String.init)
        },
        run: { context in
            try context.arguments.expectAtMost(1)
            let text = try context.arguments.required(0, "a step number")
            let (lesson, _) = try context.session.currentLesson()
            try context.session.open(lesson, step: try Arguments.integer(text, "the step"))
        })

    static let again = Command(
        "more", aliases: ["again"], group: .lessons,
        summary: "Show the current step again (its checkpoint last)",
        discussion: "A step taller than the screen opens in the pager; its checkpoint questions are printed after it, so they are on screen when the prompt returns. `more` (or `again`) shows the step from the top once more.",
        run: { context in
            try context.arguments.expectAtMost(0)
            _ = try context.session.currentLesson()
            context.session.showCurrentStep()
        })

    static let whereAmI = Command(
        "where", group: .lessons,
        summary: "Show the open lesson and step",
        run: { context in
            try context.arguments.expectAtMost(0)
            let session = context.session
            let style = context.console.style
            guard let position = session.position, let lesson = session.catalog.lesson(position.lessonID),
                  let step = lesson.step(position.step) else {
                if let id = session.progress.currentLesson, let lesson = session.catalog.lesson(id) {
                    context.console.line("No lesson is open. You last worked on \(style.bold(lesson.title)) — type \(style.code("lesson \(lesson.id)")) to continue.")
                } else {
                    context.console.line("No lesson is open. Type \(style.code("lessons")) to pick one.")
                }
                return
            }
            context.console.line("\(style.bold(lesson.title)) (\(lesson.id)) · step \(step.number) of \(lesson.steps.count): \(step.title)")
            context.console.line(style.muted("\(session.progress.percentDone(lesson))% of this lesson seen · file \(lesson.file):\(step.line)"))
        })

    static let progress = Command(
        "progress", group: .lessons,
        summary: "Show how far you are in every lesson",
        run: { context in
            try context.arguments.expectAtMost(0)
            let session = context.session
            let style = context.console.style
            let lessons = session.catalog.lessons
            let done = lessons.filter { session.progress.status(of: $0) == .done }.count
            let totalSteps = lessons.reduce(0) { $0 + $1.steps.count }
            let seen = lessons.reduce(0) { total, lesson in
                total + (session.progress.lessons[lesson.id]?.visited.filter { (1...lesson.steps.count).contains($0) }.count ?? 0)
            }
            let checkpoints = lessons.reduce(0) { $0 + $1.checkpoints.count }
            let passed = lessons.reduce(0) { $0 + session.progress.passedCheckpoints($1).count }
            context.console.line(session.courseLine())
            context.console.wrapped(style.bold("Progress") + ": \(done) of \(lessons.count) lessons done · \(seen) of \(totalSteps) steps seen · \(passed) of \(checkpoints) checkpoints passed")
            var table = TextTable(columns: [.init(" "), .init("id"), .init("progress"), .init("where")], showHeader: false, indent: 2)
            for lesson in lessons {
                let status = session.progress.status(of: lesson)
                var whereText = ""
                if status == .inProgress, let entry = session.progress.lessons[lesson.id] {
                    whereText = "step \(entry.step) of \(lesson.steps.count)"
                }
                if !lesson.checkpoints.isEmpty {
                    whereText += (whereText.isEmpty ? "" : " · ") + "checkpoints \(session.progress.checkpointSummary(lesson))"
                    let open = session.progress.openCheckpoints(lesson)
                    if status == .inProgress, !open.isEmpty {
                        whereText += ", open: " + open.prefix(3).map { "\($0.step)" + (lesson.step($0.step).map { $0.checks.count > 1 } == true ? ".\($0.index)" : "") }
                            .joined(separator: ", ") + (open.count > 3 ? "…" : "")
                    }
                }
                let mark = status == .done ? style.success("✓") : status == .inProgress ? style.warning("◐") : style.muted("·")
                table.add([mark, lesson.id, session.bar(session.completion(of: lesson)), whereText])
            }
            var text = table.render(width: context.console.width, style: style)
            text += "\n" + style.muted("open: the steps whose checkpoints are still to pass ('step N' there, then 'answer'); a lesson is done when every step was seen and every checkpoint passed")
            context.console.page(TextWrapper.wrap(text, width: context.console.width).joined(separator: "\n"))
        })

    static let search = Command(
        "search", group: .lessons,
        summary: "Search all lessons for words",
        usage: ["search WORDS…"],
        examples: ["search cold start", "search reserved concurrency"],
        run: { context in
            let query = context.arguments.positionals.joined(separator: " ")
            guard !query.isEmpty else { throw CommandError("search needs words to look for", hint: "e.g. search cold start") }
            let hits = LessonSearch(catalog: context.session.catalog).search(query)
            let style = context.console.style
            guard !hits.isEmpty else {
                context.console.line("No lesson mentions \"\(query)\". Try fewer or different words.")
                return
            }
            var lines: [String] = []
            for hit in hits {
                let place = hit.step == 0 ? "overview" : "step \(hit.step)"
                lines += TextWrapper.wrap(style.code("lesson \(hit.lessonID) --step \(max(hit.step, 1))") + style.muted("  \(hit.lessonTitle) › \(place): \(hit.stepTitle)"),
                                          width: context.console.width, hangingIndent: 4)
                for line in TextWrapper.wrap(highlight(hit.excerpt, query: query, style: style), width: context.console.width - 4) {
                    lines.append("    " + line)
                }
            }
            context.console.page(lines.joined(separator: "\n"))
        })

    static let reset = Command(
        "reset", group: .lessons,
        summary: "Forget your progress in one lesson",
        usage: ["reset LESSON [--yes]"],
        examples: ["reset what-is-lambda"],
        options: [OptionSpec("yes", help: "do not ask for confirmation")],
        complete: { request, session in lessonArgumentCompletions(request, session) },
        run: { context in
            try context.arguments.expectAtMost(1)
            let session = context.session
            let id = try context.arguments.required(0, "a lesson id")
            let lesson = try session.lesson(named: id)
            if session.interactive, !context.arguments.flag("yes") {
                guard await session.confirm("Forget your progress in \"\(lesson.title)\"?", default: false) else {
                    context.console.line("Kept.")
                    return
                }
            }
            session.progress.reset(lesson.id)
            if session.position?.lessonID == lesson.id { session.position = nil }
            session.saveProgress()
            context.console.line("Progress in \(lesson.id) was reset.")
        })

    static let run = Command(
        "run", group: .lessons,
        summary: "Run the step's next 'try it' command",
        usage: ["run", "run N"],
        discussion: "Steps show their commands numbered. `run` runs the next one that has not run as the lesson meant: a command that failed stays next until it works. After the last one, `run` says so and `next` moves on; `run N` runs number N again.",
        examples: ["run", "run 2"],
        complete: { _, session in
            guard let position = session.position, let step = session.catalog.lesson(position.lessonID)?.step(position.step) else { return [] }
            return step.tries.indices.map { String($0 + 1) }
        },
        run: { context in
            try context.arguments.expectAtMost(1)
            let session = context.session
            let (lesson, step) = try session.currentLesson()
            guard !step.tries.isEmpty else {
                let later = lesson.steps.first { $0.number > step.number && !$0.tries.isEmpty }
                throw CommandError("this step has no commands to run",
                                   hint: later.map { "step \($0.number) has some; 'next' goes on" } ?? "'next' goes on")
            }
            let number: Int
            if let text = context.arguments.positional(0) {
                number = try Arguments.integer(text, "the command number", in: 1...step.tries.count)
            } else {
                guard let pending = (1...step.tries.count).first(where: { !session.triesRun.contains($0) }) else {
                    throw CommandError("all \(step.tries.count) command\(step.tries.count == 1 ? "" : "s") of this step have run",
                                       hint: "'run N' runs one again; 'next' goes on")
                }
                number = pending
            }
            let tryCommand = step.tries[number - 1]
            let command = tryCommand.command
            if command.split(separator: " ").first == "run" {
                throw CommandError("a try command cannot itself be 'run'")
            }
            let style = context.console.style
            // "Predict, then run": the prediction comes first, the comparison after the run.
            let prediction = step.prediction(forTry: number)
            var reply = PredictionFlow.Reply.none
            if let prediction {
                reply = await PredictionFlow.ask(prediction, session)
                RuntimeService.of(session).lastInvocation.withLock { $0 = nil }
            }
            context.console.line(style.muted("λ › ") + style.code(command))
            let succeeded = await session.execute(command)
            if let prediction {
                if case .predicted(let predicted) = reply {
                    PredictionFlow.settle(prediction, predicted: predicted, lesson: lesson, step: step, session: session)
                } else {
                    context.console.line(style.muted("── no prediction given, so none was recorded"))
                }
            }
            // A command typed at the prediction prompt runs once this `run` is done.
            func runTypedCommand() async {
                if case .command(let line) = reply { _ = await session.execute(line) }
            }
            if tryCommand.expectsFailure {
                session.triesRun.insert(number)
                context.console.line(style.muted(succeeded ? "── " + LessonWording.unexpectedSuccess : "── that error is the point of this step"))
            } else if succeeded {
                session.triesRun.insert(number)
            } else {
                await runTypedCommand()
                throw CommandError(LessonWording.tryFailed(number), hint: "fix what the error says, then 'run' tries it again")
            }
            if let pending = (1...step.tries.count).first(where: { !session.triesRun.contains($0) }) {
                context.console.line(style.muted("── next: run" + (pending == number + 1 ? "" : " \(pending)") + " (command \(pending) of \(step.tries.count))"))
            } else if step.tries.count > 1 || context.arguments.positional(0) == nil {
                context.console.line(style.muted("── that was the last command of this step; 'next' goes on"))
            }
            await runTypedCommand()
        })

    /// Lesson ids for the first argument.
    static func lessonArgumentCompletions(_ request: CompletionRequest, _ session: Session) -> [String] {
        request.precedingWords.count == 1 ? session.catalog.ids : []
    }

    /// Marks query words in an excerpt.
    static func highlight(_ text: String, query: String, style: Style) -> String {
        guard style.enabled else { return text }
        var result = text
        for word in query.split(separator: " ") where word.count > 1 {
            var output = ""
            var rest = Substring(result)
            while let range = rest.range(of: word, options: .caseInsensitive) {
                output += rest[..<range.lowerBound]
                output += style.bold(String(rest[range]))
                rest = rest[range.upperBound...]
            }
            result = output + rest
        }
        return result
    }
}
