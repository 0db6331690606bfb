import Foundation

/// One record in a shard, as Kinesis keeps it: the partition key, the data blob, the sequence
/// number the shard gave it and when it arrived. `position` counts records in the shard from
/// 0 (it stays when older records are trimmed), so a consumer can keep its place cheaply.
package struct StreamRecord: Sendable, Hashable {
    package let shardId: String
    package let position: Int
    package let sequenceNumber: String
    package let partitionKey: String
    package let data: Data
    package let approximateArrivalTimestamp: Date
}

/// What PutRecord answers (botocore's `PutRecordOutput`).
package struct PutRecordResult: Sendable, Hashable {
    package let shardId: String
    package let sequenceNumber: String
}

/// One shard of a stream as `stream show` and DescribeStream present it.
package struct ShardDescription: Sendable, Hashable {
    package let shardId: String
    package let hashKeyRange: HashKeyRange
    /// Positions of the oldest record still kept and of the next record to come.
    package let firstPosition: Int
    package let nextPosition: Int
}

/// A stream as `stream show` and DescribeStream present it.
package struct StreamDescription: Sendable, Hashable {
    package let streamName: String
    package let streamArn: String
    package let retentionPeriodHours: Int
    package let creationTimestamp: Date
    package let shards: [ShardDescription]
}

/// A shard's records (those within the retention period) and its sequence counter.
struct StreamShard: Sendable {
    let shardId: String
    let index: Int
    let range: HashKeyRange
    var records: [StreamRecord] = []
    /// The position the first kept record has (records before it were trimmed).
    var firstPosition = 0
    var nextPosition: Int { firstPosition + records.count }

    /// The sequence number of the record at `position`: 56 digits, as Kinesis writes them,
    /// increasing in the shard — `49`, the stream's creation second, the shard index and the
    /// position, each zero-padded so that comparing the strings compares the numbers.
    func sequenceNumber(position: Int, streamCreated: Date) -> String {
        let created = String(Int64(streamCreated.timeIntervalSince1970))
        return "49" + String(repeating: "0", count: max(0, 20 - created.count)) + created
            + String(format: "%04d", index) + String(format: "%030d", position)
    }

    static func identifier(_ index: Int) -> String { "shardId-" + String(format: "%012d", index) }
}

struct LocalStream: Sendable {
    let name: String
    let createdAt: Date
    var retentionHours: Int
    var shards: [StreamShard]
}
