/// A wrong number that shows a known misconception, with the feedback that addresses it.
package struct NumericMistake: Sendable, Hashable, Codable {
    package var value: Double
    package var feedback: String

    package init(value: Double, feedback: String) {
        self.value = value
        self.feedback = feedback
    }
}
