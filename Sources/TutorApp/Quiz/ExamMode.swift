import Foundation
import LambdaModel
import LineEditor
import Quiz
import TutorSupport
import TerminalUI

/// `exam`: a timed exam at the prompt, then its review.
///
/// While running, a line is an answer or one of `flag`, `goto N`, `next`, `back`, `review`,
/// `unanswer`, `time`, `submit`, `pause`, `abandon` (not `clear`: that clears the screen here too,
/// as everywhere else). The time left is in the prompt and the end
/// time (a clock time, which cannot go stale) in the header of each question. At the deadline
/// the prompt gives up (``wakeAt(_:)``): the exam is submitted on screen with the answers given
/// before it, whatever was half typed is dropped. (In a script, the next line finds the time
/// up.) Every answer is saved at once (atomically),
/// so Ctrl-C, a crash or the end of a script never loses what was answered: `exam --resume`
/// continues from the last answer.
final class ExamMode: InteractiveMode, @unchecked Sendable {
    // @unchecked: the REPL hands lines to the top mode one at a time from the command task;
    // `exam` and `result` are never touched by two threads at once (same contract as `Session`).

    private var exam: ExamSession
    private var result: ExamResult?
    private let json: Bool

    static let words = ["flag", "goto", "next", "back", "review", "unanswer", "time", "submit", "pause", "abandon"]
    static let reviewWords = ["review all", "review wrong", "review flagged", "review unanswered", "done"]

    init(_ exam: ExamSession, json: Bool) {
        self.exam = exam
        self.json = json
    }

    func prompt(_ session: Session) -> String {
        let style = session.console.style
        if result != nil { return style.bold(style.accent("review")) + " " + style.muted("›") + " " }
        let left = exam.timeRemaining
        let clock = exam.timeRemainingText
        let shown = left < 300 ? style.warning(clock) : style.color(.cyan, clock)
        return style.bold(style.accent("exam")) + " \(exam.number)/\(exam.count) · " + shown + " " + style.muted("›") + " "
    }

    func start(_ session: Session, resumed: Bool) {
        let console = session.console
        let config = exam.state.config
        if !json {
            if resumed {
                console.wrapped(console.style.bold("Resuming") + " \(config.title): \(exam.count - exam.unanswered.count) of \(exam.count) answered, \(exam.timeRemainingText) left\(endsAt(prefix: ", ends at ")).")
            } else {
                console.line(console.style.bold(config.title) + ": \(exam.count) questions, \(ExamSession.clockText(config.timeLimit))\(endsAt(prefix: " (ends at ", suffix: ")")), "
                             + "pass mark \(ScoreScale.passScore) (\(Number.grouped(config.scale.passPercent)) % correct) · seed \(config.seed)")
                console.line(console.style.muted("No feedback until you submit. Commands: flag · goto N · next · back · review · submit · pause"))
            }
        }
        save(session)
        showCurrent(session)
    }

