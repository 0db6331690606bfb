import Foundation
import LambdaModel
import LocalServices
import MiniLambda
import Synchronization
import TutorSupport

/// The session's event source mappings from local SQS queues to functions, and their pollers
/// (see `EventSourceMappings+Polling.swift`): Create/List/Get/Update/DeleteEventSourceMapping
/// with AWS's checks — batch size 1–10,000 with a batching window of at least 1 s above 10,
/// window 0–300 s, `ReportBatchItemFailures`, `FilterCriteria`, `MaximumConcurrency` 2–1,000,
/// and the rule that the function's timeout must not exceed the queue's visibility timeout.
///
/// Mappings from Kinesis-like streams (`LocalStreams`) are served too: `Streams/` has their
/// settings, checks and pollers. Mappings live for the session, like the queues they read.
package final class EventSourceMappings: Sendable {
    /// One synchronous invoke of a batch (the service's invoke; a fake in tests).
    package typealias Invoke = AsyncInvocations.Attempt

    package let queues: LocalQueues
    /// The streams stream mappings read (nil: only queue mappings are served).
    package let streams: LocalStreams?
    /// Topics a stream mapping's on-failure destination may name (nil: queues only).
    package let topics: LocalTopics?
    package let clock: any WallClock
    let invoke: Invoke
    /// A function's timeout in seconds, nil when there is no such function.
    let functionTimeout: @Sendable (String) -> Int?
    /// Where a stream batch's iterator age goes (the function's IteratorAge metric); nil in tests.
    let recordIteratorAge: (@Sendable (_ function: String, _ qualifier: String?, _ seconds: TimeInterval) -> Void)?
    let state = Mutex(State())

    struct State {
        var mappings: [String: EventSourceMapping] = [:]
        /// Per mapping: when the batching window opened (the first visible message seen).
        var windowOpened: [String: Date] = [:]
        var activity: [String: [MappingActivity]] = [:]
        var counts: [String: MappingCounts] = [:]
        /// Batches being invoked now, per mapping.
        var inFlight: [String: Int] = [:]
        /// Stream mappings: each one's lanes by shard and lane (`StreamLane.key`).
        var lanes: [String: [String: StreamLane]] = [:]
    }

    package init(queues: LocalQueues, streams: LocalStreams? = nil, topics: LocalTopics? = nil, clock: any WallClock, functionTimeout: @escaping @Sendable (String) -> Int?,
                recordIteratorAge: (@Sendable (String, String?, TimeInterval) -> Void)? = nil, invoke: @escaping Invoke) {
        self.queues = queues
        self.recordIteratorAge = recordIteratorAge
        self.streams = streams
        self.topics = topics
        self.clock = clock
        self.functionTimeout = functionTimeout
        self.invoke = invoke
    }

    /// Mappings over `service`: batches are its synchronous invokes (so its concurrency limits apply).
    package convenience init(service: LambdaService, queues: LocalQueues, streams: LocalStreams? = nil, topics: LocalTopics? = nil, clock: any WallClock) {
        self.init(queues: queues, streams: streams, topics: topics, clock: clock, functionTimeout: { name in try? service.functions.configuration(name).timeout },
                  recordIteratorAge: { service.recordIteratorAge($0, qualifier: $1, seconds: $2) }) { function, qualifier, payload throws(LambdaServiceError) in
            AsyncAttemptResult(try await service.invoke(function, qualifier: qualifier, payload: payload))
        }
    }

    // MARK: - API

    /// CreateEventSourceMapping. The mapping starts enabled unless `Enabled` is false.
    @discardableResult
    package func create(_ request: EventSourceMappingRequest) throws(LambdaServiceError) -> EventSourceMapping {
        guard let functionName = request.functionName else { throw LambdaServiceError(.invalidParameterValue, "FunctionName is required") }
        guard let source = request.eventSourceArn else {
            throw LambdaServiceError(.invalidParameterValue, "EventSourceArn is required for an SQS event source mapping")
        }
        if source.hasPrefix("arn:aws:kinesis:") { return try createStreamMapping(request, source: source, functionName: functionName) }
        let queueName = try sqsQueue(source)
        let reference = try FunctionReference(parsing: functionName)
        let batchSize = request.batchSize ?? Facts.sqsBatchDefault.int
        let window = request.maximumBatchingWindow ?? Facts.batchWindowDefault.int
        var mapping = EventSourceMapping(
            uuid: RandomUUID.string(), eventSourceArn: queues.arn(queueName),
            functionArn: AsyncInvocations.functionArn(reference.name, reference.qualifier), functionName: reference.name,
            qualifier: reference.qualifier, batchSize: batchSize, maximumBatchingWindow: window, filter: nil,
            reportBatchItemFailures: false, maximumConcurrency: nil, enabled: request.enabled ?? true, lastModified: clock.now())
        try apply(request, to: &mapping)
        try check(mapping, queue: queueName)
        let created = mapping
        try state.withLock { state throws(LambdaServiceError) in
            if let existing = state.mappings.values.first(where: { $0.eventSourceArn == created.eventSourceArn && $0.functionArn == created.functionArn }) {
                throw LambdaServiceError(.resourceConflict, "An event source mapping with SQS arn (\" \(created.eventSourceArn) \") and function (\" \(reference.name) \") already exists. Please update or delete the existing mapping with UUID \(existing.uuid)")
            }
            state.mappings[created.uuid] = created
        }
        return created
    }

    /// ListEventSourceMappings, optionally narrowed to a queue and a function; oldest first.
    package func list(eventSourceArn: String? = nil, functionName: String? = nil) throws(LambdaServiceError) -> [EventSourceMapping] {
        let queueArn = try eventSourceArn.map { arn throws(LambdaServiceError) in
            arn.hasPrefix("arn:aws:kinesis:") ? try streamArn(arn) : queues.arn(try sqsQueue(arn))
        }
        let function = try functionName.map { name throws(LambdaServiceError) in try FunctionReference(parsing: name) }
        return state.withLock { Array($0.mappings.values) }
            .filter { queueArn == nil || $0.eventSourceArn == queueArn }
            .filter { mapping in function.map { $0.name == mapping.functionName && ($0.qualifier == nil || $0.qualifier == mapping.qualifier) } ?? true }
            .sorted { ($0.lastModified, $0.uuid) < ($1.lastModified, $1.uuid) }
    }

    /// GetEventSourceMapping.
    package func get(_ uuid: String) throws(LambdaServiceError) -> EventSourceMapping {
        guard let mapping = state.withLock({ $0.mappings[uuid] }) else { throw Self.notFound(uuid) }
        return mapping
    }

    /// UpdateEventSourceMapping: changes only what is given.
    @discardableResult
    package func update(_ uuid: String, _ request: EventSourceMappingRequest) throws(LambdaServiceError) -> EventSourceMapping {
        var mapping = try get(uuid)
        if let name = request.functionName {
            let reference = try FunctionReference(parsing: name)
            mapping.functionName = reference.name
            mapping.qualifier = reference.qualifier
            mapping.functionArn = AsyncInvocations.functionArn(reference.name, reference.qualifier)
        }
        if mapping.stream != nil {
            try applyStream(request, to: &mapping, creating: false)
        } else {
            try apply(request, to: &mapping)
            try check(mapping, queue: try sqsQueue(mapping.eventSourceArn))
        }
        mapping.lastModified = clock.now()
        let updated = mapping
        state.withLock { $0.mappings[uuid] = updated }
        return updated
    }

    /// DeleteEventSourceMapping: the poller stops; messages in flight stay in the queue and
    /// become visible again after their visibility timeout. Returns the mapping as it was.
    @discardableResult
    package func delete(_ uuid: String) throws(LambdaServiceError) -> EventSourceMapping {
        guard let mapping = state.withLock({ state -> EventSourceMapping? in
            state.windowOpened[uuid] = nil
            state.lanes[uuid] = nil
            return state.mappings.removeValue(forKey: uuid)
        }) else { throw Self.notFound(uuid) }
        return mapping
    }

    // MARK: - Checks

    private func apply(_ request: EventSourceMappingRequest, to mapping: inout EventSourceMapping) throws(LambdaServiceError) {
        if !request.streamSettings.isEmpty {
            throw LambdaServiceError(.invalidParameterValue, "Unsupported parameter for SQS event source: \(request.streamSettings.joined(separator: ", "))")
        }
        if let enabled = request.enabled { mapping.enabled = enabled }
        if let size = request.batchSize { mapping.batchSize = size }
        if let window = request.maximumBatchingWindow { mapping.maximumBatchingWindow = window }
        if let patterns = request.filterPatterns { mapping.filter = patterns.isEmpty ? nil : try EventFilter(patterns: patterns) }
        if let types = request.functionResponseTypes {
            guard types.allSatisfy({ $0 == "ReportBatchItemFailures" }), types.count <= 1 else {
                throw LambdaServiceError(.invalidParameterValue, "1 validation error detected: Value '\(types)' at 'functionResponseTypes' failed to satisfy constraint: Member must satisfy enum value set: [ReportBatchItemFailures]")
            }
            mapping.reportBatchItemFailures = !types.isEmpty
        }
        if let concurrency = request.maximumConcurrency { mapping.maximumConcurrency = concurrency }
    }

    private func check(_ mapping: EventSourceMapping, queue: String) throws(LambdaServiceError) {
        guard (1...Facts.sqsBatchMaxStandard.int).contains(mapping.batchSize) else {
            throw LambdaServiceError(.invalidParameterValue, "1 validation error detected: Value \(mapping.batchSize) at 'batchSize' failed to satisfy constraint: Member must have value between 1 and \(Facts.sqsBatchMaxStandard.int)")
        }
        guard (0...Facts.batchWindowMax.int).contains(mapping.maximumBatchingWindow) else {
            throw LambdaServiceError(.invalidParameterValue, "1 validation error detected: Value \(mapping.maximumBatchingWindow) at 'maximumBatchingWindowInSeconds' failed to satisfy constraint: Member must have value between 0 and \(Facts.batchWindowMax.int)")
        }
        if queues.isFIFO(queue) {
            // FIFO queues: at most 10 messages a batch and no batching window (facts: sqs.batch_max_fifo).
            guard mapping.batchSize <= Facts.sqsBatchMaxFIFO.int else {
                throw LambdaServiceError(.invalidParameterValue, "Batch size for FIFO queues must be between 1 and \(Facts.sqsBatchMaxFIFO.int)")
            }
            guard mapping.maximumBatchingWindow == 0 else {
                throw LambdaServiceError(.invalidParameterValue, "Batching window is not supported for FIFO queues")
            }
        }
        if mapping.batchSize > Facts.sqsBatchMaxWithoutWindow.int, mapping.maximumBatchingWindow < Facts.sqsLargeBatchWindowMin.int {
            throw LambdaServiceError(.invalidParameterValue, "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than \(Facts.sqsBatchMaxWithoutWindow.int)")
        }
        if let concurrency = mapping.maximumConcurrency,
           !(Facts.sqsMaxConcurrencyMin.int...Facts.sqsMaxConcurrencyMax.int).contains(concurrency) {
            throw LambdaServiceError(.invalidParameterValue, "1 validation error detected: Value \(concurrency) at 'scalingConfig.maximumConcurrency' failed to satisfy constraint: Member must have value between \(Facts.sqsMaxConcurrencyMin.int) and \(Facts.sqsMaxConcurrencyMax.int)")
        }
        guard let timeout = functionTimeout(mapping.functionName) else {
            throw LambdaServiceError(.resourceNotFound, "Function does not exist")
        }
        let visibility = Int(queueAttribute(queue, "VisibilityTimeout") ?? "") ?? QueueLimits.defaultVisibilityTimeout
        guard timeout <= visibility else {
            throw LambdaServiceError(.invalidParameterValue, "Queue visibility timeout: \(visibility) seconds is less than Function timeout: \(timeout) seconds")
        }
    }

    /// The queue an `arn:aws:sqs:…` ARN names; anything else is refused.
    func sqsQueue(_ arn: String) throws(LambdaServiceError) -> String {
        guard arn.hasPrefix("arn:aws:sqs:") else {
            if arn.hasPrefix("arn:aws:dynamodb:") {
                throw LambdaServiceError(.invalidParameterValue, "lambda-tutor does not serve DynamoDB stream event sources; use a Kinesis stream (arn:aws:kinesis:\(queues.region):\(queues.accountID):stream/NAME) or an SQS queue ARN")
            }
            throw LambdaServiceError(.invalidParameterValue, "\(arn) is not an SQS queue ARN (arn:aws:sqs:\(queues.region):\(queues.accountID):NAME)")
        }
        do throws(LocalServiceError) {
            return try queues.queueName(arn)
        } catch {
            throw LambdaServiceError(.invalidParameterValue, "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist or you do not have access to it.")
        }
    }

    func queueAttribute(_ queue: String, _ name: String) -> String? {
        (try? queues.attributes(queue))?[name]
    }

    static func notFound(_ uuid: String) -> LambdaServiceError {
        LambdaServiceError(.resourceNotFound, "The resource you requested does not exist. (Service: Lambda, Status Code: 404, Request ID: \(RandomUUID.string()))")
    }
}
