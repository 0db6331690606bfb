import Foundation
import LambdaModel
import LocalServices
import MiniLambda
import Synchronization
import TutorSupport

/// CreateEventSourceMapping and UpdateEventSourceMapping for a Kinesis stream, with Lambda's
/// checks: `StartingPosition` required (AT_TIMESTAMP with its timestamp), batch size 1–10,000
/// (default 100), window 0–300 s, retries −1 or 0–10,000, record age −1 or 60–604,800 s,
/// parallelization 1–10, filters on `data` only, an on-failure destination that is a queue,
/// and no SQS-only settings.
extension EventSourceMappings {
    func createStreamMapping(_ request: EventSourceMappingRequest, source: String, functionName: String) throws(LambdaServiceError) -> EventSourceMapping {
        let arn = try streamArn(source)
        let reference = try FunctionReference(parsing: functionName)
        guard let position = request.stream.startingPosition else {
            throw LambdaServiceError(.invalidParameterValue, "StartingPosition is required for a Kinesis event source (TRIM_HORIZON, LATEST or AT_TIMESTAMP)")
        }
        var mapping = EventSourceMapping(
            uuid: RandomUUID.string(), eventSourceArn: arn,
            functionArn: AsyncInvocations.functionArn(reference.name, reference.qualifier), functionName: reference.name,
            qualifier: reference.qualifier, batchSize: Facts.streamBatchDefault.int, maximumBatchingWindow: Facts.batchWindowDefault.int, filter: nil,
            reportBatchItemFailures: false, maximumConcurrency: nil, enabled: request.enabled ?? true, lastModified: clock.now())
        mapping.stream = StreamMappingSettings(startingPosition: StartingPosition(rawValue: position) ?? .latest)
        try applyStream(request, to: &mapping, creating: true)
        let lanes = try initialLanes(streamArn: arn, settings: mapping.stream!)
        let created = mapping
        try state.withLock { state throws(LambdaServiceError) in
            if let existing = state.mappings.values.first(where: { $0.eventSourceArn == created.eventSourceArn && $0.functionArn == created.functionArn }) {
                throw LambdaServiceError(.resourceConflict, "The event source arn (\" \(created.eventSourceArn) \") and function (\" \(reference.name) \") provided mapping already exists. Please update or delete the existing mapping with UUID \(existing.uuid)")
            }
            state.mappings[created.uuid] = created
            state.lanes[created.uuid] = lanes
        }
        return created
    }

    /// Applies the settings a stream mapping takes and checks them all.
    func applyStream(_ request: EventSourceMappingRequest, to mapping: inout EventSourceMapping, creating: Bool) throws(LambdaServiceError) {
        if request.maximumConcurrency != nil {
            throw LambdaServiceError(.invalidParameterValue, "Unsupported parameter for Kinesis event source: ScalingConfig")
        }
        if let enabled = request.enabled { mapping.enabled = enabled }
        if let size = request.batchSize { mapping.batchSize = size }
        if let window = request.maximumBatchingWindow { mapping.maximumBatchingWindow = window }
        if let patterns = request.filterPatterns {
            if patterns.isEmpty {
                mapping.filter = nil
            } else {
                let filter = try EventFilter(patterns: patterns)
                try filter.checkKinesisKeys()
                mapping.filter = filter
            }
        }
        if let types = request.functionResponseTypes {
            guard types.allSatisfy({ $0 == "ReportBatchItemFailures" }), types.count <= 1 else {
                throw LambdaServiceError(.invalidParameterValue, "1 validation error detected: Value '\(types)' at 'functionResponseTypes' failed to satisfy constraint: Member must satisfy enum value set: [ReportBatchItemFailures]")
            }
            mapping.reportBatchItemFailures = !types.isEmpty
        }
        var settings = mapping.stream ?? StreamMappingSettings(startingPosition: .latest)
        let queues = self.queues
        try settings.apply(request.stream, creating: creating) { destination in
            destination.hasPrefix("arn:aws:sns:") ? (try? topics?.topicName(destination)) != nil : (try? queues.queueName(destination)) != nil
        }
        mapping.stream = settings
        guard (1...Facts.streamBatchMax.int).contains(mapping.batchSize) else {
            throw LambdaServiceError(.invalidParameterValue, "1 validation error detected: Value \(mapping.batchSize) at 'batchSize' failed to satisfy constraint: Member must have value between 1 and \(Facts.streamBatchMax.int)")
        }
        guard (0...Facts.batchWindowMax.int).contains(mapping.maximumBatchingWindow) else {
            throw LambdaServiceError(.invalidParameterValue, "1 validation error detected: Value \(mapping.maximumBatchingWindow) at 'maximumBatchingWindowInSeconds' failed to satisfy constraint: Member must have value between 0 and \(Facts.batchWindowMax.int)")
        }
        guard functionTimeout(mapping.functionName) != nil else {
            throw LambdaServiceError(.resourceNotFound, "Function does not exist")
        }
    }

    /// The stream an `arn:aws:kinesis:…:stream/NAME` ARN names, as its ARN.
    func streamArn(_ arn: String) throws(LambdaServiceError) -> String {
        guard let streams else {
            throw LambdaServiceError(.invalidParameterValue, "Kinesis streams are not served by this endpoint")
        }
        do throws(LocalServiceError) {
            return streams.arn(try streams.streamName(arn))
        } catch {
            throw LambdaServiceError(.invalidParameterValue, "Stream not found: \(arn)")
        }
    }
}
