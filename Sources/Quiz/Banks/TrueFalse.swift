/// A true/false question's key, with feedback for each of the two answers.
public struct TrueFalse: Sendable, Hashable {
    public var answer: Bool
    /// Shown to a learner who answered "true" (whether that was right or wrong).
    public var trueFeedback: String?
    /// Shown to a learner who answered "false".
    public var falseFeedback: String?

    public init(answer: Bool, trueFeedback: String? = nil, falseFeedback: String? = nil) {
        self.answer = answer
        self.trueFeedback = trueFeedback
        self.falseFeedback = falseFeedback
    }
}
