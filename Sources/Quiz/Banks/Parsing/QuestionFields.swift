import ContentYAML

/// One question's fields as the type-specific readers get them: the values by key, the key
/// nodes (an error about a whole field points at its key, `choices:`), and the question itself
/// (a missing field is reported there).
struct QuestionFields {
    let type: QuestionType
    let values: [String: YAMLNode]
    let keys: [String: YAMLNode]
    let question: YAMLNode

    subscript(key: String) -> YAMLNode? { values[key] }

    /// The field's value, or nil after an error saying the type needs it and what it is.
    func require(_ key: String, _ explain: String, _ reader: inout YAMLReader) -> YAMLNode? {
        if let node = values[key] { return node }
        reader.error(question, "a \(type.rawValue) question needs `\(key):` (\(explain))")
        return nil
    }

    /// Where to report a problem with a whole field: its key, else its value.
    func key(_ key: String, else value: YAMLNode) -> YAMLNode {
        keys[key] ?? value
    }
}
