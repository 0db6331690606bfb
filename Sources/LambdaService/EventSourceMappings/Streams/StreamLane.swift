import Foundation
import LocalServices

/// One batch a stream mapping invokes: records of one shard (and one lane of it), in order,
/// with how often these records were invoked and how many retries they have used.
struct StreamBatch: Sendable, Hashable {
    var records: [StreamRecord]
    /// The lane's checkpoint once this batch is done: past its last record and any records
    /// before it that the lane skipped (other lanes' keys, filtered out).
    var resumeAt: Int
    var attempts = 0
    var retriesUsed = 0
    /// Made by bisecting a failed batch.
    var split = false
}

/// A stream mapping's place in one shard. With `ParallelizationFactor` N each shard has N
/// lanes; a record belongs to the lane its partition key hashes to, so records of one key stay
/// in order while the lanes run batches at the same time. `nextPosition` is the checkpoint:
/// the shard position of the next record the lane reads. While `retry` holds a failing batch
/// (and, after a bisect, the halves still to run), the lane reads nothing new: the shard is blocked.
struct StreamLane: Sendable {
    let shardId: String
    let lane: Int
    var nextPosition: Int
    var retry: [StreamBatch] = []
    var retryAt: Date?
    var inFlight = false
    var windowOpened: Date?
    /// Age of the oldest record of the last batch when it was read (the IteratorAge metric).
    var iteratorAge: TimeInterval = 0
    /// Sequence number of the last record the lane finished with.
    var checkpoint: String?

    var key: String { Self.key(shardId, lane) }
    static func key(_ shardId: String, _ lane: Int) -> String { "\(shardId)#\(lane)" }

    /// The lane a partition key belongs to among `count`.
    static func lane(of partitionKey: String, among count: Int) -> Int {
        guard count > 1 else { return 0 }
        let digest = MD5.hex(partitionKey)
        return Int(UInt64(digest.prefix(15), radix: 16) ?? 0) % count
    }
}

/// A lane as `esm show` reports it.
package struct StreamLaneStatus: Sendable, Hashable {
    package let shardId: String
    package let lane: Int
    package let lanes: Int
    /// The sequence number of the last record done with (nil: nothing yet).
    package let checkpoint: String?
    /// Records of the shard (all lanes) not yet read by this lane.
    package let behind: Int
    /// The failing batch's record count (0: not blocked), first and last sequence numbers.
    package let blockedRecords: Int
    package let blockedRange: (first: String, last: String)?
    package let attempts: Int
    /// Retries left for the failing batch; nil means no limit (−1).
    package let retriesLeft: Int?
    package let nextRetry: Date?
    package let iteratorAge: TimeInterval

    package static func == (left: StreamLaneStatus, right: StreamLaneStatus) -> Bool {
        left.shardId == right.shardId && left.lane == right.lane && left.checkpoint == right.checkpoint && left.blockedRecords == right.blockedRecords && left.attempts == right.attempts
    }
    package func hash(into hasher: inout Hasher) { hasher.combine(shardId); hasher.combine(lane) }
}
