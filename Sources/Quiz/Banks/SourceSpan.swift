import TutorSupport

/// Where something was written: a file and a 1-based line and column.
public struct SourceSpan: Sendable, Hashable, Codable {
    public var file: String
    public var line: Int
    public var column: Int
    /// Positions of individual fields (`lesson`, `references[1]`, `choices[2]`) so the linter
    /// can point at the exact line of a bad reference rather than at the question.
    public var fields: [String: Position]

    public typealias Position = SourcePosition

    public init(file: String, line: Int = 0, column: Int = 0, fields: [String: Position] = [:]) {
        self.file = file
        self.line = line
        self.column = column
        self.fields = fields
    }

    /// The position of a field, falling back to the question's own position.
    public func position(of field: String) -> Position {
        fields[field] ?? Position(line: line, column: column)
    }
}
