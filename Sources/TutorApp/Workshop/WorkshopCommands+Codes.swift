import Foundation
import Quiz
import TerminalUI
import TutorSupport

extension Command {
    /// `quiz --code X [--print-key]`: the room's quiz, or its answer key.
    static func startWorkshopQuiz(_ text: String, _ context: CommandContext) async throws {
        let session = context.session
        let arguments = context.arguments
        for other in ["domain", "topic", "type", "bank", "count", "seed", "missed"] where arguments.has(other) {
            throw CommandError("--code fixes the questions, so --\(other) cannot go with it")
        }
        let (code, selection) = try WorkshopSelection.parse(text, library: session.quiz.library)
        guard selection.preset == nil else {
            throw CommandError("\(code.text) is an exam code", hint: "start it with 'exam --code \(code.text)'")
        }
        session.quiz.reportLoadProblems(to: context.console)
        var practice = PracticeSession(questions: selection.pool(session.quiz.library), count: selection.count, seed: selection.seed,
                                       clock: session.quiz.clock)
        practice.workshop = code.text
        if arguments.flag("print-key") {
            context.console.page(WorkshopKey.render(code: code, title: "quiz", questions: practice.questions, style: context.console.style))
            return
        }
        session.quiz.learner = await session.learnerName()
        context.console.line(context.console.style.muted("Workshop \(code.text): \(practice.questions.count) question(s), the same for everyone in the room."))
        let mode = PracticeMode(practice, json: arguments.flag("json"), askConfidence: arguments.flag("confidence"))
        if mode.start(session) { session.push(mode) }
    }

    /// `exam --code X [--print-key]`: the room's exam, or its answer key.
    static func startWorkshopExam(_ text: String, _ context: CommandContext) async throws {
        let session = context.session
        let arguments = context.arguments
        for other in ["preset", "questions", "seed", "bank", "topic", "domain"] where arguments.has(other) {
            throw CommandError("--code fixes the exam, so --\(other) cannot go with it")
        }
        let quiz = session.quiz
        let (code, selection) = try WorkshopSelection.parse(text, library: quiz.library)
        guard let preset = selection.preset else {
            throw CommandError("\(code.text) is a quiz code", hint: "start it with 'quiz --code \(code.text)'")
        }
        let minutes = try arguments.option("minutes").map { text throws(CommandError) in try Arguments.integer(text, "--minutes", in: 1...600) }
        quiz.reportLoadProblems(to: context.console)
        let (exam, problems) = ExamSession.start(pool: selection.pool(quiz.library), preset: preset, questions: selection.count, minutes: minutes,
                                                 seed: selection.seed, clock: quiz.clock, workshop: code.text)
        if arguments.flag("print-key") {
            context.console.page(WorkshopKey.render(code: code, title: "exam (\(preset.name))", questions: exam.state.questions, style: context.console.style))
            return
        }
        for problem in problems { context.console.warning(problem.message) }
        guard exam.count > 0 else { throw CommandError("there are no questions for this exam", hint: "check the banks with 'lambda-tutor check'") }
        if session.modes.contains(where: { $0 is ExamMode }) {
            throw CommandError("an exam is already running", hint: "submit or pause it first")
        }
        quiz.learner = await session.learnerName()
        context.console.line(context.console.style.muted("Workshop \(code.text): \(exam.count) question(s), the same for everyone in the room."))
        let mode = ExamMode(exam, json: arguments.flag("json"))
        session.push(mode)
        mode.start(session, resumed: false)
    }

    /// `workshop code quiz|exam [--bank B] [--topic T] [--domain D] [--count N] [--preset P] [--seed S]`.
    static func makeWorkshopCode(_ context: CommandContext, kind: String) throws {
        let arguments = context.arguments
        let library = context.session.quiz.library
        context.session.quiz.reportLoadProblems(to: context.console)
        var filter = QuestionFilter()
        filter.domains = Set(try arguments.options("domain").map(domainName))
        filter.topics = Set(arguments.options("topic").map { $0.lowercased() })
        filter.banks = Set(arguments.options("bank"))
        let words = WorkshopSelection.Vocabulary(library)
        for bank in filter.banks where !words.banks.contains(bank) {
            throw CommandError("unknown bank '\(bank)'", hint: Suggestions.didYouMean(bank, in: words.banks) ?? "banks: " + words.banks.joined(separator: ", "))
        }
        for topic in filter.topics where !words.topics.contains(topic) {
            throw CommandError("unknown topic '\(topic)'", hint: Suggestions.didYouMean(topic, in: words.topics) ?? "'quiz --topic' lists them")
        }
        var preset: ExamPreset?
        if kind == "exam" {
            do throws(QuizError) {
                preset = try ExamPreset.named(arguments.option("preset") ?? ExamPreset.workshop.name)
            } catch {
                throw CommandError(error.message, hint: "see 'exam --presets'")
            }
        } else if kind != "quiz" {
            throw CommandError("workshop code makes a quiz or exam code, not '\(kind)'", hint: "workshop code quiz --bank NAME --count 10")
        }
        let count = try arguments.option("count").map { text throws(CommandError) in try Arguments.integer(text, "--count", in: 1...WorkshopCode.maxCount) }
            ?? preset?.questions ?? 10
        let seed = try arguments.option("seed").map { text throws(CommandError) in UInt64(try Arguments.integer(text, "--seed", in: 0...(1 << WorkshopCode.seedBits) - 1)) }
            ?? SeededRandom.freshSeed() & ((1 << UInt64(WorkshopCode.seedBits)) - 1)
        let selection = WorkshopSelection(filter: filter, count: count, seed: seed, preset: preset)
        let pool = selection.pool(library)
        guard !pool.isEmpty else { throw CommandError("no questions match that selection") }
        let code = try selection.code(library)
        let style = context.console.style
        context.console.line(style.bold(code.text))
        context.console.line("Learners type " + style.code("\(kind) --code \(code.text)") + "; the answer key: " + style.code("\(kind) --code \(code.text) --print-key") + ".")
        context.console.line(style.muted("It fixes the questions (\(min(count, pool.count)) of the \(pool.count) selected), their order, the shuffles and the generated numbers. "
                                         + "Every learner needs the same question banks (the same --content folder and tutor version)."))
    }
}

/// The trainer's answer key for a workshop code.
enum WorkshopKey {
    static func render(code: WorkshopCode, title: String, questions: [PresentedQuestion], style: Style) -> String {
        var lines = [style.bold("Answer key for \(code.text)") + " — \(title), \(questions.count) question(s), in the order learners see them"]
        for (index, question) in questions.enumerated() {
            lines.append(String(format: "%3d. ", index + 1) + question.id + "  " + style.success(Grader.keyText(for: question)))
        }
        return lines.joined(separator: "\n")
    }
}
