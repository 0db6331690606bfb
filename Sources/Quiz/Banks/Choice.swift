/// One option of a single or multiple choice question.
package struct Choice: Sendable, Hashable, Codable {
    package var text: String
    package var correct: Bool
    /// Why this option is right or wrong. Every wrong option should have one (the linter warns).
    package var feedback: String?
    /// Moodle's partial credit for choosing it, in percent (`~%50%` → 50; a penalty is
    /// negative, `~%-25%`); nil for the usual all-or-nothing question. Kept so a Moodle bank
    /// round-trips, and shown as the credit Moodle would give; the score here stays
    /// all-or-nothing (``correct``), as AWS scores.
    package var weight: Double?

    package init(_ text: String, correct: Bool = false, feedback: String? = nil, weight: Double? = nil) {
        self.text = text
        self.correct = correct
        self.feedback = feedback
        self.weight = weight
    }
}
