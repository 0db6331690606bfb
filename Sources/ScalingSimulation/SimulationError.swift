/// A scenario the simulator refuses, with a sentence that says what to change.
///
/// A struct with a code rather than an enum, so new checks never break callers.
package struct SimulationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable identifier (`reserved.too_high`, `traffic.csv`).
    package let code: String
    package let message: String
    /// 1-based line and column for errors in a traffic CSV; nil otherwise.
    package let line: Int?
    package let column: Int?

    package init(_ code: String, _ message: String, line: Int? = nil, column: Int? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
    }

    package var description: String { message }
}
