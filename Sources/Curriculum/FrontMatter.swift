import TutorSupport
import Yams

/// The YAML block between `---` lines at the top of a lesson file, checked key by key.
struct FrontMatter {
    var id: String?
    var title: String?
    var summary: String?
    var topics: [String] = []
    var prerequisites: [String] = []
    var minutes: Int?
    var objectives: [String] = []
    var related: [String] = []
    /// Line of `id:` (for duplicate-id and cycle messages).
    var idLine = 1

    static let knownKeys = ["id", "title", "summary", "topics", "prerequisites", "minutes", "objectives", "related"]
    static let requiredKeys = ["id", "title", "summary"]

    /// Lesson ids: lowercase letters, digits and hyphens, starting with a letter.
    static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first), id.count <= 64 else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Parses `yaml`, whose first line is file line `firstLine`.
    static func parse(_ yaml: String, file: String, firstLine: Int, diagnostics: inout [Diagnostic]) -> FrontMatter? {
        let offset = firstLine - 1
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            diagnostics.append(YAMLDiagnostics.diagnostic(for: error, file: file, lineOffset: offset))
            return nil
        }
        guard let root, case .mapping(let mapping) = root else {
            diagnostics.append(.error(file, line: firstLine, column: 1, "front matter must be a YAML mapping of keys such as id, title and summary"))
            return nil
        }
        var result = FrontMatter()
        var seen = Set<String>()
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let at = YAMLDiagnostics.location(of: keyNode, lineOffset: offset)
            guard knownKeys.contains(key) else {
                var message = "unknown front matter key '\(key)'"
                if let hint = Suggestions.didYouMean(key, in: knownKeys) { message += "; \(hint)" }
                diagnostics.append(.warning(file, line: at.line, column: at.column, message))
                continue
            }
            if !seen.insert(key).inserted {
                diagnostics.append(.error(file, line: at.line, column: at.column, "key '\(key)' appears twice"))
                continue
            }
            func text() -> String? {
                if case .scalar(let scalar) = value, !(scalar.style == .plain && ["", "~", "null"].contains(scalar.string)) {
                    return scalar.string
                }
                let v = YAMLDiagnostics.location(of: value, lineOffset: offset)
                diagnostics.append(.error(file, line: v.line, column: v.column, "'\(key)' must be text, found \(YAMLDiagnostics.typeName(of: value))"))
                return nil
            }
            func list() -> [String] {
                switch value {
                case .sequence(let sequence):
                    var items: [String] = []
                    for item in sequence {
                        if case .scalar(let scalar) = item {
                            items.append(scalar.string)
                        } else {
                            let v = YAMLDiagnostics.location(of: item, lineOffset: offset)
                            diagnostics.append(.error(file, line: v.line, column: v.column, "items of '\(key)' must be text, found \(YAMLDiagnostics.typeName(of: item))"))
                        }
                    }
                    return items
                case .scalar(let scalar) where scalar.style == .plain && ["", "~", "null"].contains(scalar.string):
                    return []
                default:
                    let v = YAMLDiagnostics.location(of: value, lineOffset: offset)
                    diagnostics.append(.error(file, line: v.line, column: v.column, "'\(key)' must be a list (e.g. [a, b]), found \(YAMLDiagnostics.typeName(of: value))"))
                    return []
                }
            }
            switch key {
            case "id":
                result.idLine = at.line
                if let id = text() {
                    if isValidID(id) {
                        result.id = id
                    } else {
                        let v = YAMLDiagnostics.location(of: value, lineOffset: offset)
                        diagnostics.append(.error(file, line: v.line, column: v.column,
                                                  "id '\(id)' must be lowercase letters, digits and hyphens, starting with a letter (at most 64)"))
                    }
                }
            case "title": result.title = text()
            case "summary": result.summary = text()
            case "topics": result.topics = list()
            case "prerequisites": result.prerequisites = list()
            case "objectives": result.objectives = list()
            case "related": result.related = list()
            case "minutes":
                if case .scalar(let scalar) = value, let n = Int(scalar.string), (1...600).contains(n) {
                    result.minutes = n
                } else {
                    let v = YAMLDiagnostics.location(of: value, lineOffset: offset)
                    diagnostics.append(.error(file, line: v.line, column: v.column, "'minutes' must be a whole number from 1 to 600"))
                }
            default:
                break
            }
        }
        for key in requiredKeys where !seen.contains(key) {
            diagnostics.append(.error(file, line: firstLine - 1, column: 1, "front matter is missing the required key '\(key)'"))
        }
        return result
    }
}
