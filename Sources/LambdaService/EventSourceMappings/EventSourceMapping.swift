import Foundation
import LambdaModel
import MiniLambda

/// One event source mapping from an SQS queue or a Kinesis stream to a function, with the
/// fields of botocore's `EventSourceMappingConfiguration` the tutor serves
/// (``apiObject(stateOverride:)`` gives the API's JSON). DynamoDB streams are not served.
package struct EventSourceMapping: Sendable, Hashable {
    package let uuid: String
    package let eventSourceArn: String
    /// The function's ARN, with its qualifier when the mapping names one.
    package var functionArn: String
    package var functionName: String
    package var qualifier: String?
    package var batchSize: Int
    package var maximumBatchingWindow: Int
    package var filter: EventFilter?
    package var reportBatchItemFailures: Bool
    /// `ScalingConfig.MaximumConcurrency` (nil: Lambda's default ceiling).
    package var maximumConcurrency: Int?
    package var enabled: Bool
    package var lastModified: Date
    package var lastProcessingResult = "No records processed"
    /// Set for a stream mapping: its stream settings.
    package var stream: StreamMappingSettings? = nil

    package var arn: String {
        "arn:aws:lambda:\(LambdaIdentity.region):\(LambdaIdentity.accountID):event-source-mapping:\(uuid)"
    }

    /// `Enabled` or `Disabled`; the API answers `Creating`, `Updating` or `Deleting` in the
    /// response to the change itself, as AWS does, and the settled state afterwards.
    package var state: String { enabled ? "Enabled" : "Disabled" }

    /// Concurrent batches the poller runs: AWS starts an SQS mapping at a few concurrent
    /// batches and scales up by the minute; the tutor keeps the starting number (capped by
    /// `MaximumConcurrency`), which ``EventSourceMappings`` documents as a simplification.
    package var concurrentBatches: Int {
        min(Facts.sqsInitialBatches.int, maximumConcurrency ?? Facts.sqsMaxConcurrencyDefault.int)
    }

    /// The API's `EventSourceMappingConfiguration` for this mapping.
    package func apiObject(stateOverride: String? = nil) -> [String: Any] {
        var object: [String: Any] = [
            "UUID": uuid,
            "EventSourceArn": eventSourceArn,
            "FunctionArn": functionArn,
            "BatchSize": batchSize,
            "MaximumBatchingWindowInSeconds": maximumBatchingWindow,
            "LastModified": lastModified.timeIntervalSince1970,
            "LastProcessingResult": lastProcessingResult,
            "State": stateOverride ?? state,
            "StateTransitionReason": "USER_INITIATED",
            "FunctionResponseTypes": reportBatchItemFailures ? ["ReportBatchItemFailures"] : [String](),
            "EventSourceMappingArn": arn,
        ]
        if let filter {
            object["FilterCriteria"] = ["Filters": filter.patterns.map { ["Pattern": $0] }]
        }
        if let maximumConcurrency {
            object["ScalingConfig"] = ["MaximumConcurrency": maximumConcurrency]
        }
        if let stream { object.merge(stream.apiFields()) { _, new in new } }
        return object
    }
}

/// What a create or update asks for (nil: not given). The REPL's `esm` and the API's
/// Create/UpdateEventSourceMapping both come through this, so both are checked the same way.
package struct EventSourceMappingRequest: Sendable {
    package var eventSourceArn: String?
    package var functionName: String?
    package var enabled: Bool?
    package var batchSize: Int?
    package var maximumBatchingWindow: Int?
    /// Filter patterns; an empty list removes the filters on update.
    package var filterPatterns: [String]?
    /// `FunctionResponseTypes`: `["ReportBatchItemFailures"]` or `[]`.
    package var functionResponseTypes: [String]?
    package var maximumConcurrency: Int?
    /// Stream-only settings that were given (refused for a queue, as AWS does).
    package var streamSettings: [String] = []
    /// The stream settings' values (for a Kinesis stream mapping).
    package var stream = StreamMappingRequest()

    package init(eventSourceArn: String? = nil, functionName: String? = nil, enabled: Bool? = nil, batchSize: Int? = nil,
                maximumBatchingWindow: Int? = nil, filterPatterns: [String]? = nil, functionResponseTypes: [String]? = nil,
                maximumConcurrency: Int? = nil) {
        self.eventSourceArn = eventSourceArn
        self.functionName = functionName
        self.enabled = enabled
        self.batchSize = batchSize
        self.maximumBatchingWindow = maximumBatchingWindow
        self.filterPatterns = filterPatterns
        self.functionResponseTypes = functionResponseTypes
        self.maximumConcurrency = maximumConcurrency
    }
}
