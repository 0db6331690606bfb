/// A 1-based line and column in a content file: where a question, a key or a mistake is, for
/// `path:line:col` messages and for tools that jump there.
public struct SourcePosition: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    /// `12:5`.
    public var description: String { "\(line):\(column)" }
}
