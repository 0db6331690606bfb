import Curriculum
import Foundation
import Quiz
import TutorSupport
import TerminalUI

extension Command {
    static let answer = Command(
        "answer", group: .lessons,
        summary: "Answer the checkpoint question of the current lesson step",
        usage: ["answer TEXT", "answer N TEXT"],
        discussion: """
        Checkpoints appear in lesson steps. `answer B` answers the step's first open checkpoint; `answer 2 B` \
        answers checkpoint 2 (`answer 1 B` works with one checkpoint too). A wrong answer gets a hint and a \
        second try; after a second wrong answer the key is shown, and the checkpoint stays open until you answer \
        it right in a later session. Letters, option numbers or the option's text are accepted; case, spacing, \
        quotes and a trailing `()` do not matter, nor a `$` or unit around a number.
        """,
        examples: ["answer b", "answer 60", "answer 2 a c", "answer get_remaining_time_in_millis"],
        run: { context in try await answerCheckpoint(context) })

    /// The text after the command word, as typed: an answer may hold quotes or apostrophes
    /// (`don't`) that the shell-like word splitting would refuse.
    static func rawArgument(of line: String) -> String {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return "" }
        return trimmed[space...].trimmingCharacters(in: .whitespaces)
    }

    static func answerCheckpoint(_ context: CommandContext) async throws {
        let session = context.session
        let console = context.console
        let (lesson, step) = try session.currentLesson()
        guard !step.checks.isEmpty else {
            throw CommandError("this step has no checkpoint question", hint: openCheckpointHint(lesson, session))
        }
        let text = rawArgument(of: context.line)
        guard !text.isEmpty else { throw CommandError("answer needs your answer", hint: "e.g. answer b") }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let firstOpen = step.checks.firstIndex { !session.progress.isPassed(lesson, Checkpoint(step: step.number, index: $0.index)) } ?? 0
        var graded: [(block: CheckBlock, check: InlineCheck, grade: Grade, confidence: Confidence?)] = []
        var problem: AnswerFormError?
        for reading in checkpointReadings(words, checks: step.checks.count, firstOpen: firstOpen) {
            let block = step.checks[reading.index]
            let (check, diagnostics) = lessonCheck(block, lesson: lesson, step: step)
            guard let check else {
                throw CommandError("this checkpoint cannot be asked: " + (diagnostics.errors.first?.description ?? "it does not parse"))
            }
            let (answerText, confidence) = Confidence.split(reading.text, for: check.presented.type)
            switch check.grade(answerText) {
            case .failure(let reprompt): problem = problem ?? reprompt
            case .success(let grade): graded.append((block, check, grade, confidence))
            }
        }
        // Both readings fit (one checkpoint, `answer 1 lambda` on a short-text question):
        // the one graded right wins, else the numbered form as documented.
        guard let chosen = graded.first(where: { $0.grade.correct }) ?? graded.first else {
            let reprompt = problem!
            throw CommandError(reprompt.problem, hint: "accepted: " + reprompt.accepted.joined(separator: "; "))
        }
        let checkpoint = Checkpoint(step: step.number, index: chosen.block.index)
        let question = chosen.check.presented
        let view = QuizView(console: console)
        let style = console.style
        let missKey = "\(lesson.id)/\(checkpoint.key)"

        if session.progress.isPassed(lesson, checkpoint) {
            console.line(view.feedback(chosen.grade, for: question))
            console.line(style.muted("You had already passed this checkpoint; this answer is not recorded again."))
            return
        }
        if session.progress.revealedIn(lesson, checkpoint) == session.sessionID {
            console.line(chosen.grade.correct ? style.success("✓ That is the key.") : view.feedback(chosen.grade, for: question))
            console.wrapped(style.muted("The key was shown to you in this session, so typing it does not pass the checkpoint. Come back to it in a later session (progress lists it)."))
            return
        }
        let misses = session.checkMisses[missKey, default: 0]
        func record(correct: Bool) {
            let attempt = AttemptRecord(question, session: "lesson-\(lesson.id)", mode: .lesson, time: session.quiz.clock.now(),
                                        answer: chosen.grade.answer, correct: correct, seconds: 0, confidence: chosen.confidence,
                                        hinted: misses > 0)
            session.quiz.record([attempt], console: console)
        }
        if chosen.grade.correct {
            session.checkMisses[missKey] = nil
            console.line(view.feedback(chosen.grade, for: question))
            session.progress.recordCheck(lesson, step: step.number, index: checkpoint.index, correct: true, now: session.quiz.clock.now())
            session.saveProgress()
            record(correct: true)
            console.line(checkpointStanding(lesson, session))
            return
        }
        if misses == 0 {
            session.checkMisses[missKey] = 1
            console.line(view.retry(chosen.grade, for: question, hint: CheckpointHint.text(for: chosen.grade, question: question)))
            let again = step.checks.count > 1 ? "answer \(checkpoint.index) …" : "answer …"
            console.line(style.muted("One more try: type ") + style.code(again) + style.muted(" (or ") + style.code("more")
                         + style.muted(" to read the step again)."))
            return
        }
        session.checkMisses[missKey] = nil
        console.line(view.feedback(chosen.grade, for: question))
        session.progress.recordReveal(lesson, step: step.number, index: checkpoint.index, session: session.sessionID, now: session.quiz.clock.now())
        session.saveProgress()
        record(correct: false)
        console.wrapped(style.muted("That was the second try, so the key is shown. The checkpoint stays open: answer it again in a later session to pass it."))
    }

    /// `Checkpoint passed — 3 of 8 in this lesson`, and what is still open.
    static func checkpointStanding(_ lesson: Lesson, _ session: Session) -> String {
        let style = session.console.style
        let open = session.progress.openCheckpoints(lesson)
        var text = style.muted("Checkpoints in \(lesson.id): \(session.progress.checkpointSummary(lesson)) passed")
        if open.isEmpty {
            text += style.muted(session.progress.allStepsSeen(lesson) ? " — the lesson is done." : " — all of them.")
        } else {
            text += style.muted("; open: " + open.prefix(4).map { $0.label(in: lesson) }.joined(separator: ", ") + (open.count > 4 ? ", …" : ""))
        }
        return text
    }

    static func openCheckpointHint(_ lesson: Lesson, _ session: Session) -> String? {
        guard let next = session.progress.openCheckpoints(lesson).first else { return nil }
        return "the next open checkpoint of this lesson is at \(next.label(in: lesson)): type 'step \(next.step)'"
    }

    /// The ways `answer` can read its words, most likely first: `answer N TEXT` names
    /// checkpoint N whenever N is one of the step's checkpoints (also when there is only one,
    /// where `answer 1 C` is what `help answer` teaches); the whole line is the answer to the
    /// first open checkpoint otherwise. With a single checkpoint both readings are tried, since
    /// `answer 1 3` may mean options 1 and 3.
    static func checkpointReadings(_ words: [String], checks: Int, firstOpen: Int) -> [(index: Int, text: String)] {
        let whole = (index: firstOpen, text: words.joined(separator: " "))
        guard words.count > 1, let n = Int(words[0]), (1...checks).contains(n) else { return [whole] }
        let numbered = (index: n - 1, text: words.dropFirst().joined(separator: " "))
        return checks > 1 ? [numbered] : [numbered, whole]
    }
}

/// The hint a learner gets after a first wrong answer at a checkpoint: the author's hint if the
/// question has one, otherwise a nudge from the answer itself that does not give the key away.
enum CheckpointHint {
    static func text(for grade: Grade, question: PresentedQuestion) -> String {
        if let hint = question.hint, !hint.isEmpty { return hint }
        switch question.key {
        case .numeric(let value, _):
            if case .number(let given) = grade.answer, grade.remarks.isEmpty {
                return given > value ? "Your number is too high. Work it through again from the figures in the step."
                    : "Your number is too low. Work it through again from the figures in the step."
            }
            return "Read the step again (`more`): the figures you need are there."
        case .text(let accepted):
            if let first = accepted.first?.trimmingCharacters(in: CharacterSet(charactersIn: "`\"' ")).first {
                return "The answer is a name used in this step; it starts with “\(first)”."
            }
            return "The answer is a name used in this step."
        case .choices, .trueFalse:
            return "Read the step again (`more`) and rule out the options it contradicts."
        case .order, .matches:
            return "Read the step again (`more`): the figures you need are there."
        }
    }
}
