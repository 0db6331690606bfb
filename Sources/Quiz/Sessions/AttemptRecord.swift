import Foundation

/// One answered (or revealed) question, as appended to the learner's attempt log.
///
/// Append-only and self-contained (domain and lesson are copied in), so history survives
/// edits to the banks, and a spaced-repetition scheduler can later be built by replaying it.
package struct AttemptRecord: Sendable, Hashable, Codable {
    package enum Mode: String, Sendable, Hashable, Codable, CaseIterable {
        case practice, exam, lesson
    }

    /// A stable id for this attempt (a UUID; nil in logs written before it existed, where
    /// ``attemptID`` derives one from the record). The review schedule applies each id once.
    package var id: String?
    package var time: Date
    /// Groups the answers of one practice run, exam or lesson visit.
    package var session: String
    package var mode: Mode
    package var question: String
    package var domain: String
    package var lesson: String?
    /// The seed of the variant shown (generated numbers, shuffled order).
    package var seed: UInt64
    /// The answer in canonical form (`A,C`, `60`), with letters naming options as the bank
    /// writes them, not as they were shown (see ``PresentedQuestion/writtenForm(of:)``); nil
    /// when the learner revealed the key without answering or left an exam question blank.
    package var answer: String?
    package var correct: Bool
    /// Time spent on the question, in seconds (one decimal).
    package var seconds: Double
    package var confidence: Confidence?
    /// The learner asked for the hint before answering.
    package var hinted: Bool
    /// The learner used `show`: counted as not correct, and marked so it is never mistaken for
    /// a real wrong answer.
    package var revealed: Bool
    /// Not answered: left open in an exam, or passed over with `skip` in practice. An exam
    /// scores it as wrong (as AWS does), but it is no evidence of what the learner knows, so
    /// results leave it out of every share correct and of what to study next.
    package var skipped: Bool
    /// Answered in `review` (spaced review) rather than in a lesson, practice run or exam;
    /// nil (not written) otherwise.
    package var review: Bool?
    /// For a lesson's "predict, then run" step: what the mini Lambda really did (`warm`,
    /// `Runtime.ExitError`, `45`), which the prediction in ``answer`` was judged against.
    package var observed: String?
    /// Who answered (`--learner NAME`, kept in the data folder's settings), so the files a
    /// trainer collects say whose they are. Optional: older logs have none.
    package var learner: String?
    /// The workshop code the quiz or exam was started with (`quiz --code X`), if any.
    package var workshop: String?
    /// The exam preset (`dva-c02`, `workshop`) for exam answers.
    package var preset: String?
    /// The one write this record was part of (a submitted or abandoned exam), and how many
    /// records that write holds. The log counts a batch only when all its records are there,
    /// and one batch per exam: see ``AttemptLog``. Nil for answers appended one by one.
    package var batch: String?
    package var batchCount: Int?
    /// Part of an exam the learner abandoned (no score); nil otherwise.
    package var abandoned: Bool?

    /// Skipped, also in logs written before the field existed (an exam question with no
    /// answer that was not revealed).
    package var isSkipped: Bool { skipped || (mode == .exam && answer == nil && !revealed) }

    /// A real answer: neither skipped nor revealed. Only these count in a share correct
    /// (`results`, the export's `counted`), as in the quiz's own summary.
    package var isAnswered: Bool { !isSkipped && !revealed }

    package init(time: Date, session: String, mode: Mode, question: String, domain: String, lesson: String? = nil,
                seed: UInt64, answer: String?, correct: Bool, seconds: Double, confidence: Confidence? = nil,
                hinted: Bool = false, revealed: Bool = false, skipped: Bool = false, id: String? = UUID().uuidString.lowercased(),
                review: Bool? = nil) {
        self.id = id
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
        self.skipped = skipped
        self.review = review
    }

    /// A record for a presented question (the usual way sessions make them).
    package init(_ question: PresentedQuestion, session: String, mode: Mode, time: Date, answer: Answer?, correct: Bool,
                seconds: Double, confidence: Confidence? = nil, hinted: Bool = false, revealed: Bool = false, skipped: Bool = false) {
        self.init(time: time, session: session, mode: mode, question: question.id, domain: question.domain,
                  lesson: question.lesson, seed: question.seed, answer: answer.map(question.writtenForm)?.description, correct: correct,
                  seconds: seconds, confidence: confidence, hinted: hinted, revealed: revealed, skipped: skipped)
    }

    enum CodingKeys: String, CodingKey {
        case id, time, session, mode, question, domain, lesson, seed, answer, correct, seconds, confidence, hinted, revealed, skipped, review, observed
        case learner, workshop, preset, batch, batchCount, abandoned
    }

    /// Logs written before `skipped`, `id` or `review` existed still load (see ``isSkipped``).
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        time = try c.decode(Date.self, forKey: .time)
        session = try c.decode(String.self, forKey: .session)
        mode = try c.decode(Mode.self, forKey: .mode)
        question = try c.decode(String.self, forKey: .question)
        domain = try c.decode(String.self, forKey: .domain)
        lesson = try c.decodeIfPresent(String.self, forKey: .lesson)
        seed = try c.decode(UInt64.self, forKey: .seed)
        answer = try c.decodeIfPresent(String.self, forKey: .answer)
        correct = try c.decode(Bool.self, forKey: .correct)
        seconds = try c.decode(Double.self, forKey: .seconds)
        confidence = try c.decodeIfPresent(Confidence.self, forKey: .confidence)
        hinted = try c.decodeIfPresent(Bool.self, forKey: .hinted) ?? false
        revealed = try c.decodeIfPresent(Bool.self, forKey: .revealed) ?? false
        skipped = try c.decodeIfPresent(Bool.self, forKey: .skipped) ?? false
        review = try c.decodeIfPresent(Bool.self, forKey: .review)
        observed = try c.decodeIfPresent(String.self, forKey: .observed)
        learner = try c.decodeIfPresent(String.self, forKey: .learner)
        workshop = try c.decodeIfPresent(String.self, forKey: .workshop)
        preset = try c.decodeIfPresent(String.self, forKey: .preset)
        batch = try c.decodeIfPresent(String.self, forKey: .batch)
        batchCount = try c.decodeIfPresent(Int.self, forKey: .batchCount)
        abandoned = try c.decodeIfPresent(Bool.self, forKey: .abandoned)
    }
}
