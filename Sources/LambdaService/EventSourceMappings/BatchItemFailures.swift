import Foundation

/// A partial batch response (`ReportBatchItemFailures`) read as Lambda reads it: an empty or
/// null `batchItemFailures`, an empty object or a null response means every message succeeded;
/// a response that is not JSON, or an `itemIdentifier` that is missing, empty, null or not a
/// message of the batch, fails the whole batch.
package enum BatchItemFailures {
    package enum Outcome: Sendable, Equatable {
        case failed(Set<String>)
        case invalid(String)
    }

    package static func parse(_ payload: Data, batch: [String]) -> Outcome {
        let text = String(decoding: payload, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text != "null" else { return .failed([]) }
        guard let object = try? JSONSerialization.jsonObject(with: payload, options: [.fragmentsAllowed]) else {
            return .invalid("the response is not JSON")
        }
        guard let response = object as? [String: Any] else { return .failed([]) }
        guard let failures = response["batchItemFailures"], !(failures is NSNull) else { return .failed([]) }
        guard let list = failures as? [Any] else { return .invalid("batchItemFailures is not a list") }
        let known = Set(batch)
        var ids: Set<String> = []
        for item in list {
            guard let entry = item as? [String: Any], let id = entry["itemIdentifier"] as? String, !id.isEmpty else {
                return .invalid("an entry of batchItemFailures has no itemIdentifier")
            }
            guard known.contains(id) else { return .invalid("itemIdentifier \(id) is not a message of this batch") }
            ids.insert(id)
        }
        return .failed(ids)
    }
}
