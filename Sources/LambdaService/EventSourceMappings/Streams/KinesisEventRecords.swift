import Foundation
import LocalServices
import MiniLambda

/// The event a Kinesis mapping invokes with: `{"Records": [...]}`, each record in the shape
/// Lambda sends (the same fields as LambdaEvents' `kinesis` sample: `kinesis` with
/// kinesisSchemaVersion, partitionKey, sequenceNumber, base64 data and the arrival time in
/// epoch seconds; eventSource, eventVersion, eventID `shardId:sequenceNumber`, eventName,
/// invokeIdentityArn, awsRegion, eventSourceARN).
enum KinesisEventRecords {
    /// The execution role every local function has (the API reports the same `Role`).
    static let role = "arn:aws:iam::\(LambdaIdentity.accountID):role/lambda-tutor"

    static func record(_ record: StreamRecord, streamArn: String, region: String) -> [String: Any] {
        [
            "kinesis": [
                "kinesisSchemaVersion": "1.0",
                "partitionKey": record.partitionKey,
                "sequenceNumber": record.sequenceNumber,
                "data": record.data.base64EncodedString(),
                "approximateArrivalTimestamp": (record.approximateArrivalTimestamp.timeIntervalSince1970 * 1000).rounded(.down) / 1000,
            ] as [String: Any],
            "eventSource": "aws:kinesis",
            "eventVersion": "1.0",
            "eventID": "\(record.shardId):\(record.sequenceNumber)",
            "eventName": "aws:kinesis:record",
            "invokeIdentityArn": role,
            "awsRegion": region,
            "eventSourceARN": streamArn,
        ]
    }

    static func event(_ records: [StreamRecord], streamArn: String, region: String) -> Data {
        let list = records.map { record($0, streamArn: streamArn, region: region) }
        return (try? JSONSerialization.data(withJSONObject: ["Records": list], options: [.sortedKeys])) ?? Data("{\"Records\":[]}".utf8)
    }

    /// A record's size in the event, near enough for the 6 MB batch cap (base64 data plus the fixed fields).
    static func estimatedBytes(_ record: StreamRecord) -> Int {
        (record.data.count + 2) / 3 * 4 + record.partitionKey.utf8.count + 450
    }
}

/// What a stream mapping's on-failure destination receives when a batch is discarded: AWS's
/// record for stream failures — the request and response context, `version`, `timestamp` and
/// `KinesisBatchInfo` naming the shard, the first and last sequence numbers, the arrival
/// times, the batch size and the stream. The records themselves are not included, as on AWS:
/// read them from the stream by sequence number while it still keeps them.
struct StreamFailureRecord {
    enum Condition: String {
        case retryAttemptsExhausted = "RetryAttemptsExhausted"
        case recordAgeExceeded = "RecordAgeExceeded"
    }

    var timestamp: Date
    var requestID: String
    var functionArn: String
    var condition: Condition
    var approximateInvokeCount: Int
    /// The last invocation's response (nil when the batch was never invoked).
    var response: AsyncAttemptResult?
    var records: [StreamRecord]
    var streamArn: String

    func json() -> String {
        var object: [String: Any] = [
            "version": "1.0",
            "timestamp": InvocationRecord.format(timestamp),
            "requestContext": [
                "requestId": requestID, "functionArn": functionArn,
                "condition": condition.rawValue, "approximateInvokeCount": approximateInvokeCount,
            ] as [String: Any],
            "KinesisBatchInfo": [
                "shardId": records.first?.shardId ?? "",
                "startSequenceNumber": records.first?.sequenceNumber ?? "",
                "endSequenceNumber": records.last?.sequenceNumber ?? "",
                "approximateArrivalOfFirstRecord": records.first.map { InvocationRecord.format($0.approximateArrivalTimestamp) } ?? "",
                "approximateArrivalOfLastRecord": records.last.map { InvocationRecord.format($0.approximateArrivalTimestamp) } ?? "",
                "batchSize": records.count,
                "streamArn": streamArn,
            ] as [String: Any],
        ]
        if let response {
            var context: [String: Any] = ["statusCode": 200, "executedVersion": response.executedVersion]
            if let error = response.functionError { context["functionError"] = error }
            object["responseContext"] = context
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
