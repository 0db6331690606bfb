import Exercises
import Foundation
import LineEditor
import LambdaService
import MiniLambda
import Quiz
import TerminalUI
import TutorSupport
import Curriculum

extension Command {
    /// Autograded exercises, the rustlings way: pick one, edit the starter, verify, hint.
    static var exerciseCommands: [Command] {
        [exercises, exercise, verify, hint]
    }

    static let exercises = Command(
        "exercises", group: .exercises,
        summary: "List the exercises and where you stand with each",
        usage: ["exercises [--lesson ID] [--json]", "exercises verify [ID …] --solutions", "exercises verify [ID] [--watch]"],
        synopsis: "exercises [--lesson ID] [--json]",
        discussion: """
        Each exercise asks you to make a handler pass hidden test cases on the mini Lambda. Status is \
        not started, in progress (your function exists) or done (every case passed once). --json prints \
        `[{"id", "lesson", "runtime", "status"}]`. For trainers and CI, `exercises verify --solutions` runs \
        every exercise's reference solution (it must pass) and its starter (it must fail) and exits non-zero \
        otherwise; give ids to check only those.
        """,
        examples: ["exercises", "exercises --lesson event-sources", "exercises --json", "exercises verify --solutions"],
        options: [
            OptionSpec("lesson", value: "ID", help: "only the exercises of this lesson"),
            OptionSpec("json", help: "print the list as JSON (id, lesson, runtime, status)"),
            OptionSpec("solutions", help: "with verify: check that each solution passes and each starter fails"),
            OptionSpec("watch", help: "with verify: verify again whenever you save"),
        ],
        complete: { request, session in
            let words = request.precedingWords
            if words.last == "--lesson" { return session.catalog.lessons.map(\.id) }
            if words.count == 1 { return ["verify"] }
            return words.count >= 2 && words[1] == "verify" ? ExerciseService.of(session).catalog.ids : []
        },
        run: { context in
            if context.arguments.positional(0) == "verify" {
                let ids = Array(context.arguments.positionals.dropFirst())
                if context.arguments.flag("solutions") {
                    try await verifySolutions(context, ids: ids)
                } else {
                    guard ids.count <= 1 else { throw CommandError("verify takes one exercise id (or --solutions to check several)") }
                    try await verifyAttempt(context, id: ids.first, watch: context.arguments.flag("watch"))
                }
                return
            }
            if let word = context.arguments.positional(0) {
                throw CommandError("exercises has no subcommand '\(word)'", hint: "to start an exercise: exercise \(word)")
            }
            if context.arguments.flag("solutions") || context.arguments.flag("watch") {
                throw CommandError("--solutions and --watch go with 'exercises verify'")
            }
            try listExercises(context)
        })

    static let exercise = Command(
        "exercise", group: .exercises,
        summary: "Start an exercise (or go back to it): its task and a starter function",
        usage: ["exercise ID [--as NAME] [--reset]", "exercise ID --solution"],
        discussion: """
        Creates a function named after the exercise with the starter code and the settings the tests use, \
        then shows the task. A function you already have is never overwritten without asking: starting an \
        exercise again just shows the task; --reset puts the starter back (after you confirm); --as picks \
        another function name. --solution shows the reference solution once you have passed or seen every hint.
        """,
        examples: ["exercise sqs-partial-batch", "exercise hello-event --as my-hello", "exercise fix-totals --reset"],
        options: [
            OptionSpec("as", value: "NAME", help: "the function to create (default: the exercise id)"),
            OptionSpec("reset", help: "replace your code with the starter (asks first)"),
            OptionSpec("solution", help: "show the reference solution (after you pass, or after every hint)"),
        ],
        complete: { request, session in request.precedingWords.count == 1 ? ExerciseService.of(session).catalog.ids : [] },
        run: { context in
            try context.arguments.expectAtMost(1)
            let id = try context.arguments.required(0, "an exercise id ('exercises' lists them)")
            try await startExercise(context, id: id)
        })

