import Foundation
import LocalServices

/// Event filtering for Kinesis records, as Lambda does it: only the `data` key can be
/// filtered; when the record's data is JSON, a pattern's `data` object is matched against the
/// decoded JSON; data that is not JSON never matches an object pattern, and a `data` list of
/// conditions is matched against the data as it stands in the record (base64).
extension EventFilter {
    /// Refuses patterns with keys other than `data` (Lambda: "Kinesis event source mappings
    /// only support filtering on the data key").
    func checkKinesisKeys() throws(LambdaServiceError) {
        for pattern in patterns {
            let keys = (try Self.parse(pattern)).keys.filter { $0 != "data" }
            guard keys.isEmpty else {
                throw LambdaServiceError(.invalidParameterValue, "Invalid filter pattern definition: Kinesis event source mappings only support filtering on the data key (got \(keys.sorted().joined(separator: ", ")))")
            }
        }
    }

    /// Whether the stream record passes the filters. No filters: every record passes.
    package func matchesKinesis(_ record: StreamRecord) -> Bool {
        guard !patterns.isEmpty else { return true }
        let decoded = try? JSONSerialization.jsonObject(with: record.data, options: [.fragmentsAllowed])
        return patterns.contains { pattern in
            guard let object = try? Self.parse(pattern) else { return false }
            if object["data"] is [String: Any] {
                guard let json = decoded as? [String: Any] else { return false }
                return Self.matches(object, ["data": json])
            }
            return Self.matches(object, ["data": record.data.base64EncodedString()])
        }
    }
}
