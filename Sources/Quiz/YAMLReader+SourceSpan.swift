import ContentYAML
import Yams

extension YAMLReader {
    /// Where `node` starts, as the position a question's ``SourceSpan`` keeps for its fields.
    func position(_ node: Node?) -> SourceSpan.Position {
        let at = location(node)
        return SourceSpan.Position(line: at.line, column: at.column)
    }
}
