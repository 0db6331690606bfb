import Foundation

/// What every batch event shares: the records under `Records`, written with sorted keys.
enum EventRecords {
    static func event(_ records: [[String: Any]]) -> Data {
        (try? JSONSerialization.data(withJSONObject: ["Records": records], options: [.sortedKeys])) ?? Data("{\"Records\":[]}".utf8)
    }
}
