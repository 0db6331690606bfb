import Foundation

/// One record of the event a Kinesis event source mapping invokes with (`{"Records": [...]}`),
/// in the shape Lambda sends and the `kinesis` sample event shows: `kinesis` with
/// kinesisSchemaVersion, partitionKey, sequenceNumber, base64 data and the arrival time in epoch
/// seconds; eventSource, eventVersion, eventID `shardId:sequenceNumber`, eventName,
/// invokeIdentityArn, awsRegion, eventSourceARN. The one builder of that shape: the stream
/// mappings fill it from the local stream's records, and a test checks it writes the shipped
/// sample's records back as they are.
package struct KinesisEventRecord: Sendable, Hashable {
    package var shardId: String
    package var sequenceNumber: String
    package var partitionKey: String
    package var data: Data
    package var approximateArrivalTimestamp: Date
    /// The function's execution role.
    package var invokeIdentityArn: String
    package var awsRegion: String
    package var eventSourceARN: String

    package init(shardId: String, sequenceNumber: String, partitionKey: String, data: Data, approximateArrivalTimestamp: Date,
                invokeIdentityArn: String, awsRegion: String, eventSourceARN: String) {
        self.shardId = shardId
        self.sequenceNumber = sequenceNumber
        self.partitionKey = partitionKey
        self.data = data
        self.approximateArrivalTimestamp = approximateArrivalTimestamp
        self.invokeIdentityArn = invokeIdentityArn
        self.awsRegion = awsRegion
        self.eventSourceARN = eventSourceARN
    }

    /// The record as JSON objects (what the event carries, and what filter criteria match).
    package var json: [String: Any] {
        [
            "kinesis": [
                "kinesisSchemaVersion": "1.0",
                "partitionKey": partitionKey,
                "sequenceNumber": sequenceNumber,
                "data": data.base64EncodedString(),
                // Epoch seconds with millisecond precision, as Kinesis reports the arrival.
                "approximateArrivalTimestamp": (approximateArrivalTimestamp.timeIntervalSince1970 * 1000).rounded(.down) / 1000,
            ] as [String: Any],
            "eventSource": "aws:kinesis",
            "eventVersion": "1.0",
            "eventID": "\(shardId):\(sequenceNumber)",
            "eventName": "aws:kinesis:record",
            "invokeIdentityArn": invokeIdentityArn,
            "awsRegion": awsRegion,
            "eventSourceARN": eventSourceARN,
        ]
    }

    /// `{"Records": [...]}` with sorted keys.
    package static func event(_ records: [KinesisEventRecord]) -> Data {
        EventRecords.event(records.map(\.json))
    }

    /// A record's size in the event, near enough for the 6 MB batch cap (base64 data plus the
    /// fixed fields), so a batch is sized before its records are built.
    package static func estimatedBytes(dataCount: Int, partitionKey: String) -> Int {
        (dataCount + 2) / 3 * 4 + partitionKey.utf8.count + 450
    }
}
