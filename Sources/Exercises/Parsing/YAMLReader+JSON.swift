import ContentYAML

extension YAMLReader {
    /// A YAML value as JSON: mappings become objects, lists arrays; plain scalars are read as
    /// JSON reads them (`42`, `true`, `null`), quoted ones stay text. Nil (with an error)
    /// for what JSON cannot hold: aliases, keys that are not text.
    mutating func json(_ node: YAMLNode, _ what: String) -> JSONValue? {
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain else { return .string(scalar.string) }
            let text = scalar.string
            switch text {
            case "", "~", "null", "Null", "NULL": return .null
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            default:
                if let number = Self.jsonNumber(text) { return .number(number) }
                return .string(text)
            }
        case .list(let sequence):
            var items: [JSONValue] = []
            for item in sequence {
                guard let value = json(item, what) else { return nil }
                items.append(value)
            }
            return .array(items)
        case .mapping(let mapping):
            var fields: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    error(key, "keys in \(what) must be text")
                    return nil
                }
                if fields[keyScalar.string] != nil {
                    error(key, "'\(keyScalar.string)' appears twice in \(what)")
                    return nil
                }
                guard let converted = json(value, what) else { return nil }
                fields[keyScalar.string] = converted
            }
            return .object(fields)
        case .alias:
            error(node, "\(what) cannot use YAML aliases; write the value out")
            return nil
        }
    }

    /// Numbers as JSON has them (`12`, `-0.5`, `1e3`); YAML's `1_000` and `0x1F` stay text
    /// here, so an id such as `007` is not silently turned into 7.
    static func jsonNumber(_ text: String) -> Double? {
        guard let first = text.first, first == "-" || first.isNumber else { return nil }
        if text.count > 1, text.hasPrefix("0"), !text.hasPrefix("0.") { return nil }
        if text.hasPrefix("-0"), text.count > 2, !text.hasPrefix("-0.") { return nil }
        guard text.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }), let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
