import Foundation
import LambdaEvents
import LocalServices
import MiniLambda

extension KinesisEventRecord {
    /// The execution role every local function has (the API reports the same `Role`).
    static let localRole = "arn:aws:iam::\(LambdaIdentity.accountID):role/lambda-tutor"

    /// The record a Kinesis mapping sends for a record of the local stream `streamArn`.
    init(_ record: StreamRecord, streamArn: String, region: String) {
        self.init(shardId: record.shardId, sequenceNumber: record.sequenceNumber, partitionKey: record.partitionKey,
                  data: record.data, approximateArrivalTimestamp: record.approximateArrivalTimestamp,
                  invokeIdentityArn: Self.localRole, awsRegion: region, eventSourceARN: streamArn)
    }

    /// `{"Records": [...]}` for a batch of the local stream's records.
    static func event(_ records: [StreamRecord], streamArn: String, region: String) -> Data {
        event(records.map { KinesisEventRecord($0, streamArn: streamArn, region: region) })
    }
}
