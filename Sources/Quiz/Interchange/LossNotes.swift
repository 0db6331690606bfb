/// Collects what an export drops, grouped by kind, so the report reads as a few sentences
/// rather than one line per question.
struct LossNotes {
    private var order: [String] = []
    private var ids: [String: [String]] = [:]

    mutating func add(_ what: String, _ id: String) {
        if ids[what] == nil { order.append(what) }
        if ids[what, default: []].last != id { ids[what, default: []].append(id) }
    }

    var sentences: [String] {
        order.map { what in
            let list = ids[what]!
            let shown = list.prefix(8).joined(separator: ", ") + (list.count > 8 ? " and \(list.count - 8) more" : "")
            return "\(what) (\(list.count) question\(list.count == 1 ? "" : "s"): \(shown))"
        }
    }
}
