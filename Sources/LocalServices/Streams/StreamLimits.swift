import Foundation

/// Kinesis Data Streams' limits for what a learner gives (Kinesis API Reference: CreateStream,
/// PutRecord). Kinesis numbers, not Lambda's, so they live here beside ``QueueLimits``; the
/// retention period is Lambda-course material and lives in LambdaModel's facts.
package enum StreamLimits {
    package static let maximumNameLength = 128
    package static let maximumPartitionKeyLength = 256
    /// The data blob of one record before base64 (1 MiB).
    package static let maximumDataBytes = 1_048_576
    /// The tutor's own cap on shards per stream (a Kinesis account may have hundreds); enough
    /// to watch records spread and parallel batches, small enough for `stream show`.
    package static let maximumShards = 16

    static func validateName(_ name: String) throws(LocalServiceError) {
        let allowed = name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "." }
        guard !name.isEmpty, name.count <= maximumNameLength, allowed else {
            throw LocalServiceError(.validation, "1 validation error detected: Value '\(name)' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+ and have length 1 to \(maximumNameLength)")
        }
    }

    static func validateShardCount(_ count: Int) throws(LocalServiceError) {
        guard (1...maximumShards).contains(count) else {
            throw LocalServiceError(.invalidArgument, "ShardCount must be between 1 and \(maximumShards) in lambda-tutor (a real account's shard quota is larger), got \(count)")
        }
    }

    static func validateRecord(partitionKey: String, data: Data) throws(LocalServiceError) {
        guard !partitionKey.isEmpty, partitionKey.count <= maximumPartitionKeyLength else {
            throw LocalServiceError(.validation, "1 validation error detected: Value at 'partitionKey' failed to satisfy constraint: Member must have length between 1 and \(maximumPartitionKeyLength)")
        }
        guard data.count <= maximumDataBytes else {
            throw LocalServiceError(.validation, "1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have length less than or equal to \(maximumDataBytes)")
        }
    }
}

extension LocalServiceError.Code {
    package static let resourceNotFound = LocalServiceError.Code(rawValue: "ResourceNotFoundException")
    package static let resourceInUse = LocalServiceError.Code(rawValue: "ResourceInUseException")
    package static let invalidArgument = LocalServiceError.Code(rawValue: "InvalidArgumentException")
    package static let validation = LocalServiceError.Code(rawValue: "ValidationException")
}
