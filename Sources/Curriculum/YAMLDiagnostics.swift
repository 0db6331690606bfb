import TutorSupport
import Yams

/// Turns Yams' errors and node marks into file diagnostics with real line numbers.
enum YAMLDiagnostics {
    /// A diagnostic for a YAML syntax error, shifted by `lineOffset` (the file line of the
    /// YAML's first line, minus one).
    static func diagnostic(for error: Error, file: String, lineOffset: Int) -> Diagnostic {
        if let yaml = error as? YamlError {
            switch yaml {
            case .scanner(let context, let problem, let mark, _),
                 .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                var message = "invalid YAML: \(problem)"
                if let context { message += " (\(context.text))" }
                return .error(file, line: mark.line + lineOffset, column: mark.column, message)
            default:
                return .error(file, line: lineOffset + 1, column: 1, "invalid YAML: \(yaml)")
            }
        }
        return .error(file, line: lineOffset + 1, column: 1, "invalid YAML: \(error)")
    }

    /// Line and column of a node in the file.
    static func location(of node: Node, lineOffset: Int) -> (line: Int, column: Int) {
        guard let mark = node.mark else { return (lineOffset + 1, 1) }
        return (mark.line + lineOffset, mark.column)
    }

    static func typeName(of node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                if Int(scalar.string) != nil { return "a number" }
                if ["true", "false", "yes", "no"].contains(scalar.string.lowercased()) { return "a boolean" }
                if scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" { return "nothing" }
            }
            return "text"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
