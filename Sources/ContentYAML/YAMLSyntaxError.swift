import Foundation
import TutorSupport
import Yams

/// YAML that does not parse, placed on the line of the mistake and worded for the person who
/// wrote it: `invalid YAML: did not find expected key (while parsing a block mapping)`.
package struct YAMLSyntaxError: Error, Sendable {
    /// Where the mistake is, in the file.
    package var location: SourcePosition
    /// What is wrong, without the `invalid YAML:` prefix.
    package var problem: String

    package var message: String { "invalid YAML: \(problem)" }

    package init(location: SourcePosition, problem: String) {
        self.location = location
        self.problem = problem
    }

    /// Translates a Yams error about the snippet `yaml`, which starts `lineOffset` lines and
    /// `columnOffset` columns into the file.
    init(_ error: any Error, yaml: String, lineOffset: Int, columnOffset: Int) {
        func place(_ at: (line: Int, column: Int)) -> SourcePosition {
            SourcePosition(line: at.line + lineOffset, column: at.column + columnOffset)
        }
        let start = SourcePosition(line: lineOffset + 1, column: 1)
        guard let yamlError = error as? YamlError else {
            self.init(location: start, problem: "\(error)")
            return
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let described = context.map { "\(problem) (\($0.text))" } ?? problem
            let at = Self.mistake(problemMark: mark, context: context)
            if let tab = Self.tabIndentation(atOrBefore: max(at.line, mark.line), in: yaml) {
                self.init(location: place(tab), problem: "this line is indented with a TAB; YAML indents with spaces only (replace the TAB with spaces). libyaml said: \(described)")
            } else if problem.hasPrefix("mapping values are not allowed") {
                self.init(location: place(at), problem: Self.unquotedColon(described, line: at.line, in: yaml))
            } else {
                self.init(location: place(at), problem: described)
            }
        case .reader(let problem, let offset, _, _):
            // Bytes that are not text (an encoding problem): place it by the offset when known.
            let at = offset.map { Self.position(atOffset: $0, in: yaml) } ?? (line: 1, column: 1)
            self.init(location: place(at), problem: problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let first = (line: context.mark.line, column: context.mark.column)
            if let second = Self.repeatedKey(key, after: first, in: yaml) {
                self.init(location: place(second),
                          problem: "'\(key)' appears twice in one mapping (first on line \(first.line + lineOffset)); YAML would keep only one")
            } else {
                self.init(location: place(first), problem: "'\(key)' appears twice in this mapping; YAML would keep only one")
            }
        default:
            self.init(location: start, problem: "\(yamlError)")
        }
    }

    /// libyaml reports where it noticed the problem. For a token it could not finish (an
    /// unclosed quote or bracket, a key without its colon) that is later, often at the end of
    /// the file; the token's start, given as the context, is where the mistake is.
    static func mistake(problemMark: Mark, context: YamlError.Context?) -> (line: Int, column: Int) {
        if let context, context.text.hasPrefix("while scanning") || context.text.hasPrefix("while parsing a flow") {
            return (context.mark.line, context.mark.column)
        }
        return (problemMark.line, problemMark.column)
    }

    /// The last line at or before `line` whose indentation holds a TAB (and the TAB's column):
    /// libyaml reports such a line as a missing '-' indicator or a token that cannot start.
    static func tabIndentation(atOrBefore line: Int, in yaml: String) -> (line: Int, column: Int)? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        var index = min(line, lines.count) - 1
        while index >= 0 {
            let text = lines[index]
            let leading = text.prefix { $0 == " " || $0 == "\t" }
            if let tab = leading.firstIndex(of: "\t"), leading.count < text.count {
                return (index + 1, text.distance(from: text.startIndex, to: tab) + 1)
            }
            index -= 1
        }
        return nil
    }

    /// "mapping values are not allowed" means a plain value holds `: ` (a question such as
    /// `prompt: Which runtime: Python or Node?`): say so, with the line quoted as it should be.
    static func unquotedColon(_ described: String, line: Int, in yaml: String) -> String {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return described }
        let text = String(lines[line - 1])
        let body = text.drop { $0 == " " || $0 == "-" }
        guard let colon = body.range(of: ": ") else { return described }
        let key = body[..<colon.lowerBound]
        let value = body[colon.upperBound...].trimmingCharacters(in: .whitespaces)
        guard value.contains(": ") || value.hasSuffix(":"), !value.hasPrefix("\""), !value.hasPrefix("'") else {
            // No second colon on the line: the key is where YAML did not expect one, which is
            // what a line indented differently from its neighbours looks like.
            return "\(described); this line is probably indented differently from the lines around it"
        }
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "a value that contains ': ' must be in quotes, e.g. \(key): \"\(escaped)\" "
            + "(YAML read the second ': ' as the start of another key; libyaml said: \(described))"
    }

    /// The line and column of a UTF-8 byte offset in `yaml` (1-based).
    static func position(atOffset offset: Int, in yaml: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for (index, byte) in yaml.utf8.enumerated() {
            if index >= offset { break }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    /// The second `key:` of a block mapping whose first key is at `first`: the next line that
    /// has `key:` in the same column, before the mapping ends (a line indented less).
    static func repeatedKey(_ key: String, after first: (line: Int, column: Int), in yaml: String) -> (line: Int, column: Int)? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line >= 1, first.line <= lines.count else { return nil }
        let indent = first.column - 1
        for index in first.line..<lines.count {
            let line = Array(lines[index])
            let leading = line.prefix { $0 == " " }.count
            let rest = String(line.dropFirst(leading))
            if rest.isEmpty || rest.hasPrefix("#") { continue }
            if leading < indent { return nil }  // the mapping has ended (the next list item, say)
            guard leading == indent else { continue }
            for candidate in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(candidate) {
                if rest.dropFirst(candidate.count).drop(while: { $0 == " " }).hasPrefix(":") {
                    return (index + 1, first.column)
                }
            }
        }
        return nil
    }
}
