import Foundation
import LocalServices

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
