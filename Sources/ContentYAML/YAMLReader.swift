import TutorSupport
import Yams

/// The one YAML reader of the content formats (lesson front matter and checkpoints, question
/// banks, exercises): it parses a file or a snippet of one and reads typed values from it,
/// collecting `path:line:col` diagnostics instead of throwing, so one bad field costs one
/// question (or one test case) and never the file. Every content format words its YAML
/// problems the same way because they all come from here.
///
/// `lineOffset` and `columnOffset` place a snippet inside a bigger file: a lesson's `check`
/// block whose first line is line 40 of the lesson passes 39, and every node the reader
/// composes carries its position in the lesson file.
package struct YAMLReader: Sendable {
    package let file: String
    package let lineOffset: Int
    package let columnOffset: Int
    package var diagnostics: [Diagnostic] = []

    package init(file: String, lineOffset: Int = 0, columnOffset: Int = 0) {
        self.file = file
        self.lineOffset = lineOffset
        self.columnOffset = columnOffset
    }

    /// The first line of the snippet, for messages about it as a whole.
    package var start: SourcePosition { SourcePosition(line: lineOffset + 1, column: 1) }

    // MARK: - Parsing

    /// Parses `yaml` (the snippet this reader places); nil for an empty document.
    ///
    /// A key written twice in one mapping is a syntax error here (YAML would keep only one of
    /// them, silently), reported at the second one.
    package func compose(_ yaml: String) throws(YAMLSyntaxError) -> YAMLNode? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw YAMLSyntaxError(error, yaml: yaml, lineOffset: lineOffset, columnOffset: columnOffset)
        }
        return root.map { YAMLNode($0, lineOffset: lineOffset, columnOffset: columnOffset, fallback: start) }
    }

    /// Records a syntax error from ``compose(_:)`` (of this reader or of one placed elsewhere).
    package mutating func report(_ error: YAMLSyntaxError) {
        diagnostics.append(.error(file, line: error.location.line, column: error.location.column, error.message))
    }

    // MARK: - Diagnostics

    /// Where `node` starts in the file, or the snippet's first line when there is no node.
    package func location(_ node: YAMLNode?) -> SourcePosition {
        node?.location ?? start
    }

    package mutating func error(_ node: YAMLNode?, _ message: String) {
        let at = location(node)
        diagnostics.append(.error(file, line: at.line, column: at.column, message))
    }

    package mutating func warning(_ node: YAMLNode?, _ message: String) {
        let at = location(node)
        diagnostics.append(.warning(file, line: at.line, column: at.column, message))
    }
}
