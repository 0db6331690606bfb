import LambdaModel

/// A numeric question's key: the value, the tolerance and the unit to show.
package struct NumericKey: Sendable, Hashable, Codable {
    package var value: Double
    /// The fact the value was read from (`answer: {fact: timeout.max}`), if any.
    package var fact: String?
    package var tolerance: Tolerance
    package var unit: String?
    /// Wrong answers that reveal a known misconception, with the feedback that addresses it.
    package var mistakes: [NumericMistake]

    package init(value: Double, fact: String? = nil, tolerance: Tolerance, unit: String? = nil, mistakes: [NumericMistake] = []) {
        self.value = value
        self.fact = fact
        self.tolerance = tolerance
        self.unit = unit
        self.mistakes = mistakes
    }

    /// A value as a learner reads it, with its unit: `$10.80`, `1,700 units`, `60`. The key,
    /// `{answer}` in generated questions and USD placeholders all use it, so they agree.
    package static func display(_ value: Double, unit: String?) -> String {
        let unit = unit ?? ""
        if unit == "USD" { return "$" + Number.money(value) }
        return Number.grouped(value) + (unit.isEmpty ? "" : " \(unit)")
    }

    package func accepts(_ number: Double) -> Bool {
        abs(number - value) <= tolerance.allowance(for: value) + 1e-9 * max(1, abs(value))
    }
}
