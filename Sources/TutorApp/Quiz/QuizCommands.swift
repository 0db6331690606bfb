import Curriculum
import Foundation
import LambdaModel
import LineEditor
import Quiz
import TerminalUI
import TutorSupport

extension Command {
    /// Practice, exams, results, lesson checkpoints, and moving questions to and from Moodle.
    static var quizCommands: [Command] {
        [quiz, exam, results, answer, importQuestions, exportQuestions]
    }

    static let quiz = Command(
        "quiz", aliases: ["practice"], group: .quiz,
        summary: "Practise questions with feedback after each answer",
        usage: ["quiz [--domain D] [--topic T] [--type TYPE] [--bank NAME] [--count N] [--seed S] [--confidence] [--json]",
                "quiz --code X [--print-key]", "quiz --missed", "quiz --topic"],
        discussion: """
        One question at a time; type the answer (letters `a c`, a number, or text). `hint` shows a hint, `show` \
        reveals the answer (recorded as revealed), `skip` moves on, `stop` ends the run. Add `sure`, `unsure` or \
        `guess` after an answer to rate your confidence, or use --confidence to be asked each time. The same \
        --seed gives the same questions and numbers, so a trainer can give a whole room one set. `--missed` asks \
        again the questions your latest answer got wrong (or you revealed); `--topic` alone lists the topics.
        """,
        examples: ["quiz", "quiz --domain security --count 5", "quiz --topic concurrency --seed 42", "quiz --type generated", "quiz --missed", "quiz --topic"],
        options: [
            OptionSpec("domain", value: "D", help: "only this domain (development, security, deployment, troubleshooting)", repeatable: true),
            OptionSpec("topic", value: "T", help: "only questions with this topic (alone: list the topics)", repeatable: true, valueOptional: true),
            OptionSpec("type", value: "TYPE", help: "only this question type", repeatable: true),
            OptionSpec("bank", value: "NAME", help: "only this bank", repeatable: true),
            OptionSpec("count", value: "N", help: "how many questions (default 10)"),
            OptionSpec("seed", value: "S", help: "reproduce a set of questions"),
            OptionSpec("confidence", help: "ask how sure you are after each answer"),
            OptionSpec("missed", help: "ask again what your latest answer got wrong"),
            OptionSpec("code", value: "X", help: "the workshop code your trainer gives (the same questions for the whole room)"),
            OptionSpec("print-key", help: "with --code: print the answer key instead of starting (for the trainer)"),
            OptionSpec("json", help: "print only a JSON summary at the end (for scripts)"),
        ],
        complete: { request, session in
            if request.precedingWords.last == "--topic" { return session.quiz.library.topics }
            return quizOptionCompletions(request)
        },
        run: { context in
            try context.arguments.expectAtMost(0)
            let session = context.session
            let arguments = context.arguments
            if arguments.flag("topic"), arguments.options("topic").isEmpty {
                listTopics(context)
                return
            }
            if let code = arguments.option("code") {
                try await startWorkshopQuiz(code, context)
                return
            }
            if arguments.flag("print-key") { throw CommandError("--print-key goes with --code", hint: "make a code with 'workshop code quiz …'") }
            var filter = QuestionFilter()
            filter.domains = Set(try arguments.options("domain").map(domainName))
            filter.topics = Set(arguments.options("topic").map { $0.lowercased() })
            filter.banks = Set(arguments.options("bank"))
            filter.types = Set(try arguments.options("type").map(questionType))
            var pool = filter.apply(to: session.quiz.library)
            session.quiz.reportLoadProblems(to: context.console)
            if arguments.flag("missed") {
                let (records, warnings) = try session.quiz.log.read()
                for warning in warnings { context.console.warning(warning.description) }
                let missed = MissedQuestions.ids(records)
                guard !missed.isEmpty else {
                    context.console.line(records.isEmpty ? "Nothing answered yet, so nothing missed. Try " + context.console.style.code("quiz") + "."
                                         : "Your latest answer to every question you tried was right: nothing to ask again.")
                    return
                }
                pool = pool.filter { missed.contains($0.id) }
                guard !pool.isEmpty else {
                    throw CommandError("none of the \(missed.count) question(s) you missed match those filters", hint: "quiz --missed alone asks them all")
                }
            }
            guard !pool.isEmpty else {
                throw CommandError("no questions match those filters", hint: "'quiz --topic' lists the topics; 'quiz' alone asks from every bank")
            }
            let count = try arguments.option("count").map { text throws(CommandError) in try Arguments.integer(text, "--count", in: 1...1000) }
                ?? (arguments.flag("missed") ? pool.count : 10)
            let seed = try seedOption(arguments)
            let practice = PracticeSession(questions: pool, count: count, seed: seed, clock: session.quiz.clock)
            let mode = PracticeMode(practice, json: arguments.flag("json"), askConfidence: arguments.flag("confidence"))
            if mode.start(session) { session.push(mode) }
        })

