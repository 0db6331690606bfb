import Foundation
import LambdaModel

/// Where a stream mapping starts reading each shard (`StartingPosition`).
package enum StartingPosition: String, Sendable, Hashable, CaseIterable {
    /// The oldest record the shard still keeps.
    case trimHorizon = "TRIM_HORIZON"
    /// Only records put after the mapping was created.
    case latest = "LATEST"
    /// The first record that arrived at or after `StartingPositionTimestamp`.
    case atTimestamp = "AT_TIMESTAMP"
}

/// The settings of a mapping from a Kinesis stream (botocore's stream members of
/// `EventSourceMappingConfiguration`), with Lambda's defaults: retries and record age −1
/// (until the records expire from the stream), no bisect, one batch per shard at a time.
package struct StreamMappingSettings: Sendable, Hashable {
    package var startingPosition: StartingPosition
    package var startingPositionTimestamp: Date?
    /// −1: retry until the records expire.
    package var maximumRetryAttempts = Facts.streamMaxRetriesDefault.int
    /// −1: never discard a record for its age.
    package var maximumRecordAge = Facts.streamMaxRecordAgeDefault.int
    package var bisectBatchOnFunctionError = false
    package var parallelizationFactor = Facts.parallelizationMin.int
    /// `DestinationConfig.OnFailure.Destination`: an SQS queue or SNS topic ARN.
    package var onFailure: String?
    package var tumblingWindow = 0

    package init(startingPosition: StartingPosition, startingPositionTimestamp: Date? = nil) {
        self.startingPosition = startingPosition
        self.startingPositionTimestamp = startingPositionTimestamp
    }

    /// The stream members of the API's `EventSourceMappingConfiguration`.
    func apiFields() -> [String: Any] {
        var fields: [String: Any] = [
            "StartingPosition": startingPosition.rawValue,
            "MaximumRetryAttempts": maximumRetryAttempts,
            "MaximumRecordAgeInSeconds": maximumRecordAge,
            "BisectBatchOnFunctionError": bisectBatchOnFunctionError,
            "ParallelizationFactor": parallelizationFactor,
            "TumblingWindowInSeconds": tumblingWindow,
            "DestinationConfig": ["OnFailure": onFailure.map { ["Destination": $0] } ?? [String: String]()],
        ]
        if let startingPositionTimestamp { fields["StartingPositionTimestamp"] = startingPositionTimestamp.timeIntervalSince1970 }
        return fields
    }
}

/// The stream members a create or update gives (nil: not given).
package struct StreamMappingRequest: Sendable, Hashable {
    package var startingPosition: String?
    package var startingPositionTimestamp: Date?
    package var maximumRetryAttempts: Int?
    package var maximumRecordAge: Int?
    package var bisectBatchOnFunctionError: Bool?
    package var parallelizationFactor: Int?
    /// `DestinationConfig.OnFailure.Destination`; "" removes it on update.
    package var onFailure: String?
    package var tumblingWindow: Int?

    package init() {}

    var isEmpty: Bool { self == StreamMappingRequest() }
}

extension StreamMappingSettings {
    /// Applies `request` and checks every value as Lambda does; `queueExists` says whether an
    /// on-failure queue ARN names a queue.
    mutating func apply(_ request: StreamMappingRequest, creating: Bool, destinationExists: (String) -> Bool) throws(LambdaServiceError) {
        if let position = request.startingPosition {
            guard creating else { throw LambdaServiceError(.invalidParameterValue, "StartingPosition cannot be changed; delete the mapping and create another") }
            guard let value = StartingPosition(rawValue: position) else {
                throw LambdaServiceError(.invalidParameterValue, "1 validation error detected: Value '\(position)' at 'startingPosition' failed to satisfy constraint: Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_TIMESTAMP]")
            }
            startingPosition = value
        }
        if let timestamp = request.startingPositionTimestamp { startingPositionTimestamp = timestamp }
        if creating, startingPosition == .atTimestamp, startingPositionTimestamp == nil {
            throw LambdaServiceError(.invalidParameterValue, "StartingPositionTimestamp must be provided when StartingPosition is AT_TIMESTAMP")
        }
        if creating, startingPosition != .atTimestamp, request.startingPositionTimestamp != nil {
            throw LambdaServiceError(.invalidParameterValue, "StartingPositionTimestamp can only be provided when StartingPosition is AT_TIMESTAMP")
        }
        if let retries = request.maximumRetryAttempts {
            guard retries == -1 || (0...Facts.streamMaxRetries.int).contains(retries) else {
                throw LambdaServiceError(.invalidParameterValue, "1 validation error detected: Value \(retries) at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value between -1 and \(Facts.streamMaxRetries.int)")
            }
            maximumRetryAttempts = retries
        }
        if let age = request.maximumRecordAge {
            guard age == -1 || (Facts.streamMinRecordAge.int...Facts.streamMaxRecordAge.int).contains(age) else {
                throw LambdaServiceError(.invalidParameterValue, "MaximumRecordAgeInSeconds must be -1 (no limit) or between \(Facts.streamMinRecordAge.int) and \(Facts.streamMaxRecordAge.int), got \(age)")
            }
            maximumRecordAge = age
        }
        if let bisect = request.bisectBatchOnFunctionError { bisectBatchOnFunctionError = bisect }
        if let factor = request.parallelizationFactor {
            guard (Facts.parallelizationMin.int...Facts.parallelizationMax.int).contains(factor) else {
                throw LambdaServiceError(.invalidParameterValue, "1 validation error detected: Value \(factor) at 'parallelizationFactor' failed to satisfy constraint: Member must have value between \(Facts.parallelizationMin.int) and \(Facts.parallelizationMax.int)")
            }
            parallelizationFactor = factor
        }
        if let window = request.tumblingWindow {
            guard (0...Facts.tumblingWindowMax.int).contains(window) else {
                throw LambdaServiceError(.invalidParameterValue, "1 validation error detected: Value \(window) at 'tumblingWindowInSeconds' failed to satisfy constraint: Member must have value between 0 and \(Facts.tumblingWindowMax.int)")
            }
            guard window == 0 else {
                throw LambdaServiceError(.invalidParameterValue, "TumblingWindowInSeconds: lambda-tutor does not run tumbling windows (aggregation state across invocations); leave it at 0")
            }
            tumblingWindow = window
        }
        if let destination = request.onFailure {
            if destination.isEmpty {
                onFailure = nil
            } else {
                guard destination.hasPrefix("arn:aws:sqs:") || destination.hasPrefix("arn:aws:sns:") else {
                    throw LambdaServiceError(.invalidParameterValue, "The destination ARN \(destination) is invalid: the tutor delivers stream on-failure records to SQS queues and SNS topics (AWS also takes S3 buckets)")
                }
                guard destinationExists(destination) else {
                    throw LambdaServiceError(.invalidParameterValue, "The destination ARN \(destination) is invalid: no such \(destination.hasPrefix("arn:aws:sns:") ? "topic" : "queue") in this session")
                }
                onFailure = destination
            }
        }
    }
}
