/// A problem found in a content file (lesson, question bank, GIFT file), printed the way
/// compilers do so editors and CI logs can jump to it: `path:line:col: error: message`.
package struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    package enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning, note

        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        package static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
    }

    package var severity: Severity
    package var file: String
    /// 1-based; 0 when the problem concerns the whole file.
    package var line: Int
    /// 1-based; 0 when unknown.
    package var column: Int
    package var message: String

    package init(_ severity: Severity, file: String, line: Int = 0, column: Int = 0, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    package static func error(_ file: String, line: Int = 0, column: Int = 0, _ message: String) -> Diagnostic {
        Diagnostic(.error, file: file, line: line, column: column, message)
    }

    package static func warning(_ file: String, line: Int = 0, column: Int = 0, _ message: String) -> Diagnostic {
        Diagnostic(.warning, file: file, line: line, column: column, message)
    }

    /// `path:line:col: severity: message`; line and column are left out when unknown.
    package var description: String {
        "\(location): \(severity.rawValue): \(message)"
    }

    /// `path:line:col` (or `path` when the problem concerns the whole file).
    package var location: String {
        line > 0 ? "\(file):\(line):\(max(column, 1))" : file
    }

    /// `path:line:col: message`, for a list under a notice that already says what it is (so a
    /// line never reads "warning: … error: …").
    package var withoutSeverity: String { "\(location): \(message)" }
}

extension Array where Element == Diagnostic {
    package var errors: [Diagnostic] { filter { $0.severity == .error } }
    package var warnings: [Diagnostic] { filter { $0.severity == .warning } }
    package var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, then line, then column, so output is stable across runs.
    package func sortedByLocation() -> [Diagnostic] {
        sorted { ($0.file, $0.line, $0.column, $0.severity) < ($1.file, $1.line, $1.column, $1.severity) }
    }
}
