import ContentYAML
import TutorSupport

/// The check a `check` block gets before a quiz engine is attached: it must be a YAML mapping.
/// (TutorApp supplies the real validator, which reads the block as a question.)
enum CheckBlockYAML {
    static func validateMapping(_ block: CheckBlock, file: String) -> [Diagnostic] {
        var reader = YAMLReader(file: file, lineOffset: block.line - 1)
        do throws(YAMLSyntaxError) {
            guard let node = try reader.compose(block.source) else {
                return [.error(file, line: block.line - 1, column: 1, "the check block is empty")]
            }
            guard case .mapping = node else {
                return [.error(file, line: block.line, column: 1, "a check block is a YAML mapping (a question with its choices and answer)")]
            }
            return []
        } catch {
            reader.report(error)
            return reader.diagnostics
        }
    }
}
