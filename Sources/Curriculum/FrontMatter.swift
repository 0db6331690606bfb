import ContentYAML
import TutorSupport

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
    /// Where `id:`, `prerequisites:` and each referenced lesson id are written.
    var positions = FrontMatterPositions()
    var idLine: Int { positions.id.line }

    static let knownKeys = ["id", "title", "summary", "topics", "prerequisites", "minutes", "objectives", "related"]
    static let requiredKeys = ["id", "title", "summary"]
    /// A lesson is read in minutes, not days.
    static let minutesRange = 1...600

    /// Lesson ids: lowercase letters, digits and hyphens, starting with a letter.
    static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first), id.count <= 64 else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Parses `yaml`, whose first line is file line `firstLine`.
    static func parse(_ yaml: String, file: String, firstLine: Int, diagnostics: inout [Diagnostic]) -> FrontMatter? {
        var reader = YAMLReader(file: file, lineOffset: firstLine - 1)
        defer { diagnostics += reader.diagnostics }
        let root: YAMLNode?
        do throws(YAMLSyntaxError) {
            root = try reader.compose(yaml)
        } catch {
            reader.report(error)
            return nil
        }
        guard let root, case .mapping = root else {
            reader.error(nil, "front matter must be a YAML mapping of keys such as id, title and summary")
            return nil
        }
        var result = FrontMatter()
        let entries = reader.entries(root, "the front matter", allowed: knownKeys) ?? []
        for (key, keyNode, value) in entries {
            switch key {
            case "id":
                result.positions.id = reader.location(keyNode)
                if let id = reader.text(value, "id") {
                    if isValidID(id) {
                        result.id = id
                    } else {
                        reader.error(value, "id '\(id)' must be lowercase letters, digits and hyphens, starting with a letter (at most 64)")
                    }
                }
            case "title": result.title = reader.text(value, "title")
            case "summary": result.summary = reader.text(value, "summary")
            case "topics": result.topics = reader.texts(value, "topics") ?? []
            case "prerequisites":
                result.prerequisites = reader.texts(value, "prerequisites") ?? []
                result.positions.prerequisites = reader.location(keyNode)
                result.recordReferences(value, reader)
            case "objectives": result.objectives = reader.texts(value, "objectives") ?? []
            case "related":
                result.related = reader.texts(value, "related") ?? []
                result.recordReferences(value, reader)
            case "minutes": result.minutes = reader.integer(value, "minutes", in: minutesRange)
            default: break
            }
        }
        for key in requiredKeys where !entries.contains(where: { $0.key == key }) {
            reader.diagnostics.append(.error(file, line: firstLine - 1, column: 1, "front matter is missing the required key '\(key)'"))
        }
        return result
    }

    /// Remembers where each lesson id of a `prerequisites:` or `related:` list is written.
    mutating func recordReferences(_ list: YAMLNode, _ reader: YAMLReader) {
        guard case .list(let items) = list else { return }
        for item in items {
            guard case .scalar(let scalar) = item, positions.references[scalar.string] == nil else { continue }
            positions.references[scalar.string] = reader.location(item)
        }
    }
}
