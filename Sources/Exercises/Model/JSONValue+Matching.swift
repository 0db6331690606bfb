/// Comparing what a handler returned with what a test case expects, with the first difference
/// said in words and located by path (`batchItemFailures[0].itemIdentifier`).
extension JSONValue {
    package enum MatchMode: Sendable {
        /// The same document.
        case exact
        /// Every key the expectation names has a matching value; other keys may be there too.
        /// Lists must have the same length, item by item.
        case includes
    }

    /// Nil when `actual` matches `self` (the expectation), else the first difference.
    /// `root` names the whole value in messages (`the response`).
    package func difference(from actual: JSONValue, mode: MatchMode, path: String = "", root: String = "the value") -> String? {
        let here = path.isEmpty ? root : path
        switch (self, actual) {
        case (.null, .null): return nil
        case (.bool(let a), .bool(let b)): return a == b ? nil : "\(here) is \(actual), expected \(self)"
        case (.number(let a), .number(let b)):
            return abs(a - b) <= 1e-9 * max(1, abs(a)) ? nil : "\(here) is \(actual), expected \(self)"
        case (.string(let a), .string(let b)): return a == b ? nil : "\(here) is \(actual.abbreviated()), expected \(self.abbreviated())"
        case (.array(let expected), .array(let items)):
            if expected.count != items.count {
                return "\(here) has \(items.count) item\(items.count == 1 ? "" : "s"), expected \(expected.count): got \(actual.abbreviated())"
            }
            for (index, (want, got)) in zip(expected, items).enumerated() {
                if let problem = want.difference(from: got, mode: mode, path: "\(path.isEmpty ? root : path)[\(index)]", root: root) { return problem }
            }
            return nil
        case (.object(let expected), .object(let fields)):
            for key in expected.keys.sorted() {
                let child = path.isEmpty ? key : "\(path).\(key)"
                guard let got = fields[key] else {
                    return "\(child) is missing" + (fields.isEmpty ? "" : " (keys present: \(fields.keys.sorted().joined(separator: ", ")))")
                }
                if let problem = expected[key]!.difference(from: got, mode: mode, path: child, root: root) { return problem }
            }
            if mode == .exact {
                let extra = Set(fields.keys).subtracting(expected.keys).sorted()
                if !extra.isEmpty { return "\(here) has unexpected key\(extra.count == 1 ? "" : "s") \(extra.joined(separator: ", "))" }
            }
            return nil
        default:
            return "\(here) is \(actual.described), expected \(described)"
        }
    }

    /// `null`, `a string "x"`, `a list [1, 2]` … for messages.
    var described: String {
        if case .null = self { return "null" }
        return "\(kind) \(abbreviated())"
    }

    /// `a string`, `a list` … for messages.
    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
