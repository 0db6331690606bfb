import Foundation

/// How sure the learner said they were (the quiz engine's sure / unsure / guess). Kept here
/// rather than imported so this module stays below the quiz engine.
package enum ReviewConfidence: String, Sendable, Hashable, Codable, CaseIterable {
    case sure, unsure, guess
}

/// One answer to a card, as the attempt log records it: the input of a replay.
///
/// Either an answer (right or wrong, confidence, time) that the ``RatingPolicy`` turns into a
/// grade, or a grade given directly (a learner who rates themselves, a test).
package struct ReviewEvent: Sendable, Hashable, Codable {
    /// The attempt's stable id: a schedule remembers which ids it has applied, so an attempt
    /// is applied once however often the schedule is refreshed (or the log line is repeated).
    package var id: String
    package var cardID: String
    package var time: Date
    package var grade: Grade

    package enum Grade: Sendable, Hashable, Codable {
        case answer(Answer)
        case rated(Rating)
    }

    /// What the attempt log knows about one answer.
    package struct Answer: Sendable, Hashable, Codable {
        package var correct: Bool
        package var confidence: ReviewConfidence?
        /// Time spent on the question, if measured.
        package var seconds: Double?
        /// A typical time for this kind of question (nil: the policy's default).
        package var expectedSeconds: Double?
        /// The learner asked for the hint first.
        package var hinted: Bool
        /// The learner asked to see the answer instead of answering.
        package var revealed: Bool

        package init(correct: Bool, confidence: ReviewConfidence? = nil, seconds: Double? = nil, expectedSeconds: Double? = nil,
                    hinted: Bool = false, revealed: Bool = false) {
            self.correct = correct
            self.confidence = confidence
            self.seconds = seconds
            self.expectedSeconds = expectedSeconds
            self.hinted = hinted
            self.revealed = revealed
        }
    }

    /// - Parameter id: the attempt's id; by default one made from the card and the time (enough
    ///   for tests and a log with one answer per card per instant).
    package init(id: String? = nil, cardID: String, time: Date, answer: Answer) {
        self.id = id ?? Self.defaultID(cardID, time)
        self.cardID = cardID
        self.time = time
        self.grade = .answer(answer)
    }

    package init(id: String? = nil, cardID: String, time: Date, rating: Rating) {
        self.id = id ?? Self.defaultID(cardID, time)
        self.cardID = cardID
        self.time = time
        self.grade = .rated(rating)
    }

    static func defaultID(_ cardID: String, _ time: Date) -> String {
        "\(cardID)@\(time.timeIntervalSince1970)"
    }

    /// The FSRS grade of this event under `policy`.
    package func rating(_ policy: RatingPolicy) -> Rating {
        switch grade {
        case .rated(let rating): rating
        case .answer(let answer): policy.rating(for: answer)
        }
    }
}
