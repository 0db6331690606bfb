/// A quiz failure phrased for people, with a stable code callers and tests can match on.
///
/// A struct rather than an enum so new kinds of failure can be added without breaking
/// `switch` statements in the REPL or the CLI.
public struct QuizError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable, dotted identifier (`exam.finished`, `generator.parameter`).
    public var code: String
    public var message: String

    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
