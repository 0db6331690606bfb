import Foundation

/// One answered (or revealed) question, as appended to the learner's attempt log.
///
/// Append-only and self-contained (domain and lesson are copied in), so history survives
/// edits to the banks, and a spaced-repetition scheduler can later be built by replaying it.
public struct AttemptRecord: Sendable, Hashable, Codable {
    public enum Mode: String, Sendable, Hashable, Codable, CaseIterable {
        case practice, exam, lesson
    }

    public var time: Date
    /// Groups the answers of one practice run, exam or lesson visit.
    public var session: String
    public var mode: Mode
    public var question: String
    public var domain: String
    public var lesson: String?
    /// The seed of the variant shown (generated numbers, shuffled order).
    public var seed: UInt64
    /// The answer in canonical form (`A,C`, `60`), with letters naming options as the bank
    /// writes them, not as they were shown (see ``PresentedQuestion/writtenForm(of:)``); nil
    /// when the learner revealed the key without answering or left an exam question blank.
    public var answer: String?
    public var correct: Bool
    /// Time spent on the question, in seconds (one decimal).
    public var seconds: Double
    public var confidence: Confidence?
    /// The learner asked for the hint before answering.
    public var hinted: Bool
    /// The learner used `show`: counted as not correct, and marked so it is never mistaken for
    /// a real wrong answer.
    public var revealed: Bool

    public init(time: Date, session: String, mode: Mode, question: String, domain: String, lesson: String? = nil,
                seed: UInt64, answer: String?, correct: Bool, seconds: Double, confidence: Confidence? = nil,
                hinted: Bool = false, revealed: Bool = false) {
        self.time = time
        self.session = session
        self.mode = mode
        self.question = question
        self.domain = domain
        self.lesson = lesson
        self.seed = seed
        self.answer = answer
        self.correct = correct
        self.seconds = (seconds * 10).rounded() / 10
        self.confidence = confidence
        self.hinted = hinted
        self.revealed = revealed
    }

    /// A record for a presented question (the usual way sessions make them).
    public init(_ question: PresentedQuestion, session: String, mode: Mode, time: Date, answer: Answer?, correct: Bool,
                seconds: Double, confidence: Confidence? = nil, hinted: Bool = false, revealed: Bool = false) {
        self.init(time: time, session: session, mode: mode, question: question.id, domain: question.domain,
                  lesson: question.lesson, seed: question.seed, answer: answer.map(question.writtenForm)?.description, correct: correct,
                  seconds: seconds, confidence: confidence, hinted: hinted, revealed: revealed)
    }
}