    static let verify = Command(
        "verify", group: .exercises,
        summary: "Run the hidden test cases against your function",
        usage: ["verify [ID] [--watch]"],
        discussion: """
        Runs every case of the exercise (the one you opened last, or ID) on the mini Lambda with your code \
        and the exercise's settings, each case in a new execution environment, and explains each failure. \
        With --watch it runs again every time you save the file; Ctrl-C stops watching.
        """,
        examples: ["verify", "verify sqs-partial-batch", "verify --watch"],
        options: [OptionSpec("watch", help: "verify again whenever you save; Ctrl-C stops")],
        complete: { request, session in request.precedingWords.count == 1 ? ExerciseService.of(session).catalog.ids : [] },
        run: { context in
            try context.arguments.expectAtMost(1)
            try await verifyAttempt(context, id: context.arguments.positional(0), watch: context.arguments.flag("watch"))
        })

    static let hint = Command(
        "hint", group: .exercises,
        summary: "Show the next hint of the exercise you are on",
        usage: ["hint [ID] [--all]"],
        discussion: "Hints go from a nudge to nearly the answer; each `hint` shows one more. --all shows the ones you have seen again.",
        examples: ["hint", "hint sqs-partial-batch", "hint --all"],
        options: [OptionSpec("all", help: "show every hint seen so far")],
        complete: { request, session in request.precedingWords.count == 1 ? ExerciseService.of(session).catalog.ids : [] },
        run: { context in
            try context.arguments.expectAtMost(1)
            try showHint(context, id: context.arguments.positional(0))
        })

    // MARK: - exercises

