/// A true/false question's key, with feedback for each of the two answers.
package struct TrueFalse: Sendable, Hashable {
    package var answer: Bool
    /// Shown to a learner who answered "true" (whether that was right or wrong).
    package var trueFeedback: String?
    /// Shown to a learner who answered "false".
    package var falseFeedback: String?

    package init(answer: Bool, trueFeedback: String? = nil, falseFeedback: String? = nil) {
        self.answer = answer
        self.trueFeedback = trueFeedback
        self.falseFeedback = falseFeedback
    }
}
