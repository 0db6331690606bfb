/// A problem found in a content file (lesson, question bank, GIFT file), printed the way
/// compilers do so editors and CI logs can jump to it: `path:line:col: error: message`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning, note

        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    public var file: String
    /// 1-based; 0 when the problem concerns the whole file.
    public var line: Int
    /// 1-based; 0 when unknown.
    public var column: Int
    public var message: String

    public init(_ severity: Severity, file: String, line: Int = 0, column: Int = 0, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public static func error(_ file: String, line: Int = 0, column: Int = 0, _ message: String) -> Diagnostic {
        Diagnostic(.error, file: file, line: line, column: column, message)
    }

    public static func warning(_ file: String, line: Int = 0, column: Int = 0, _ message: String) -> Diagnostic {
        Diagnostic(.warning, file: file, line: line, column: column, message)
    }

    /// `path:line:col: severity: message`; line and column are left out when unknown.
    public var description: String {
        "\(location): \(severity.rawValue): \(message)"
    }

    /// `path:line:col` (or `path` when the problem concerns the whole file).
    public var location: String {
        line > 0 ? "\(file):\(line):\(max(column, 1))" : file
    }

    /// `path:line:col: message`, for a list under a notice that already says what it is (so a
    /// line never reads "warning: … error: …").
    public var withoutSeverity: String { "\(location): \(message)" }
}

extension Array where Element == Diagnostic {
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, then line, then column, so output is stable across runs.
    public func sortedByLocation() -> [Diagnostic] {
        sorted { ($0.file, $0.line, $0.column, $0.severity) < ($1.file, $1.line, $1.column, $1.severity) }
    }
}