    private static func listExercises(_ context: CommandContext) throws {
        let service = ExerciseService.of(context.session)
        let progress = service.progress(context.console)
        var chosen = service.inCourseOrder(context.session)
        if let lesson = context.arguments.option("lesson") {
            _ = try context.session.lesson(named: lesson)
            chosen = chosen.filter { $0.lesson == lesson }
        }
        let rows = chosen.map { ($0, service.status(of: $0, in: progress)) }
        if context.arguments.flag("json") {
            context.console.line(ExerciseView.json(rows))
            return
        }
        let style = context.console.style
        guard !rows.isEmpty else {
            context.console.line(service.catalog.exercises.isEmpty ? "No exercises are loaded." : "This lesson has no exercises.")
            return
        }
        let titles = Dictionary(context.session.catalog.lessons.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        var text = ExerciseView.list(rows, lessonTitles: titles, current: progress.current, width: context.console.width, style: style)
        if !service.catalog.skipped.isEmpty {
            text += "\n" + style.warning("\(service.catalog.skipped.count) exercise(s) could not be loaded; 'lambda-tutor check' shows why")
        }
        context.console.page(text)
    }

    // MARK: - exercise ID

    private static func startExercise(_ context: CommandContext, id: String) async throws {
        let session = context.session
        let service = ExerciseService.of(session)
        let exercise = try service.exercise(id)
        var progress = service.progress(context.console)
        let style = context.console.style
        if context.arguments.flag("solution") {
            try showSolution(context, exercise, progress: progress)
            return
        }
        let name = context.arguments.option("as") ?? progress.exercises[exercise.id]?.function ?? exercise.id
        try FunctionConfiguration.validateName(name)
        let runtime = RuntimeService.of(session)
        switch service.workspace.slot(name, for: exercise, progress: progress) {
        case .free:
            try service.workspace.place(exercise, as: name, replacing: false)
            context.console.line(style.success("✓") + " Created " + style.bold(name) + " with the starter code.")
        case .attempt:
            if context.arguments.flag("reset") {
                guard await session.confirm("Replace your code in \(name) with the starter? Your changes are lost.", default: false) else {
                    context.console.line("Kept your code.")
                    return
                }
                try service.workspace.place(exercise, as: name, replacing: true)
                await runtime.invoker.retireEnvironments(functionName: name)
                context.console.line(style.success("✓") + " Put the starter back into " + style.bold(name) + ".")
            } else {
                context.console.line(style.muted("Continuing: your code in \(name) is as you left it (--reset starts over)."))
            }
        case .taken:
            guard await session.confirm("You already have a function called \(name) that is not from this exercise. Replace its code and settings with the exercise's starter?", default: false) else {
                throw CommandError("kept your function \(name)", hint: "use another name: exercise \(exercise.id) --as \(exercise.id)-2")
            }
            try service.workspace.place(exercise, as: name, replacing: true)
            await runtime.invoker.retireEnvironments(functionName: name)
            context.console.line(style.success("✓") + " Replaced " + style.bold(name) + " with the starter code.")
        }
        let now = context.session.quiz.clock.now()
        progress = service.record(context.console) { saved in
            var entry = saved.exercises[exercise.id] ?? ExerciseProgress.Entry()
            if entry.function != name {
                entry.function = name
                entry.started = now
            }
            saved.exercises[exercise.id] = entry
            saved.current = exercise.id
        } ?? progress
        let support = FileManager.default.fileExists(atPath: exercise.supportFolder.path) ? ExerciseFiles.list(exercise.supportFolder).files : []
        let text = ExerciseView.task(exercise, function: name, files: runtime.registry.codeFiles(name), supportFiles: support,
                                     hintsShown: progress.exercises[exercise.id]?.hintsShown ?? 0, renderer: context.console.markdown, style: style)
        context.console.page(text)
    }

    private static func showSolution(_ context: CommandContext, _ exercise: Exercise, progress: ExerciseProgress) throws {
        let entry = progress.exercises[exercise.id]
        guard entry?.passed != nil || (entry?.hintsShown ?? 0) >= exercise.hints.count else {
            throw CommandError("the reference solution opens once you pass, or after every hint",
                               hint: "'hint \(exercise.id)' shows the next one (\(entry?.hintsShown ?? 0) of \(exercise.hints.count) seen)")
        }
        let style = context.console.style
        var parts = [style.bold("Reference solution of \(exercise.id)")]
        for file in ExerciseFiles.list(exercise.solutionFolder).files {
            let text = (try? String(contentsOf: exercise.solutionFolder.appendingPathComponent(file), encoding: .utf8)) ?? ""
            parts.append(style.heading(file) + "\n" + text)
        }
        context.console.page(parts.joined(separator: "\n\n"))
    }

    // MARK: - hint

    private static func showHint(_ context: CommandContext, id: String?) throws {
        let service = ExerciseService.of(context.session)
        let progress = service.progress(context.console)
        let exercise = try service.exercise(id, progress: progress)
        let style = context.console.style
        let seen = progress.exercises[exercise.id]?.hintsShown ?? 0
        if context.arguments.flag("all") {
            guard seen > 0 else {
                context.console.line("No hints seen yet for \(exercise.id); 'hint' shows the first.")
                return
            }
            for (index, text) in exercise.hints.prefix(seen).enumerated() {
                context.console.line(style.bold("Hint \(index + 1) of \(exercise.hints.count)") + "\n" + context.console.markdown.render(markdown: text))
            }
            return
        }
        let number = min(seen + 1, exercise.hints.count)
        context.console.line(style.bold("Hint \(number) of \(exercise.hints.count)") + style.muted(" · \(exercise.id)"))
        context.console.line(context.console.markdown.render(markdown: exercise.hints[number - 1]))
        if number == exercise.hints.count {
            context.console.line(style.muted("That is the last hint; 'exercise \(exercise.id) --solution' shows the reference solution."))
        }
        if number > seen {
            service.record(context.console) { saved in
                var entry = saved.exercises[exercise.id] ?? ExerciseProgress.Entry()
                entry.hintsShown = max(entry.hintsShown, number)
                saved.exercises[exercise.id] = entry
            }
        }
    }
}