    static let exam = Command(
        "exam", group: .quiz,
        summary: "Take a timed practice exam scored like AWS (100–1000, 720 to pass)",
        usage: ["exam [--preset dva-c02|workshop] [--questions N] [--minutes M] [--pass PERCENT] [--seed S] [--bank B] [--topic T] [--domain D] [--json]",
                "exam --code X [--print-key]", "exam --resume", "exam --presets"],
        discussion: """
        No feedback until you submit. While it runs: `flag` marks the question for review, `goto N` jumps, `next` \
        and `back` move, `review` shows the grid of answered, open and flagged questions, `unanswer` takes back the answer to the current question, `submit` ends it (with a \
        warning about open questions), `pause` saves it for `exam --resume`. The time left is in the prompt and the end \
        time in each question's header; the prompt cannot refresh while it waits, so the first line typed after \
        the end (Enter alone too) reports that time ran out and when, and only answers given before it count. Ctrl-C asks whether to pause or abandon. Afterwards: the scaled score, \
        pass or fail, a per-domain breakdown, and `review wrong|flagged|all|N`.
        """,
        examples: ["exam", "exam --preset workshop", "exam --questions 20 --minutes 30 --seed 7", "exam --resume"],
        options: [
            OptionSpec("preset", value: "NAME", help: "dva-c02 (65 questions, 130 min; default) or workshop (15, 20 min)"),
            OptionSpec("questions", value: "N", help: "number of questions"),
            OptionSpec("minutes", value: "M", help: "time limit in minutes"),
            OptionSpec("pass", value: "PERCENT", help: "share correct needed to pass (default 72)"),
            OptionSpec("seed", value: "S", help: "reproduce a set of questions"),
            OptionSpec("bank", value: "NAME", help: "only questions of this bank", repeatable: true),
            OptionSpec("topic", value: "T", help: "only questions with this topic", repeatable: true),
            OptionSpec("domain", value: "D", help: "only questions of this domain", repeatable: true),
            OptionSpec("code", value: "X", help: "the workshop code your trainer gives (the same exam for the whole room)"),
            OptionSpec("print-key", help: "with --code: print the answer key instead of starting (for the trainer)"),
            OptionSpec("resume", help: "continue the exam you paused"),
            OptionSpec("presets", help: "list the presets"),
            OptionSpec("json", help: "print only a JSON result at the end (for scripts)"),
        ],
        complete: { request, _ in
            request.precedingWords.last == "--preset" ? ExamPreset.all.map(\.name) : []
        },
        run: { context in
            try context.arguments.expectAtMost(0)
            let session = context.session
            let arguments = context.arguments
            let console = context.console
            if arguments.flag("presets") {
                for preset in ExamPreset.all {
                    console.line(console.style.code(preset.name) + "  \(preset.title): \(preset.questions) questions, \(preset.minutes) min, "
                                 + "\(Number.grouped(preset.passPercent)) % to pass" + (preset.unscored > 0 ? ", \(preset.unscored) unscored" : ""))
                }
                return
            }
            if session.modes.contains(where: { $0 is ExamMode }) {
                throw CommandError("an exam is already running", hint: "submit or pause it first")
            }
            let quiz = session.quiz
            if arguments.flag("resume") {
                let (paused, warnings) = quiz.exams.paused()
                for warning in warnings { console.warning(warning) }
                guard let state = paused.first else {
                    throw CommandError("there is no paused exam", hint: "start one with 'exam'")
                }
                let mode = ExamMode(ExamSession(resuming: state, clock: quiz.clock), json: arguments.flag("json"))
                session.push(mode)
                mode.start(session, resumed: true)
                return
            }
            if let code = arguments.option("code") {
                try await startWorkshopExam(code, context)
                return
            }
            if arguments.flag("print-key") { throw CommandError("--print-key goes with --code", hint: "make a code with 'workshop code exam …'") }
            let preset: ExamPreset
            do throws(QuizError) {
                preset = try ExamPreset.named(arguments.option("preset") ?? ExamPreset.developerAssociate.name)
            } catch {
                throw CommandError(error.message, hint: "see 'exam --presets'")
            }
            let questions = try arguments.option("questions").map { text throws(CommandError) in try Arguments.integer(text, "--questions", in: 1...500) }
            let minutes = try arguments.option("minutes").map { text throws(CommandError) in try Arguments.integer(text, "--minutes", in: 1...600) }
            let pass = try arguments.option("pass").map { text throws(CommandError) in Double(try Arguments.integer(text, "--pass", in: 1...99)) }
            let seed = try seedOption(arguments)
            quiz.reportLoadProblems(to: console)
            if let paused = quiz.exams.paused().exams.first {
                console.warning("you also have a paused exam from \(QuizView.date(paused.pausedAt ?? paused.started)); 'exam --resume' continues it")
            }
            var filter = QuestionFilter()
            filter.domains = Set(try arguments.options("domain").map(domainName))
            filter.topics = Set(arguments.options("topic").map { $0.lowercased() })
            filter.banks = Set(arguments.options("bank"))
            let pool = filter.apply(to: quiz.library)
            guard !pool.isEmpty else {
                throw CommandError("no questions match those filters", hint: "'quiz --topic' lists the topics; 'exam' alone draws from every bank")
            }
            let (exam, problems) = ExamSession.start(pool: pool, preset: preset, questions: questions, minutes: minutes,
                                                     passPercent: pass, seed: seed, clock: quiz.clock)
            for problem in problems { console.warning(problem.message) }
            guard exam.count > 0 else { throw CommandError("there are no questions for this exam", hint: "check the banks with 'lambda-tutor check'") }
            if exam.count < (questions ?? preset.questions) {
                console.warning("the banks hold \(exam.count) eligible questions, so this exam has \(exam.count) (time scaled to match)")
            }
            let mode = ExamMode(exam, json: arguments.flag("json"))
            session.push(mode)
            mode.start(session, resumed: false)
        })

