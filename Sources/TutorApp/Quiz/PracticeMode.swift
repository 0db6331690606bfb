import Foundation
import LineEditor
import Quiz
import TutorSupport
import TerminalUI

/// `quiz`: takes over the prompt while a practice run lasts. Each line is an answer, or one of
/// `hint`, `show`, `skip`, `stop`; anything else that names a tutor command (and cannot be an
/// answer) runs as usual, so `facts` or `calc` work mid-quiz.
final class PracticeMode: InteractiveMode, @unchecked Sendable {
    // @unchecked: the REPL hands lines to the top mode one at a time from the command task;
    // `practice` is never touched by two threads at once (same contract as `Session`).

    private var practice: PracticeSession
    private let json: Bool
    private let askConfidence: Bool

    static let words = ["hint", "show", "skip", "stop"]

    init(_ practice: PracticeSession, json: Bool, askConfidence: Bool) {
        self.practice = practice
        self.json = json
        self.askConfidence = askConfidence
    }

    func prompt(_ session: Session) -> String {
        let style = session.console.style
        let position = practice.position
        return style.bold(style.accent("quiz")) + " " + style.color(.cyan, "\(position.number)/\(position.total)") + " " + style.muted("›") + " "
    }

    /// Shows the first question (or says there is none).
    func start(_ session: Session) -> Bool {
        guard let question = practice.current else {
            session.console.error("no questions match", hint: "try fewer filters, or 'quiz' for all")
            return false
        }
        for problem in practice.problems { session.console.warning(problem.message) }
        show(question, session)
        return true
    }

    func handle(_ line: String, _ session: Session) async throws -> ModeOutcome {
        guard let question = practice.current else { return .finished }
        let console = session.console
        let view = QuizView(console: console)
        switch line.lowercased() {
        case "hint":
            if let hint = practice.hint() {
                console.line(console.markdown.render(MarkdownParser.parse(hint, lead: "Hint:")))
            } else {
                console.line(console.style.muted("This question has no hint. 'show' reveals the answer."))
            }
            return .handled
        case "show":
            guard let reveal = practice.show() else { return .handled }
            session.quiz.record([reveal.record], console: console)
            if !json { console.line(view.reveal(key: reveal.keyText, explanation: reveal.explanation)) }
            return advance(session)
        case "skip":
            let (next, record) = practice.skip()
            if let record { session.quiz.record([record], console: console) }
            guard let next else { return finish(session) }
            show(next, session)
            return .handled
        case "stop", "end":
            practice.finish()
            return finish(session)
        default:
            break
        }
        var (answer, confidence) = Confidence.split(line, for: question.type)
        // A line that cannot be an answer but names a command runs the command.
        if case .failure = AnswerParser.parse(answer, for: question), Self.isCommand(line, session) {
            return .notHandled
        }
        if question.type == .shortText, Self.isCommand(line, session), !line.hasPrefix("\""), !line.hasPrefix("'") {
            return .notHandled
        }
        if case .failure(let error) = AnswerParser.parse(answer, for: question) {
            console.error(error.problem, hint: "accepted: " + error.accepted.joined(separator: "; ") + " · or hint, show, skip, stop")
            return .failed
        }
        if confidence == nil, askConfidence, session.interactive,
           let reply = await session.ask("How sure are you? [s]ure, [u]nsure, [g]uess (Enter to skip) ") {
            confidence = Confidence(parsing: reply.trimmingCharacters(in: .whitespaces))
        }
        answer = answer.trimmingCharacters(in: .whitespaces)
        guard case .graded(let grade, let record) = practice.submit(answer, confidence: confidence) else { return .handled }
        session.quiz.record([record], console: console)
        if !json { console.line(view.feedback(grade, for: question)) }
        return advance(session)
    }

    func endOfInput(_ session: Session) async {
        // Every answer is already in the log; just close the run.
        practice.finish()
        _ = finish(session)
    }

    func completions(_ request: CompletionRequest, _ session: Session) -> [String] { Self.words }

    // MARK: - Inside

    private func advance(_ session: Session) -> ModeOutcome {
        guard let next = practice.next() else { return finish(session) }
        show(next, session)
        return .handled
    }

    private func show(_ question: PresentedQuestion, _ session: Session) {
        guard !json else { return }
        let view = QuizView(console: session.console)
        let position = practice.position
        session.console.line("")
        session.console.line(view.question(question, header: "Question \(position.number) of \(position.total)",
                                           commands: ["hint", "show", "skip", "stop"]))
    }

    private func finish(_ session: Session) -> ModeOutcome {
        let summary = practice.summary
        if json {
            session.console.line(QuizJSON.encode(PracticeReport(summary: summary, answers: practice.records)))
        } else {
            session.console.line("")
            session.console.line(QuizView(console: session.console).summary(summary))
        }
        return .finished
    }

    /// The first word is a tutor command (and longer than one letter, so `b` stays an answer).
    static func isCommand(_ line: String, _ session: Session) -> Bool {
        guard let first = line.split(separator: " ").first.map(String.init), first.count > 1 else { return false }
        return session.registry.lookup(first.lowercased()) != nil
    }
}

/// `quiz --json` output: the summary and every record.
struct PracticeReport: Encodable {
    var summary: PracticeSession.Summary
    var answers: [AttemptRecord]
}

enum QuizJSON {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
