/// A 1-based line and column in a content file: where a question, a key or a mistake is, for
/// `path:line:col` messages and for tools that jump there.
package struct SourcePosition: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    package var line: Int
    package var column: Int

    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    package static func < (a: Self, b: Self) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    /// `12:5`.
    package var description: String { "\(line):\(column)" }
}