    func handle(_ line: String, _ session: Session) async throws -> ModeOutcome {
        if let result { return reviewing(line, result, session) }
        let console = session.console
        if let over = exam.checkTime() {
            timeRanOut(over, late: "'\(line)' was not recorded", session)
            return finish(over, session)
        }
        let words = line.split(separator: " ").map(String.init)
        switch words[0].lowercased() {
        case "flag":
            let flagged = exam.toggleFlag()
            save(session)
            console.line(flagged ? "Question \(exam.number) flagged for review." : "Flag removed from question \(exam.number).")
            return .handled
        case "goto", "go":
            guard words.count == 2, let number = Int(words[1]) else {
                console.error("goto needs a question number", hint: "e.g. goto 12 (1–\(exam.count))")
                return .failed
            }
            do {
                if case .finished(let over) = try exam.goto(number) { return finish(over, session) }
            } catch {
                console.error(error.message)
                return .failed
            }
            showCurrent(session)
            return .handled
        case "next", "n":
            if case .finished(let over) = exam.next() { return finish(over, session) }
            showCurrent(session)
            return .handled
        case "back", "prev", "previous", "p":
            if case .finished(let over) = exam.previous() { return finish(over, session) }
            showCurrent(session)
            return .handled
        case "review", "grid":
            console.line(QuizView(console: console).grid(exam.reviewGrid()))
            return .handled
        case "unanswer":
            if case .finished(let over) = exam.clearAnswer() { return finish(over, session) }
            save(session)
            console.line("Answer to question \(exam.number) cleared.")
            return .handled
        case "time":
            console.line("\(exam.timeRemainingText) left\(endsAt(prefix: " (ends at ", suffix: ")")) · \(exam.unanswered.count) unanswered")
            return .handled
        case "submit":
            return await submit(confirmed: words.contains("--yes") || words.contains("now"), session)
        case "pause":
            let state = exam.pause()
            save(session, state)
            if !json { console.line("Exam paused with \(exam.timeRemainingText) left. Continue with " + console.style.code("exam --resume") + ".") }
            return .finished
        case "abandon":
            guard await session.confirm("Abandon this exam? Your answers so far are kept in your results, but there is no score.", default: false) else {
                return .handled
            }
            abandon(session)
            return .finished
        default:
            break
        }
        guard let question = exam.current else { return .handled }
        let (answer, confidence) = Confidence.split(line, for: question.type)
        if case .failure = AnswerParser.parse(answer, for: question), PracticeMode.isCommand(line, session) {
            return .notHandled
        }
        let before = exam.number
        switch exam.answer(answer, confidence: confidence) {
        case .reprompt(let error):
            console.error(error.problem, hint: "accepted: " + error.accepted.joined(separator: "; ") + " · or flag, goto N, review, submit, pause")
            return .failed
        case .finished(let over):
            timeRanOut(over, late: "that answer came too late and was not recorded", session)
            return finish(over, session)
        case .confirmSubmit, .ok:
            save(session)
            if exam.number == before {
                let open = exam.unanswered
                if open.isEmpty {
                    console.line("That was the last question and every question is answered. Type " + console.style.code("submit") + " to finish, or " + console.style.code("review") + " to look again.")
                } else {
                    console.line("That was the last question. Still open: \(Self.list(open)). Type " + console.style.code("goto N") + ", " + console.style.code("review") + " or " + console.style.code("submit") + ".")
                }
            } else {
                showCurrent(session)
            }
            return .handled
        }
    }

    func interrupted(_ session: Session) async -> Bool {
        guard result == nil else { return false }
        let console = session.console
        if let over = exam.checkTime() {
            timeRanOut(over, late: nil, session)
            if case .finished = finish(over, session) { session.popMode() }
            return true
        }
        while true {
            guard let reply = await session.ask("Pause the exam (p), abandon it (a), or carry on (Enter)? ") else {
                // A second Ctrl-C or end of input: keep everything, as a pause would.
                save(session, exam.pause())
                console.line("Exam paused. Continue with " + console.style.code("exam --resume") + ".")
                session.popMode()
                return true
            }
            switch reply.trimmingCharacters(in: .whitespaces).lowercased() {
            case "", "c", "carry on", "continue":
                return true
            case "p", "pause":
                save(session, exam.pause())
                console.line("Exam paused with \(exam.timeRemainingText) left. Continue with " + console.style.code("exam --resume") + ".")
                session.popMode()
                return true
            case "a", "abandon":
                abandon(session)
                session.popMode()
                return true
            default:
                console.line("Please answer p, a, or press Enter.")
            }
        }
    }

    func endOfInput(_ session: Session) async {
        guard result == nil else { return }
        if let over = exam.checkTime() {
            // A script that ends after the deadline gets the result, not a paused exam.
            timeRanOut(over, late: nil, session)
            _ = finish(over, session)
            return
        }
        save(session, exam.pause())
        session.console.warning("input ended during the exam: it is paused and saved; continue with 'exam --resume'")
    }

    func wakeAt(_ session: Session) -> Date? {
        result == nil ? exam.deadline : nil
    }

    func emptyLine(_ session: Session) async -> ModeOutcome {
        guard result == nil, let over = exam.checkTime() else { return .handled }
        timeRanOut(over, late: nil, session)
        return finish(over, session)
    }

    func completions(_ request: CompletionRequest, _ session: Session) -> [String] {
        result == nil ? Self.words : Self.reviewWords + ["review"]
    }

    // MARK: - Inside

    /// `, ends at 14:35` (with the given prefix and suffix), or nothing while paused.
    private func endsAt(prefix: String, suffix: String = "") -> String {
        exam.deadline.map { prefix + QuizView.time($0) + suffix } ?? ""
    }

    /// Says that time ran out, when, and what happened to the line that came too late.
    private func timeRanOut(_ result: ExamResult, late: String?, _ session: Session) {
        let console = session.console
        let when = QuizView.time(result.finished)
        let text = "The exam was submitted then, with the answers given before \(when)" + (late.map { "; \($0)." } ?? ".")
        if json {
            console.warning("time ran out at \(when). " + text)  // stdout stays JSON
        } else {
            console.line(console.style.warning("Time ran out at \(when).") + " " + text)
        }
    }

