/// A scenario the simulator refuses, with a sentence that says what to change.
///
/// A struct with a code rather than an enum, so new checks never break callers.
public struct SimulationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable identifier (`reserved.too_high`, `traffic.csv`).
    public let code: String
    public let message: String
    /// 1-based line and column for errors in a traffic CSV; nil otherwise.
    public let line: Int?
    public let column: Int?

    public init(_ code: String, _ message: String, line: Int? = nil, column: Int? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String { message }
}
