/// A wrong number that shows a known misconception, with the feedback that addresses it.
public struct NumericMistake: Sendable, Hashable, Codable {
    public var value: Double
    public var feedback: String

    public init(value: Double, feedback: String) {
        self.value = value
        self.feedback = feedback
    }
}