    static let results = Command(
        "results", aliases: ["history"], group: .quiz,
        summary: "Your history, the trend per domain, and what to study next",
        usage: ["results [--preset NAME] [--json]", "results --export csv|json FILE [--yes]"],
        discussion: """
        Skipped questions are counted apart and left out of every share correct. The domains are those of the \
        exam you prepare for: the preset of your latest exam, or the one --preset names (dva-c02 when there is \
        none). Answers rated sure, unsure or guess show how well your confidence matches your answers.
        """,
        examples: ["results", "results --export csv answers.csv"],
        options: [
            OptionSpec("export", value: "FORMAT", help: "write every recorded answer as csv or json to FILE"),
            OptionSpec("yes", help: "replace FILE if it exists"),
            OptionSpec("preset", value: "NAME", help: "speak of this exam's domains (dva-c02, saa-c03, workshop)"),
            OptionSpec("json", help: "print the report as JSON"),
        ],
        complete: { request, _ in request.precedingWords.last == "--preset" ? ExamPreset.all.map(\.name) : [] },
        run: { context in
            let session = context.session
            let console = context.console
            let quiz = session.quiz
            let (records, warnings) = try quiz.log.read()
            for warning in warnings { console.warning(warning.description) }
            if let format = context.arguments.option("export") {
                try context.arguments.expectAtMost(1)
                guard let kind = ResultsExport.Format(rawValue: format.lowercased()) else {
                    throw CommandError("cannot export as '\(format)'", hint: "use csv or json")
                }
                let path = try context.arguments.required(0, "a file to write (or - for the screen)")
                let text: String
                switch kind {
                case .csv: text = ResultsExport.render(records, as: .csv)
                case .json:
                    // The file a trainer collects for `workshop report`: the learner, and each
                    // answer with its bank and the options' text.
                    let library = quiz.library
                    let banks = Dictionary(library.banks.flatMap { bank in bank.questions.map { ($0.id, bank.name) } }, uniquingKeysWith: { first, _ in first })
                    text = ResultsDocument(records: records, questions: library.questions, banks: banks, exported: quiz.clock.now()).encoded()
                }
                if path == "-" {
                    console.line(text.hasSuffix("\n") ? String(text.dropLast()) : text)
                } else {
                    let url = URL(fileURLWithPath: path)
                    try await session.mayOverwrite(url, yes: context.arguments.flag("yes"))
                    try AtomicFile.write(text, to: url, permissions: 0o644)
                    console.line("Wrote \(records.count) answer(s) to \(path).")
                }
                return
            }
            try context.arguments.expectAtMost(0)
            let exams = quiz.exams.completed()
            var focus: ExamPreset?
            if let name = context.arguments.option("preset") {
                do throws(QuizError) {
                    focus = try ExamPreset.named(name)
                } catch {
                    throw CommandError(error.message, hint: "see 'exam --presets'")
                }
            }
            let report = ResultsReport(records: records, exams: exams, questions: quiz.library.questions, focus: focus)
            if context.arguments.flag("json") {
                console.line(QuizJSON.encode(report))
            } else {
                console.page(QuizView(console: console).report(report) + ReviewView(console: console).memory(session.review.retentionReport()))
            }
        })

