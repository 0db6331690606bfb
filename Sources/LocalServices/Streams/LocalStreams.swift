import Foundation
import LambdaModel
import Synchronization
import TutorSupport

/// The session's in-memory Kinesis-like data streams, on the service clock: a stream has a
/// fixed number of shards, each owning a range of 128-bit hash keys; PutRecord sends a record
/// to the shard whose range holds the MD5 of its partition key and gives it a sequence number
/// that increases in the shard; records stay for the retention period (24 hours by default,
/// as on Kinesis) and are then trimmed from the shard's start. Event source mappings read the
/// shards in order (LambdaService's stream pollers).
///
/// Simplifications (said in `stream show`): no resharding, no throughput limits per shard,
/// and the retention period cannot be changed.
package final class LocalStreams: Sendable {
    package let region: String
    package let accountID: String
    let clock: any WallClock
    let state = Mutex<[String: LocalStream]>([:])

    package init(region: String, accountID: String, clock: any WallClock) {
        self.region = region
        self.accountID = accountID
        self.clock = clock
    }

    package func arn(_ name: String) -> String { "arn:aws:kinesis:\(region):\(accountID):stream/\(name)" }

    /// The stream a name or ARN (`arn:aws:kinesis:REGION:ACCOUNT:stream/NAME`) names.
    package func streamName(_ reference: String) throws(LocalServiceError) -> String {
        var name = reference
        if reference.hasPrefix("arn:") {
            let parts = reference.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 6, parts[2] == "kinesis", parts[3] == Substring(region), parts[4] == Substring(accountID), parts[5].hasPrefix("stream/") else {
                throw LocalServiceError(.invalidArgument, "\(reference) is not a Kinesis stream ARN of account \(accountID) in \(region) (arn:aws:kinesis:\(region):\(accountID):stream/NAME)")
            }
            name = String(parts[5].dropFirst("stream/".count))
        }
        guard state.withLock({ $0[name] != nil }) else {
            throw LocalServiceError(.resourceNotFound, "Stream \(name) under account \(accountID) not found.")
        }
        return name
    }

    // MARK: - Streams

    /// CreateStream with `shardCount` shards (hash key ranges split evenly).
    package func create(_ name: String, shardCount: Int = 1) throws(LocalServiceError) {
        try StreamLimits.validateName(name)
        try StreamLimits.validateShardCount(shardCount)
        let now = clock.now()
        let shards = HashKeyRange.split(into: shardCount).enumerated().map { index, range in
            StreamShard(shardId: StreamShard.identifier(index), index: index, range: range)
        }
        try state.withLock { streams throws(LocalServiceError) in
            guard streams[name] == nil else {
                throw LocalServiceError(.resourceInUse, "Stream \(name) under account \(accountID) already exists.")
            }
            streams[name] = LocalStream(name: name, createdAt: now, retentionHours: Facts.kinesisRetentionDefault.int, shards: shards)
        }
    }

    package func list() -> [String] { state.withLock { $0.keys.sorted() } }

    /// DeleteStream: the stream and its records go.
    package func delete(_ reference: String) throws(LocalServiceError) {
        let name = try streamName(reference)
        _ = state.withLock { $0.removeValue(forKey: name) }
    }

    package func describe(_ reference: String) throws(LocalServiceError) -> StreamDescription {
        let name = try streamName(reference)
        let now = clock.now()
        return try state.withLock { streams throws(LocalServiceError) -> StreamDescription in
            guard var stream = streams[name] else { throw LocalServiceError(.resourceNotFound, "Stream \(name) under account \(accountID) not found.") }
            Self.trim(&stream, now: now)
            streams[name] = stream
            return StreamDescription(streamName: name, streamArn: arn(name), retentionPeriodHours: stream.retentionHours, creationTimestamp: stream.createdAt,
                                     shards: stream.shards.map { ShardDescription(shardId: $0.shardId, hashKeyRange: $0.range, firstPosition: $0.firstPosition, nextPosition: $0.nextPosition) })
        }
    }

    // MARK: - Records

    /// PutRecord: the record goes to the shard whose hash key range holds the MD5 of
    /// `partitionKey` (or `explicitHashKey`, a decimal 128-bit number, when given).
    @discardableResult
    package func put(_ reference: String, partitionKey: String, data: Data, explicitHashKey: String? = nil) throws(LocalServiceError) -> PutRecordResult {
        let name = try streamName(reference)
        try StreamLimits.validateRecord(partitionKey: partitionKey, data: data)
        var key = HashKeyRange.hashKey(partitionKey)
        if let explicitHashKey {
            guard let value = UInt128(explicitHashKey) else {
                throw LocalServiceError(.invalidArgument, "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was \(explicitHashKey)")
            }
            key = value
        }
        let now = clock.now()
        return try state.withLock { streams throws(LocalServiceError) -> PutRecordResult in
            guard var stream = streams[name] else { throw LocalServiceError(.resourceNotFound, "Stream \(name) under account \(accountID) not found.") }
            Self.trim(&stream, now: now)
            guard let index = stream.shards.firstIndex(where: { $0.range.contains(key) }) else {
                throw LocalServiceError(.invalidArgument, "No shard of \(name) holds hash key \(key)")
            }
            var shard = stream.shards[index]
            let position = shard.nextPosition
            let record = StreamRecord(shardId: shard.shardId, position: position, sequenceNumber: shard.sequenceNumber(position: position, streamCreated: stream.createdAt),
                                      partitionKey: partitionKey, data: data, approximateArrivalTimestamp: now)
            shard.records.append(record)
            stream.shards[index] = shard
            streams[name] = stream
            return PutRecordResult(shardId: shard.shardId, sequenceNumber: record.sequenceNumber)
        }
    }

    /// The records of `shardId` from `position` on (from the oldest kept when `position` was
    /// trimmed), at most `limit`. What a shard iterator reads (GetRecords).
    package func records(_ reference: String, shardId: String, from position: Int, limit: Int = .max) throws(LocalServiceError) -> [StreamRecord] {
        let name = try streamName(reference)
        let now = clock.now()
        return try state.withLock { streams throws(LocalServiceError) -> [StreamRecord] in
            guard var stream = streams[name] else { throw LocalServiceError(.resourceNotFound, "Stream \(name) under account \(accountID) not found.") }
            Self.trim(&stream, now: now)
            streams[name] = stream
            guard let shard = stream.shards.first(where: { $0.shardId == shardId }) else {
                throw LocalServiceError(.resourceNotFound, "Shard \(shardId) in stream \(name) under account \(accountID) does not exist")
            }
            let start = max(0, position - shard.firstPosition)
            guard start < shard.records.count, limit > 0 else { return [] }
            return Array(shard.records[start..<(start + min(limit, shard.records.count - start))])
        }
    }

    /// Drops the records older than the retention period from each shard's start.
    static func trim(_ stream: inout LocalStream, now: Date) {
        let cutoff = now.addingTimeInterval(-Double(stream.retentionHours) * 3600)
        for index in stream.shards.indices {
            let expired = stream.shards[index].records.prefix { $0.approximateArrivalTimestamp < cutoff }.count
            guard expired > 0 else { continue }
            stream.shards[index].records.removeFirst(expired)
            stream.shards[index].firstPosition += expired
        }
    }
}
