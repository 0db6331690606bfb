import Foundation
import SpacedRepetition

/// How an attempt becomes a review: which card it is an answer to, its stable id, and what the
/// ``RatingPolicy`` is told about it.
///
/// The rule, written once here (README: "Spaced review"):
///
/// - **Card**: a bank question is the card `question:ID`; a lesson checkpoint is `checkpoint:ID`
///   (its id is `lesson/check-STEP.N` unless the block names one), so a checkpoint and a bank
///   question never share a card even when their ids match. Practice, exam and review answers
///   to the same question are answers to one card.
/// - **Skipped** (left open in an exam, `skip` in practice or review): no evidence, no review.
/// - **Wrong, revealed (`show`, or the key shown after a checkpoint's second try), or right
///   but rated `guess`**: Again.
/// - **Right but `unsure`, slow (more than twice the expected time), or after the hint (a
///   checkpoint's second try counts as hinted)**: Hard.
/// - **Right, `sure` and fast (at most half the expected time)**: Easy.
/// - **Any other right answer**: Good.
/// - **Expected time**: 120 s for an exam question (130 minutes for 65 questions), 40 s
///   otherwise. A checkpoint answered in a lesson has no time measured (the time on its step is
///   mostly reading), so it is neither slow nor fast; in `review` it is timed from when it was
///   shown.
extension AttemptRecord {
    /// The review card this attempt answers.
    package var cardID: String { Self.cardID(question: question, checkpoint: mode == .lesson) }

    package static func cardID(question: String, checkpoint: Bool) -> String {
        (checkpoint ? "checkpoint:" : "question:") + question
    }

    /// The stable id of the attempt: ``id`` when the record has one; for records written before
    /// ids existed, one derived from what identifies the answer (session, question, mode, time,
    /// seed), so every rebuild derives the same id.
    package var attemptID: String {
        if let id { return id }
        let text = [session, question, mode.rawValue, String(time.timeIntervalSince1970.bitPattern), String(seed)].joined(separator: "\u{1F}")
        return "legacy-" + String(SeededRandom.stableHash(text), radix: 16)
    }

    /// Seconds an answer of this kind is expected to take (see the rule above).
    package var expectedSeconds: Double { mode == .exam ? 120 : 40 }

    /// The attempt as a review event, or nil when it is no evidence (skipped).
    package var reviewEvent: ReviewEvent? {
        guard !isSkipped else { return nil }
        let timed = mode != .lesson || review == true
        let answer = ReviewEvent.Answer(correct: correct, confidence: confidence.map { ReviewConfidence(rawValue: $0.rawValue) ?? .unsure },
                                        seconds: timed ? seconds : nil, expectedSeconds: expectedSeconds,
                                        hinted: hinted, revealed: revealed)
        return ReviewEvent(id: attemptID, cardID: cardID, time: time, answer: answer)
    }
}

extension Sequence where Element == AttemptRecord {
    /// The review events of these attempts, in the same order.
    package var reviewEvents: [ReviewEvent] { compactMap(\.reviewEvent) }
}
