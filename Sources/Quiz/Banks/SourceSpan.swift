import TutorSupport

/// Where something was written: a file and a 1-based line and column.
package struct SourceSpan: Sendable, Hashable, Codable {
    package var file: String
    package var line: Int
    package var column: Int
    /// Positions of individual fields (`lesson`, `references[1]`, `choices[2]`) so the linter
    /// can point at the exact line of a bad reference rather than at the question.
    package var fields: [String: Position]

    package typealias Position = SourcePosition

    package init(file: String, line: Int = 0, column: Int = 0, fields: [String: Position] = [:]) {
        self.file = file
        self.line = line
        self.column = column
        self.fields = fields
    }

    /// The position of a field, falling back to the question's own position.
    package func position(of field: String) -> Position {
        fields[field] ?? Position(line: line, column: column)
    }
}
