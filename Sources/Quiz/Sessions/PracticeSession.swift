import Foundation
import TutorSupport

/// Practice: one question at a time with immediate feedback.
///
/// A state machine with no I/O: the REPL (or a script) shows ``current``, passes what the
/// learner typed to ``submit(_:confidence:)``, renders the returned ``Grade`` and appends the
/// returned record to the ``AttemptLog``. Time comes from the injected clock.
package struct PracticeSession: Sendable {
    package enum State: Sendable, Hashable {
        /// Waiting for an answer to ``PracticeSession/current``.
        case asking
        /// The current question was answered (or revealed); call ``PracticeSession/next()``.
        case answered
        case finished
    }

    /// What ``PracticeSession/submit(_:confidence:)`` produced.
    package enum Step: Sendable {
        /// The input did not fit the question; show the message and ask again.
        case reprompt(AnswerFormError)
        /// Graded: show it, and append the record to the attempt log.
        case graded(Grade, AttemptRecord)
        /// Not asking right now (already answered, or finished).
        case notAsking
    }

    /// The key revealed by `show`, with the record that marks it as revealed.
    package struct Reveal: Sendable {
        package var keyText: String
        package var explanation: String?
        package var record: AttemptRecord
    }

    package struct Summary: Sendable, Hashable, Codable {
        package struct DomainLine: Sendable, Hashable, Codable {
            package var domain: String
            package var answered: Int
            package var correct: Int
        }

        package var session: String
        package var seed: UInt64
        package var asked: Int
        package var answered: Int
        package var correct: Int
        package var revealed: Int
        package var skipped: Int
        package var domains: [DomainLine]
    }

    package let sessionID: String
    package let seed: UInt64
    package let mode: AttemptRecord.Mode
    package private(set) var questions: [PresentedQuestion]
    /// Generated questions that could not be presented (left out).
    package private(set) var problems: [QuizError]
    package private(set) var index = 0
    package private(set) var state: State
    package private(set) var records: [AttemptRecord] = []
    /// The last grade, while in `.answered`.
    package private(set) var lastGrade: Grade?
    private let clock: any WallClock
    private var shownAt: Date
    private var hinted = false

    /// - Parameters:
    ///   - questions: the pool, already filtered (topic, domain).
    ///   - count: how many to ask (all if nil).
    ///   - seed: picks and orders the questions and their variants.
    package init(questions pool: [Question], count: Int? = nil, seed: UInt64, clock: any WallClock = SystemWallClock(),
                sessionID: String = UUID().uuidString.lowercased(), mode: AttemptRecord.Mode = .practice) {
        self.sessionID = sessionID
        self.seed = seed
        self.mode = mode
        self.clock = clock
        let picked = QuestionSampler.shuffled(pool, count: count, seed: seed)
        (questions, problems) = QuestionSampler.present(picked, seed: seed)
        shownAt = clock.now()
        state = questions.isEmpty ? .finished : .asking
    }

    /// The workshop code the run was started with (`quiz --code X`), recorded with each answer.
    package var workshop: String?

    package var current: PresentedQuestion? {
        state == .finished ? nil : questions[index]
    }

    /// `3 of 10`: the 1-based position and the total.
    package var position: (number: Int, total: Int) { (min(index + 1, questions.count), questions.count) }

    /// The hint, if the question has one. Asking is recorded with the answer.
    package mutating func hint() -> String? {
        guard state == .asking else { return nil }
        hinted = true
        return questions[index].hint
    }

    package mutating func submit(_ input: String, confidence: Confidence? = nil) -> Step {
        guard state == .asking else { return .notAsking }
        let question = questions[index]
        switch AnswerParser.parse(input, for: question) {
        case .failure(let error):
            return .reprompt(error)
        case .success(let answer):
            let grade = Grader.grade(answer, for: question)
            let record = makeRecord(answer: answer, correct: grade.correct, confidence: confidence, revealed: false)
            lastGrade = grade
            state = .answered
            return .graded(grade, record)
        }
    }

    /// Reveals the key without answering. Recorded as revealed and not correct.
    package mutating func show() -> Reveal? {
        guard state == .asking else { return nil }
        let question = questions[index]
        let record = makeRecord(answer: nil, correct: false, confidence: nil, revealed: true)
        state = .answered
        return Reveal(keyText: Grader.keyText(for: question), explanation: question.explanation, record: record)
    }

    /// Moves on without answering. The record it returns marks the question as skipped (not
    /// wrong): results count it apart and leave it out of every share correct.
    package mutating func skip() -> (next: PresentedQuestion?, record: AttemptRecord?) {
        guard state == .asking else { return (current, nil) }
        let record = makeRecord(answer: nil, correct: false, confidence: nil, revealed: false, skipped: true)
        state = .answered
        return (next(), record)
    }

    /// The next question, or nil when the run is over.
    @discardableResult
    package mutating func next() -> PresentedQuestion? {
        guard state == .answered else { return current }
        lastGrade = nil
        hinted = false
        if index + 1 < questions.count {
            index += 1
            state = .asking
            shownAt = clock.now()
            return questions[index]
        }
        state = .finished
        return nil
    }

    /// Ends the run early.
    package mutating func finish() {
        state = .finished
    }

    package var summary: Summary {
        var domains: [String: Summary.DomainLine] = [:]
        for record in records where !record.revealed && !record.skipped {
            domains[record.domain, default: .init(domain: record.domain, answered: 0, correct: 0)].answered += 1
            if record.correct { domains[record.domain]!.correct += 1 }
        }
        return Summary(session: sessionID, seed: seed, asked: questions.count,
                       answered: records.filter { !$0.revealed && !$0.skipped }.count, correct: records.filter(\.correct).count,
                       revealed: records.filter(\.revealed).count, skipped: records.filter(\.skipped).count,
                       domains: domains.values.sorted { $0.domain < $1.domain })
    }

    private mutating func makeRecord(answer: Answer?, correct: Bool, confidence: Confidence?, revealed: Bool, skipped: Bool = false) -> AttemptRecord {
        let now = clock.now()
        var record = AttemptRecord(questions[index], session: sessionID, mode: mode, time: now, answer: answer, correct: correct,
                                   seconds: now.timeIntervalSince(shownAt), confidence: confidence, hinted: hinted, revealed: revealed,
                                   skipped: skipped)
        record.workshop = workshop
        records.append(record)
        return record
    }
}
