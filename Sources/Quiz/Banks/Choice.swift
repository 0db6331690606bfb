/// One option of a single or multiple choice question.
public struct Choice: Sendable, Hashable, Codable {
    public var text: String
    public var correct: Bool
    /// Why this option is right or wrong. Every wrong option should have one (the linter warns).
    public var feedback: String?

    public init(_ text: String, correct: Bool = false, feedback: String? = nil) {
        self.text = text
        self.correct = correct
        self.feedback = feedback
    }
}