    static let importQuestions = Command(
        "import", group: .quiz,
        summary: "Convert a Moodle GIFT or Aiken file into a question bank",
        usage: ["import gift|aiken FILE [-o Quizzes/NAME.yaml] [--domain D] [--prefix ID]"],
        discussion: """
        Without -o the bank is printed. Problems are reported as file:line:col; questions with errors are \
        left out and the rest convert. Partial-credit weights, essays and descriptions cannot be carried over \
        and are reported. Run 'lambda-tutor check' on the result.
        """,
        examples: ["import gift moodle-export.gift -o Quizzes/moodle.yaml", "import aiken week1.txt --domain security"],
        options: [
            OptionSpec("output", value: "FILE", help: "write the bank here (also -o)"),
            OptionSpec("domain", value: "D", help: "domain for questions that name none (default development)"),
            OptionSpec("prefix", value: "ID", help: "start of generated ids (default: the file name)"),
            OptionSpec("yes", help: "replace the -o file if it exists"),
        ],
        complete: { request, _ in request.precedingWords.count == 1 ? ["gift", "aiken"] : [] },
        run: { context in
            var (positionals, output) = splitOutput(context.arguments)
            output = output ?? context.arguments.option("output")
            guard positionals.count == 2 else { throw CommandError("import needs a format and a file", hint: "e.g. import gift questions.gift -o Quizzes/imported.yaml") }
            let format = positionals[0].lowercased()
            let file = positionals[1]
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw CommandError("cannot read \(file): \(error.localizedDescription)")
            }
            let options = ImportOptions(domain: try context.arguments.option("domain").map(domainName) ?? ExamDomain.development.id,
                                        idPrefix: context.arguments.option("prefix"))
            let result: ImportResult
            switch format {
            case "gift": result = GIFTParser.parse(text, file: file, options: options)
            case "aiken": result = AikenFormat.parse(text, file: file, options: options)
            default: throw CommandError("unknown format '\(format)'", hint: "use gift or aiken")
            }
            let console = context.console
            for diagnostic in result.diagnostics.sortedByLocation() {
                console.error(diagnostic.description)
            }
            let name = output.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent } ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let yaml = BankWriter.write(result.questions, bank: bankName(name),
                                        header: "Imported from \(URL(fileURLWithPath: file).lastPathComponent) (\(format)) by lambda-tutor.\nCheck it with: lambda-tutor check")
            if let output, output != "-" {
                let target = URL(fileURLWithPath: output)
                try await context.session.mayOverwrite(target, yes: context.arguments.flag("yes"))
                let replaced = previousQuestions(target)
                try AtomicFile.write(yaml, to: target, permissions: 0o644)
                console.line("Imported \(result.questions.count) question(s) into \(output)"
                             + (result.diagnostics.isEmpty ? "." : "; \(result.diagnostics.errors.count) error(s) and \(result.diagnostics.warnings.count) warning(s) above."))
                followRenamedQuestions(QuestionIDMap.between(old: replaced, new: result.questions), context.session)
            } else {
                console.line(yaml.hasSuffix("\n") ? String(yaml.dropLast()) : yaml)
            }
            if result.diagnostics.hasErrors { throw CommandError("some questions could not be imported (see above)") }
        })

    /// The questions of the bank an import is about to replace (none if there is no such file
    /// or it does not parse): their ids may have been given by position by an older version.
    static func previousQuestions(_ url: URL) -> [Question] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return BankParser.parse(yaml: text, file: url.path).bank.questions
    }

    /// Moves the learner's past answers to the re-imported questions' new ids, and says so.
    static func followRenamedQuestions(_ map: [String: String], _ session: Session) {
        guard !map.isEmpty else { return }
        do {
            let moved = try session.quiz.log.renameQuestions(map)
            guard moved > 0 else { return }
            session.console.line("\(moved) past answer(s) now point at the new ids of \(map.count) question(s) whose id changed "
                                 + "(same text; ids now come from the question's text, not its position).")
        } catch {
            session.console.warning("past answers could not be moved to the new question ids: \(error.message)")
        }
    }

    static let exportQuestions = Command(
        "export", group: .quiz,
        summary: "Write questions as Moodle GIFT or Aiken",
        usage: ["export gift|aiken [SELECTION…] -o FILE [--seed S]"],
        discussion: """
        A selection is any of domain:D, topic:T, type:TYPE, bank:NAME, exam:CODE and question ids; none means all. \
        What the format cannot hold is listed after writing (Aiken keeps single-answer questions only; GIFT has \
        no ordering or generated type). --seed picks the variant written for generated questions.
        """,
        examples: ["export gift -o all.gift", "export gift domain:security -o security.gift", "export aiken bank:development -o dev.txt"],
        options: [
            OptionSpec("output", value: "FILE", help: "the file to write (also -o; - prints it)"),
            OptionSpec("seed", value: "S", help: "variant for generated questions (default 1)"),
            OptionSpec("yes", help: "replace the -o file if it exists"),
        ],
        complete: { request, _ in request.precedingWords.count == 1 ? ["gift", "aiken"] : ["domain:", "topic:", "type:", "bank:"] },
        run: { context in
            var (positionals, output) = splitOutput(context.arguments)
            output = output ?? context.arguments.option("output")
            guard let format = positionals.first?.lowercased() else {
                throw CommandError("export needs a format", hint: "e.g. export gift -o questions.gift")
            }
            guard let output else { throw CommandError("export needs -o FILE", hint: "e.g. export \(format) -o questions.\(format == "gift" ? "gift" : "txt") (or -o - to print)") }
            positionals.removeFirst()
            let filter: QuestionFilter
            do throws(QuizError) {
                filter = try QuestionFilter(parsing: positionals)
            } catch {
                throw CommandError(error.message)
            }
            let questions = filter.apply(to: context.session.quiz.library)
            guard !questions.isEmpty else { throw CommandError("no questions match '\(positionals.joined(separator: " "))'") }
            let result: ExportResult
            switch format {
            case "gift":
                let seed = try context.arguments.option("seed").map { text throws(CommandError) in UInt64(try Arguments.integer(text, "--seed", in: 0...Int.max)) } ?? 1
                result = GIFTWriter.write(questions, seed: seed)
            case "aiken": result = AikenFormat.write(questions)
            default: throw CommandError("unknown format '\(format)'", hint: "use gift or aiken")
            }
            let console = context.console
            if output == "-" {
                console.line(result.text.hasSuffix("\n") ? String(result.text.dropLast()) : result.text)
            } else {
                try await context.session.mayOverwrite(URL(fileURLWithPath: output), yes: context.arguments.flag("yes"))
                try AtomicFile.write(result.text, to: URL(fileURLWithPath: output), permissions: 0o644)
                console.line("Wrote \(result.exported) of \(questions.count) question(s) to \(output).")
            }
            for note in result.notes { console.warning("not carried over: " + note) }
        })

    // MARK: - Helpers

    /// `quiz --topic` alone: every topic with its number of questions.
    static func listTopics(_ context: CommandContext) {
        let library = context.session.quiz.library
        let style = context.console.style
        var counts: [String: Int] = [:]
        for question in library.questions { for topic in Set(question.topics.map { $0.lowercased() }) { counts[topic, default: 0] += 1 } }
        guard !counts.isEmpty else {
            context.console.line("The question banks name no topics.")
            return
        }
        let items = counts.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }
        context.console.line(style.bold("Topics") + style.muted(" — quiz --topic NAME asks only those; Tab completes them"))
        context.console.page(TextWrapper.wrap(items: items, separator: " · ", width: context.console.width, indent: "  ")
            .map { $0.hasPrefix("  ") ? $0 : "  " + $0 }.joined(separator: "\n"))
    }

    /// `-o FILE` among the positionals (the option parser only knows `--output`).
    static func splitOutput(_ arguments: Arguments) -> (positionals: [String], output: String?) {
        var positionals = arguments.positionals
        guard let index = positionals.firstIndex(of: "-o"), index + 1 < positionals.count else { return (positionals, nil) }
        let output = positionals[index + 1]
        positionals.removeSubrange(index...(index + 1))
        return (positionals, output)
    }

    static func domainName(_ text: String) throws(CommandError) -> String {
        if let domain = ExamDomain.named(text) { return domain.id }
        throw CommandError("unknown domain '\(text)'", hint: Suggestions.didYouMean(text, in: ExamDomain.all.map(\.id))
            ?? "domains: " + ExamDomain.all.map(\.id).joined(separator: ", "))
    }

    static func questionType(_ text: String) throws(CommandError) -> QuestionType {
        if let type = QuestionType(rawValue: text.lowercased()) { return type }
        throw CommandError("unknown question type '\(text)'", hint: Suggestions.didYouMean(text, in: QuestionType.allCases.map(\.rawValue))
            ?? "types: " + QuestionType.allCases.map(\.rawValue).joined(separator: ", "))
    }

    static func seedOption(_ arguments: Arguments) throws(CommandError) -> UInt64 {
        guard let text = arguments.option("seed") else { return SeededRandom.freshSeed() }
        return UInt64(try Arguments.integer(text, "--seed", in: 0...Int.max))
    }

    static func quizOptionCompletions(_ request: CompletionRequest) -> [String] {
        switch request.precedingWords.last {
        case "--domain": ExamDomain.all.map(\.id)
        case "--type": QuestionType.allCases.map(\.rawValue)
        default: []
        }
    }

    static func bankName(_ name: String) -> String {
        name.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).joined(separator: "-")
    }

    /// A lesson checkpoint ready to ask: the same variant every time it is shown or answered.
    static func lessonCheck(_ block: CheckBlock, lesson: Lesson, step: LessonStep) -> (InlineCheck?, [Diagnostic]) {
        InlineCheck.parse(block.source, file: lesson.file, firstLine: block.line,
                          fallbackID: "\(lesson.id)/check-\(step.number).\(block.index)", lesson: lesson.id,
                          seed: SeededRandom.stableHash(block.source) & ((1 << 53) - 1))
    }
}
