import Curriculum
import Foundation
import LineEditor
import Quiz
import SpacedRepetition
import TutorSupport
import TerminalUI

/// `review`: asks the due cards one at a time, mixed from every lesson and bank, most overdue
/// first. A bank question is asked as in `quiz` (one answer, then feedback); a checkpoint as in
/// its lesson (a wrong first answer gets a hint and a second try, a second wrong one shows the
/// key). Each answer is appended to the attempt log at once, marked `review`, and the learner
/// is told when the card comes back.
final class ReviewMode: InteractiveMode, @unchecked Sendable {
    // @unchecked: the REPL hands lines to the top mode one at a time (same contract as
    // `Session`); nothing here is touched by two threads at once.

    static let words = ["hint", "show", "skip", "stop"]

    private let items: [ReviewItem]
    private let scheduler: Scheduler
    private let policy: RatingPolicy
    private let sessionID = "review-" + UUID().uuidString.lowercased()
    private var index = 0
    /// The current bank question's practice run (one question), so it is asked and recorded
    /// exactly as `quiz` does.
    private var practice: PracticeSession?
    /// The current checkpoint, presented; with its wrong tries and whether the hint was shown.
    private var checkpoint: (presented: PresentedQuestion, check: InlineCheck, misses: Int, hinted: Bool)?
    /// The current prediction card and what the mini Lambda did when the learner ran it.
    private var prediction: (prediction: Prediction, observed: String, id: String, lesson: String, hinted: Bool)?
    private var shownAt = Date()
    private(set) var tally = Tally()

    struct Tally: Sendable, Equatable {
        var recalled = 0
        var forgotten = 0
        var skipped = 0
        var answered: Int { recalled + forgotten }
    }

    init(items: [ReviewItem], scheduler: Scheduler, policy: RatingPolicy) {
        self.items = items
        self.scheduler = scheduler
        self.policy = policy
    }

    func prompt(_ session: Session) -> String {
        let style = session.console.style
        return style.bold(style.accent("review")) + " " + style.color(.cyan, "\(min(index + 1, items.count))/\(items.count)") + " " + style.muted("›") + " "
    }

    func start(_ session: Session) {
        let console = session.console
        console.line(console.style.bold("Review") + ": \(items.count) card(s) due, mixed from every lesson and bank. "
                     + console.style.muted("Type the answer (add sure, unsure or guess), or hint, show, skip, stop."))
        present(session)
    }

    func handle(_ line: String, _ session: Session) async throws -> ModeOutcome {
        guard index < items.count else { return .finished }
        let console = session.console
        let command = line.trimmingCharacters(in: .whitespaces).lowercased()
        switch command {
        case "stop", "end":
            return finish(session)
        case "skip":
            if var practice {
                let (_, record) = practice.skip()
                if var record {
                    record.review = true
                    session.quiz.record([record], console: console)
                }
                self.practice = practice
            }
            tally.skipped += 1
            console.line(console.style.muted("Skipped: the card stays due."))
            return advance(session)
        case "hint":
            showHint(session)
            return .handled
        case "show":
            reveal(session)
            return advance(session)
        default:
            break
        }
        return try await answer(line, session)
    }

    func endOfInput(_ session: Session) async {
        _ = finish(session)
    }

    func completions(_ request: CompletionRequest, _ session: Session) -> [String] { Self.words }

    // MARK: - Asking

    private func present(_ session: Session) {
        let item = items[index]
        let view = QuizView(console: session.console)
        let header = "Card \(index + 1) of \(items.count)"
        let note = item.origin + " · " + ReviewView.dueText(item.card, now: session.review.clock.now())
        shownAt = session.review.clock.now()
        switch item.source {
        case .question(let question):
            var run = PracticeSession(questions: [question], count: 1, seed: SeededRandom.freshSeed(), clock: session.review.clock,
                                      sessionID: sessionID, mode: .practice)
            checkpoint = nil
            guard let presented = run.current else {
                // A generated question that cannot be presented any more: nothing to ask.
                run.finish()
                practice = nil
                session.console.warning("card \(item.card.id) cannot be asked (its question no longer presents); skipped")
                return
            }
            practice = run
            prediction = nil
            session.console.line("")
            session.console.line(view.question(presented, header: header, note: note, commands: Self.words))
        case .checkpoint(_, _, _, let check):
            practice = nil
            prediction = nil
            checkpoint = (check.presented, check, 0, false)
            session.console.line("")
            session.console.line(view.question(check.presented, header: header, note: note, commands: Self.words))
        case .prediction(let lesson, let step, let asked, let observed):
            practice = nil
            checkpoint = nil
            guard let observed else {
                prediction = nil
                session.console.warning("card \(item.card.id) has no recorded run to judge against; skipped")
                return
            }
            prediction = (asked, observed, asked.id(lesson: lesson.id, step: step.number), lesson.id, false)
            let style = session.console.style
            session.console.line("")
            session.console.line(style.bold(header) + style.muted(" · " + note))
            session.console.wrapped(asked.ask)
            session.console.line(style.muted("  " + PredictionFlow.choicesText(asked)))
            session.console.wrapped(style.muted("Judged against what the mini Lambda did when you ran it in the lesson. ") + style.muted(Self.words.joined(separator: " · ")))
        }
    }