    private func showCurrent(_ session: Session) {
        guard !json, let question = exam.current else { return }
        let view = QuizView(console: session.console)
        session.console.line("")
        session.console.line(view.question(question, header: "Question \(exam.number) of \(exam.count)", note: exam.deadline.map { "ends at " + QuizView.time($0) }, flagged: exam.isFlagged,
                                           current: exam.currentAnswer, commands: ["flag", "goto N", "review", "submit", "pause"]))
    }

    private func submit(confirmed: Bool, _ session: Session) async -> ModeOutcome {
        switch exam.submit(confirmed: confirmed) {
        case .finished(let result):
            return finish(result, session)
        case .confirmSubmit(let open):
            let question = "\(open.count) question\(open.count == 1 ? " is" : "s are") unanswered (\(Self.list(open))). Submit anyway?"
            guard await session.confirm(question, default: false) else {
                session.console.line("Not submitted. 'goto \(open[0])' takes you to the first open question.")
                return .handled
            }
            guard case .finished(let result) = exam.submit(confirmed: true) else { return .handled }
            return finish(result, session)
        default:
            return .handled
        }
    }

    private func finish(_ result: ExamResult, _ session: Session) -> ModeOutcome {
        self.result = result
        do {
            try session.quiz.exams.submit(result, stamp: session.quiz.stamp)
        } catch where ExamStore.isAlreadyRecorded(error) {
            session.console.warning(error.message)
        } catch {
            session.console.warning("the exam could not be recorded (\(error.message)); it stays paused: 'exam --resume' submits it again")
        }
        if json {
            session.console.line(QuizJSON.encode(ExamReport(result)))
            return .finished
        }
        session.console.line("")
        session.console.line(QuizView(console: session.console).result(result))
        return .handled
    }

    private func reviewing(_ line: String, _ result: ExamResult, _ session: Session) -> ModeOutcome {
        let words = line.lowercased().split(separator: " ").map(String.init)
        let view = QuizView(console: session.console)
        switch words.first {
        case "done", "stop", "end":
            return .finished
        case "review":
            let which = words.count > 1 ? words[1] : "wrong"
            if let number = Int(which) {
                guard let item = result.items.first(where: { $0.number == number }) else {
                    session.console.error("there is no question \(number); the exam had 1–\(result.items.count)")
                    return .failed
                }
                session.console.page(view.review([item], total: result.items.count))
                return .handled
            }
            guard let filter = ExamResult.ReviewFilter(rawValue: which) else {
                session.console.error("review what?", hint: "review all, review wrong, review flagged, review unanswered or review N")
                return .failed
            }
            session.console.page(view.review(result.review(filter), total: result.items.count))
            return .handled
        case "submit":
            session.console.line(session.console.style.muted("The exam is already submitted."))
            return .handled
        case "score", "result":
            session.console.line(view.result(result))
            return .handled
        default:
            return .notHandled
        }
    }

    private func abandon(_ session: Session) {
        guard case .finished(let result) = exam.submit(confirmed: true) else { return }
        do {
            try session.quiz.exams.abandon(result, stamp: session.quiz.stamp)
        } catch where ExamStore.isAlreadyRecorded(error) {
            session.console.warning(error.message)
            return
        } catch {
            session.console.warning("the answers could not be saved (\(error.message)); the exam stays paused")
            return
        }
        session.console.line("Exam abandoned. Your answers are kept in your results; no score was recorded.")
    }

    private func save(_ session: Session, _ state: ExamState? = nil) {
        do {
            try session.quiz.exams.save(state ?? exam.snapshot())
        } catch {
            session.console.warning("the exam could not be saved: \(error.message)")
        }
    }

    static func list(_ numbers: [Int]) -> String {
        numbers.count > 12 ? numbers.prefix(12).map(String.init).joined(separator: ", ") + "…" : numbers.map(String.init).joined(separator: ", ")
    }
}

/// `exam --json` output: the summary and, per question, what was answered.
struct ExamReport: Encodable {
    struct Item: Encodable {
        var number: Int
        var question: String
        var domain: String
        var seed: UInt64
        /// Letters as the bank writes the options, like the attempt log.
        var answer: String?
        var correct: Bool
        var scored: Bool
        var flagged: Bool
        var seconds: Double
    }

    var summary: ExamSummary
    var items: [Item]

    init(_ result: ExamResult) {
        summary = result.summary
        items = result.items.map { item in
            Item(number: item.number, question: item.question.id, domain: item.question.domain, seed: item.question.seed,
                 answer: item.answer.map(item.question.writtenForm)?.description, correct: item.correct, scored: item.scored, flagged: item.flagged,
                 seconds: item.seconds)
        }
    }
}
