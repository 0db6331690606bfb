import TutorSupport
import Yams

/// Minimal structural check of a `check` block: it must be a YAML mapping.
enum CheckBlockYAML {
    static func validateMapping(_ block: CheckBlock, file: String) -> [Diagnostic] {
        do {
            guard let node = try Yams.compose(yaml: block.source) else {
                return [.error(file, line: block.line - 1, column: 1, "this check block is empty")]
            }
            guard case .mapping = node else {
                return [.error(file, line: block.line, column: 1, "a check block is a YAML mapping (a question with its choices and answer)")]
            }
            return []
        } catch {
            return [YAMLDiagnostics.diagnostic(for: error, file: file, lineOffset: block.line - 1)]
        }
    }
}