    private func answer(_ line: String, _ session: Session) async throws -> ModeOutcome {
        let console = session.console
        if let current = prediction { return answerPrediction(line, current, session) }
        guard let question = practice?.current ?? checkpoint?.presented else { return advance(session) }
        // `answer B`, as typed in a lesson, works here too.
        var text = line.trimmingCharacters(in: .whitespaces)
        if checkpoint != nil, text.lowercased().hasPrefix("answer ") { text = String(text.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
        let (answerText, confidence) = Confidence.split(text, for: question.type)
        if case .failure = AnswerParser.parse(answerText, for: question), PracticeMode.isCommand(line, session) {
            return .notHandled
        }
        if case .failure(let error) = AnswerParser.parse(answerText, for: question) {
            console.error(error.problem, hint: "accepted: " + error.accepted.joined(separator: "; ") + " · or hint, show, skip, stop")
            return .failed
        }
        let view = QuizView(console: console)
        if var run = practice {
            guard case .graded(let grade, var record) = run.submit(answerText, confidence: confidence) else { return .handled }
            practice = run
            record.review = true
            session.quiz.record([record], console: console)
            console.line(view.feedback(grade, for: question))
            reportNext(record, session)
            return advance(session)
        }
        guard var current = checkpoint, case .success(let grade) = current.check.grade(answerText) else { return .handled }
        if !grade.correct, current.misses == 0 {
            current.misses = 1
            checkpoint = current
            console.line(view.retry(grade, for: question, hint: CheckpointHint.text(for: grade, question: question)))
            console.line(console.style.muted("One more try (or show, skip)."))
            return .handled
        }
        console.line(view.feedback(grade, for: question))
        let record = checkpointRecord(answer: grade.answer, correct: grade.correct, confidence: confidence,
                                      hinted: current.hinted || current.misses > 0, revealed: false, session: session)
        if grade.correct { passInLesson(session) }
        reportNext(record, session)
        return advance(session)
    }

    private func showHint(_ session: Session) {
        let console = session.console
        if var run = practice {
            let hint = run.hint()
            practice = run
            guard let hint else {
                console.line(console.style.muted("This question has no hint. 'show' reveals the answer."))
                return
            }
            console.line(console.markdown.render(MarkdownParser.parse(hint, lead: "Hint:")))
            return
        }
        if var current = prediction {
            current.hinted = true
            prediction = current
            console.line(console.markdown.render(MarkdownParser.parse("Think of what the lesson's step showed when you ran it: the REPORT line and the response say it.", lead: "Hint:")))
            return
        }
        guard var current = checkpoint else { return }
        current.hinted = true
        checkpoint = current
        let hint = current.presented.hint.flatMap { $0.isEmpty ? nil : $0 }
            ?? "Think back to the lesson step this checkpoint comes from; 'show' reveals the answer."
        console.line(console.markdown.render(MarkdownParser.parse(hint, lead: "Hint:")))
    }

    private func reveal(_ session: Session) {
        let console = session.console
        let view = QuizView(console: console)
        if var run = practice {
            guard let shown = run.show() else { return }
            practice = run
            var record = shown.record
            record.review = true
            session.quiz.record([record], console: console)
            console.line(view.reveal(key: shown.keyText, explanation: shown.explanation))
            reportNext(record, session)
            return
        }
        if let current = prediction {
            console.line("It was " + PredictionFlow.describe(current.observed, current.prediction) + ".")
            if let why = current.prediction.why { console.line(console.markdown.render(MarkdownParser.parse(why, lead: "Why:"))) }
            console.line(console.style.muted("(recorded as revealed, not as an answer)"))
            reportNext(predictionRecord(current, answer: nil, correct: false, revealed: true, session: session), session)
            return
        }
        guard let current = checkpoint else { return }
        let question = current.presented
        console.line(view.reveal(key: Grader.keyText(for: question), explanation: question.explanation))
        let record = checkpointRecord(answer: nil, correct: false, confidence: nil, hinted: current.hinted, revealed: true, session: session)
        reportNext(record, session)
    }

    private func answerPrediction(_ line: String, _ current: (prediction: Prediction, observed: String, id: String, lesson: String, hinted: Bool),
                                  _ session: Session) -> ModeOutcome {
        let console = session.console
        let text = line.trimmingCharacters(in: .whitespaces)
        guard let predicted = PredictionFlow.parse(text, for: current.prediction) else {
            if PracticeMode.isCommand(line, session) { return .notHandled }
            console.error("'\(text)' is not a prediction for this card", hint: "type " + PredictionFlow.choicesText(current.prediction) + " · or hint, show, skip, stop")
            return .failed
        }
        let right = PredictionFlow.matches(current.prediction, predicted: predicted, observed: current.observed)
        let style = console.style
        console.wrapped(right ? style.success("✓ Right: ") + "it was " + PredictionFlow.describe(current.observed, current.prediction) + "."
                        : style.failure("✗ Not quite: ") + "it was " + PredictionFlow.describe(current.observed, current.prediction) + ", not " + PredictionFlow.describe(predicted, current.prediction) + ".")
        if let why = current.prediction.why { console.line(console.markdown.render(MarkdownParser.parse(why, lead: "Why:"))) }
        reportNext(predictionRecord(current, answer: predicted, correct: right, revealed: false, session: session), session)
        return advance(session)
    }

    private func predictionRecord(_ current: (prediction: Prediction, observed: String, id: String, lesson: String, hinted: Bool),
                                  answer: String?, correct: Bool, revealed: Bool, session: Session) -> AttemptRecord {
        let now = session.review.clock.now()
        var record = AttemptRecord(time: now, session: sessionID, mode: .lesson, question: current.id, domain: ExamDomain.development.id,
                                   lesson: current.lesson, seed: 0, answer: answer, correct: correct, seconds: now.timeIntervalSince(shownAt),
                                   hinted: current.hinted, revealed: revealed, review: true)
        record.observed = current.observed
        session.quiz.record([record], console: session.console)
        return record
    }

    private func checkpointRecord(answer: Answer?, correct: Bool, confidence: Confidence?, hinted: Bool, revealed: Bool,
                                  session: Session) -> AttemptRecord {
        let now = session.review.clock.now()
        var record = AttemptRecord(checkpoint!.presented, session: sessionID, mode: .lesson, time: now, answer: answer, correct: correct,
                                   seconds: now.timeIntervalSince(shownAt), confidence: confidence, hinted: hinted, revealed: revealed)
        record.review = true
        session.quiz.record([record], console: session.console)
        return record
    }

    /// A checkpoint still open in its lesson is passed by a right answer here, as a right
    /// answer in a later lesson visit would pass it.
    private func passInLesson(_ session: Session) {
        guard case .checkpoint(let lesson, let step, let block, _) = items[index].source else { return }
        let point = Checkpoint(step: step.number, index: block.index)
        guard !session.progress.isPassed(lesson, point), session.progress.revealedIn(lesson, point) != session.sessionID else { return }
        session.progress.recordCheck(lesson, step: step.number, index: block.index, correct: true, now: session.review.clock.now())
        session.saveProgress()
    }

    /// "Good: back in 3 days", from the grade the rule gives this answer.
    private func reportNext(_ record: AttemptRecord, _ session: Session) {
        guard let event = record.reviewEvent else { return }
        let rating = event.rating(policy)
        if rating.isRecall { tally.recalled += 1 } else { tally.forgotten += 1 }
        let next = scheduler.review(items[index].card, rating: rating, at: event.time)
        session.console.line(session.console.style.muted("\(rating): back \(ReviewView.interval(from: event.time, to: next.due))."))
    }

    private func advance(_ session: Session) -> ModeOutcome {
        index += 1
        guard index < items.count else { return finish(session) }
        present(session)
        return .handled
    }

    private func finish(_ session: Session) -> ModeOutcome {
        let console = session.console
        let (schedule, _, notices) = session.review.current()
        for notice in notices { console.warning(notice) }
        console.line("")
        console.line(ReviewView(console: console).summary(tally, left: items.count - index, schedule: schedule,
                                                         counts: session.review.counts(schedule, at: session.review.clock.now()),
                                                         now: session.review.clock.now()))
        index = items.count
        return .finished
    }
}
