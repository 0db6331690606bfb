import Foundation

/// How sure the learner said they were (the quiz engine's sure / unsure / guess). Kept here
/// rather than imported so this module stays below the quiz engine.
public enum ReviewConfidence: String, Sendable, Hashable, Codable, CaseIterable {
    case sure, unsure, guess
}

/// One answer to a card, as the attempt log records it: the input of a replay.
///
/// Either an answer (right or wrong, confidence, time) that the ``RatingPolicy`` turns into a
/// grade, or a grade given directly (a learner who rates themselves, a test).
public struct ReviewEvent: Sendable, Hashable, Codable {
    /// The attempt's stable id: a schedule remembers which ids it has applied, so an attempt
    /// is applied once however often the schedule is refreshed (or the log line is repeated).
    public var id: String
    public var cardID: String
    public var time: Date
    public var grade: Grade

    public enum Grade: Sendable, Hashable, Codable {
        case answer(Answer)
        case rated(Rating)
    }

    /// What the attempt log knows about one answer.
    public struct Answer: Sendable, Hashable, Codable {
        public var correct: Bool
        public var confidence: ReviewConfidence?
        /// Time spent on the question, if measured.
        public var seconds: Double?
        /// A typical time for this kind of question (nil: the policy's default).
        public var expectedSeconds: Double?
        /// The learner asked for the hint first.
        public var hinted: Bool
        /// The learner asked to see the answer instead of answering.
        public var revealed: Bool

        public init(correct: Bool, confidence: ReviewConfidence? = nil, seconds: Double? = nil, expectedSeconds: Double? = nil,
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
    public init(id: String? = nil, cardID: String, time: Date, answer: Answer) {
        self.id = id ?? Self.defaultID(cardID, time)
        self.cardID = cardID
        self.time = time
        self.grade = .answer(answer)
    }

    public init(id: String? = nil, cardID: String, time: Date, rating: Rating) {
        self.id = id ?? Self.defaultID(cardID, time)
        self.cardID = cardID
        self.time = time
        self.grade = .rated(rating)
    }

    static func defaultID(_ cardID: String, _ time: Date) -> String {
        "\(cardID)@\(time.timeIntervalSince1970)"
    }

    /// The FSRS grade of this event under `policy`.
    public func rating(_ policy: RatingPolicy) -> Rating {
        switch grade {
        case .rated(let rating): rating
        case .answer(let answer): policy.rating(for: answer)
        }
    }
}
