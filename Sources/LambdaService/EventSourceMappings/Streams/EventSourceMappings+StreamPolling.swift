import Foundation
import LambdaEvents
import LambdaModel
import LocalServices
import MiniLambda
import Synchronization
import TutorSupport

/// The stream pollers: each lane of each shard reads its records in order, invokes the function
/// synchronously with a batch in the Kinesis event shape and moves its checkpoint past the batch
/// only when the batch succeeds. A failing batch blocks its lane (the whole shard, with
/// `ParallelizationFactor` 1) and is retried until it succeeds, its records pass
/// `MaximumRecordAgeInSeconds`, it uses up `MaximumRetryAttempts`, or the stream trims them;
/// a discarded batch's description goes to the on-failure destination. With
/// `BisectBatchOnFunctionError` a batch that fails with a function error is split in two and
/// the halves run in order — splitting uses no retry, as AWS documents. With
/// `ReportBatchItemFailures` the checkpoint moves to the lowest sequence number the function
/// names, and the batch is retried from there.
///
/// The tutor's own pacing, said in `esm show`: a failed batch is retried after
/// ``streamRetryDelay`` of service time (AWS does not publish its backoff), and each lane
/// polls on the pump's 50 ms rhythm instead of AWS's once a second.
extension EventSourceMappings {
    /// Service seconds between retries of a failed stream batch (the tutor's choice).
    package static let streamRetryDelay: TimeInterval = 1

    /// The lanes of a new mapping, each at its starting position.
    func initialLanes(streamArn: String, settings: StreamMappingSettings) throws(LambdaServiceError) -> [String: StreamLane] {
        guard let streams else { throw LambdaServiceError(.invalidParameterValue, "Kinesis streams are not served here") }
        let description: StreamDescription
        do throws(LocalServiceError) { description = try streams.describe(streamArn) } catch {
            throw LambdaServiceError(.invalidParameterValue, "Stream not found: \(streamArn)")
        }
        var lanes: [String: StreamLane] = [:]
        for shard in description.shards {
            let start: Int
            switch settings.startingPosition {
            case .trimHorizon: start = shard.firstPosition
            case .latest: start = shard.nextPosition
            case .atTimestamp:
                let records = (try? streams.records(streamArn, shardId: shard.shardId, from: shard.firstPosition)) ?? []
                start = records.first { $0.approximateArrivalTimestamp >= (settings.startingPositionTimestamp ?? .distantPast) }?.position ?? shard.nextPosition
            }
            for index in 0..<settings.parallelizationFactor {
                let lane = StreamLane(shardId: shard.shardId, lane: index, nextPosition: start)
                lanes[lane.key] = lane
            }
        }
        return lanes
    }

    /// One round for every enabled stream mapping: each idle lane with a batch ready invokes it.
    func runDueStreams() async -> Int {
        guard let streams else { return 0 }
        let mappings = state.withLock { Array($0.mappings.values) }.filter { $0.enabled && $0.stream != nil }.sorted { $0.uuid < $1.uuid }
        var work: [(EventSourceMapping, String, StreamBatch)] = []
        for mapping in mappings {
            for (key, batch) in takeStreamBatches(mapping, streams) { work.append((mapping, key, batch)) }
        }
        let invoke = self.invoke
        let region = streams.region
        await withTaskGroup(of: (EventSourceMapping, String, StreamBatch, Result<AsyncAttemptResult, LambdaServiceError>).self) { group in
            for (mapping, key, batch) in work {
                let payload = KinesisEventRecord.event(batch.records, streamArn: mapping.eventSourceArn, region: region)
                group.addTask {
                    do throws(LambdaServiceError) {
                        return (mapping, key, batch, .success(try await invoke(mapping.functionName, mapping.qualifier, payload)))
                    } catch {
                        return (mapping, key, batch, .failure(error))
                    }
                }
            }
            for await (mapping, key, batch, outcome) in group {
                settleStream(mapping, key, batch, outcome)
            }
        }
        return work.count
    }

    // MARK: - Batches

    private func takeStreamBatches(_ mapping: EventSourceMapping, _ streams: LocalStreams) -> [(String, StreamBatch)] {
        guard let settings = mapping.stream, let description = try? streams.describe(mapping.eventSourceArn) else { return [] }
        let now = clock.now()
        var lanes = state.withLock { $0.lanes[mapping.uuid] ?? [:] }
        var taken: [(String, StreamBatch)] = []
        for shard in description.shards {
            let count = settings.parallelizationFactor
            let existing = lanes.values.filter { $0.shardId == shard.shardId }
            if existing.count != count, !existing.contains(where: \.inFlight) {
                // ParallelizationFactor changed: the new lanes start at the earliest old
                // checkpoint, so nothing is skipped (some records may be delivered again).
                let start = existing.map(\.nextPosition).min() ?? shard.firstPosition
                lanes = lanes.filter { $0.value.shardId != shard.shardId }
                for index in 0..<count {
                    let lane = StreamLane(shardId: shard.shardId, lane: index, nextPosition: start)
                    lanes[lane.key] = lane
                }
            }
            for index in 0..<count {
                let key = StreamLane.key(shard.shardId, index)
                guard var lane = lanes[key], !lane.inFlight else { continue }
                if let batch = nextBatch(mapping, settings, &lane, lanes: count, shard: shard, streams: streams, now: now) {
                    lane.inFlight = true
                    taken.append((key, batch))
                    recordIteratorAge?(mapping.functionName, mapping.qualifier, lane.iteratorAge)
                }
                lanes[key] = lane
            }
        }
        let result = lanes
        let exists = state.withLock { state -> Bool in
            guard state.mappings[mapping.uuid] != nil else { return false }
            state.lanes[mapping.uuid] = result
            return true
        }
        return exists ? taken : []
    }

    /// The batch `lane` runs now: the failing batch again when its retry is due, else the next
    /// records of the lane (none while the batching window is open and the batch is not full).
    private func nextBatch(_ mapping: EventSourceMapping, _ settings: StreamMappingSettings, _ lane: inout StreamLane, lanes: Int,
                           shard: ShardDescription, streams: LocalStreams, now: Date) -> StreamBatch? {
        while var head = lane.retry.first {
            if let due = lane.retryAt, due > now { return nil }
            let trimmed = head.records.filter { $0.position < shard.firstPosition }.count
            if trimmed > 0 {
                head.records.removeFirst(trimmed)
                record(mapping.uuid, "\(lane.shardId): \(plural(trimmed, "record")) of the failing batch expired from the stream (its retention period) and are lost; nothing goes to the on-failure destination for them") { $0.discarded += trimmed }
            }
            head = discardExpired(mapping, settings, head, now: now)
            guard !head.records.isEmpty else {
                lane.retry.removeFirst()
                lane.nextPosition = max(lane.nextPosition, head.resumeAt)
                continue
            }
            lane.retry[0] = head
            lane.iteratorAge = now.timeIntervalSince(head.records[0].approximateArrivalTimestamp)
            return head
        }
        if lane.nextPosition < shard.firstPosition {
            record(mapping.uuid, "\(lane.shardId): \(plural(shard.firstPosition - lane.nextPosition, "record")) expired from the stream before they were read") { $0.discarded += shard.firstPosition - lane.nextPosition }
            lane.nextPosition = shard.firstPosition
        }
        let available = (try? streams.records(mapping.eventSourceArn, shardId: shard.shardId, from: lane.nextPosition)) ?? []
        let cap = Facts.esmBatchPayload.int * 1_048_576
        var batch: [StreamRecord] = []
        var bytes = 0
        var scanned = lane.nextPosition
        var filtered = 0
        for candidate in available {
            if lanes > 1, StreamLane.lane(of: candidate.partitionKey, among: lanes) != lane.lane { scanned = candidate.position + 1; continue }
            if let filter = mapping.filter, !filter.matchesKinesis(candidate) { filtered += 1; scanned = candidate.position + 1; continue }
            let size = KinesisEventRecord.estimatedBytes(dataCount: candidate.data.count, partitionKey: candidate.partitionKey)
            if batch.count == mapping.batchSize || (!batch.isEmpty && bytes + size > cap) { break }
            batch.append(candidate)
            bytes += size
            scanned = candidate.position + 1
        }
        guard !batch.isEmpty else {
            lane.nextPosition = scanned
            lane.windowOpened = nil
            lane.iteratorAge = 0
            if filtered > 0 { noteFiltered(mapping.uuid, lane.shardId, filtered) }
            return nil
        }
        if mapping.maximumBatchingWindow > 0, batch.count < mapping.batchSize {
            let opened = lane.windowOpened ?? now
            lane.windowOpened = opened
            guard now.timeIntervalSince(opened) >= Double(mapping.maximumBatchingWindow) else { return nil }
        }
        lane.windowOpened = nil
        if filtered > 0 { noteFiltered(mapping.uuid, lane.shardId, filtered) }
        var fresh = discardExpired(mapping, settings, StreamBatch(records: batch, resumeAt: scanned), now: now)
        guard !fresh.records.isEmpty else {
            lane.nextPosition = max(lane.nextPosition, fresh.resumeAt)
            return nil
        }
        fresh.attempts = 0
        lane.iteratorAge = now.timeIntervalSince(fresh.records[0].approximateArrivalTimestamp)
        return fresh
    }

    private func noteFiltered(_ uuid: String, _ shard: String, _ count: Int) {
        record(uuid, "\(shard): \(plural(count, "record")) did not match the filter criteria: skipped without invoking the function") { $0.filtered += count }
    }

    /// Discards the records of `batch` older than `MaximumRecordAgeInSeconds` (they come first:
    /// a shard is in arrival order), sending their description to the on-failure destination.
    private func discardExpired(_ mapping: EventSourceMapping, _ settings: StreamMappingSettings, _ batch: StreamBatch, now: Date) -> StreamBatch {
        guard settings.maximumRecordAge >= 0 else { return batch }
        let old = batch.records.prefix { now.timeIntervalSince($0.approximateArrivalTimestamp) > Double(settings.maximumRecordAge) }
        guard !old.isEmpty else { return batch }
        var rest = batch
        rest.records.removeFirst(old.count)
        discard(mapping, settings, Array(old), condition: .recordAgeExceeded, attempts: batch.attempts, response: nil,
                why: "\(plural(old.count, "record")) older than MaximumRecordAgeInSeconds (\(settings.maximumRecordAge) s)")
        return rest
    }

    // MARK: - Outcomes

    private func settleStream(_ mapping: EventSourceMapping, _ key: String, _ invoked: StreamBatch, _ outcome: Result<AsyncAttemptResult, LambdaServiceError>) {
        guard let settings = mapping.stream, var lane = state.withLock({ $0.lanes[mapping.uuid]?[key] }) else { return }
        let now = clock.now()
        var batch = invoked
        batch.attempts += 1
        lane.inFlight = false
        let fromRetry = !lane.retry.isEmpty
        let shard = lane.shardId
        let range = "\(plural(batch.records.count, "record")) (sequence …\(Self.tail(batch.records.first?.sequenceNumber)) to …\(Self.tail(batch.records.last?.sequenceNumber)))"

        func replaceHead(_ batches: [StreamBatch]) {
            if fromRetry { lane.retry.removeFirst() }
            lane.retry.insert(contentsOf: batches, at: 0)
        }
        func finish(_ done: StreamBatch) {
            if fromRetry { lane.retry.removeFirst() }
            lane.nextPosition = max(lane.nextPosition, done.resumeAt)
            lane.checkpoint = done.records.last?.sequenceNumber ?? lane.checkpoint
            lane.retryAt = lane.retry.isEmpty ? nil : now
        }
        /// A failure that uses a retry: retried after the delay, or discarded when none are left.
        func counted(_ failing: StreamBatch, _ response: AsyncAttemptResult?, _ why: String) {
            var failing = failing
            failing.retriesUsed += 1
            if settings.maximumRetryAttempts >= 0, failing.retriesUsed > settings.maximumRetryAttempts {
                finish(failing)
                setResult(mapping.uuid, "PROBLEM: Function call failed")
                discard(mapping, settings, failing.records, condition: .retryAttemptsExhausted, attempts: failing.attempts, response: response,
                        why: "\(why); no retries left (MaximumRetryAttempts \(settings.maximumRetryAttempts)), \(plural(failing.records.count, "record"))")
                return
            }
            replaceHead([failing])
            lane.retryAt = now.addingTimeInterval(Self.streamRetryDelay)
            let left = settings.maximumRetryAttempts < 0 ? "retried (no retry limit)" : "retry \(failing.retriesUsed) of \(settings.maximumRetryAttempts) next"
            setResult(mapping.uuid, "PROBLEM: Function call failed")
            record(mapping.uuid, "\(shard): \(why) — the shard is blocked; \(left)") { $0.failedBatches += 1 }
        }

        switch outcome {
        case .success(let result) where result.kind == .success:
            var failedFrom: Int?
            if mapping.reportBatchItemFailures {
                switch BatchItemFailures.parse(result.payload, batch: batch.records.map(\.sequenceNumber)) {
                case .failed(let ids):
                    failedFrom = ids.isEmpty ? nil : batch.records.firstIndex { ids.contains($0.sequenceNumber) }
                case .invalid(let why):
                    counted(batch, result, "batch of \(range) counts as failed (\(why))")
                    store(mapping.uuid, lane)
                    return
                }
            }
            if let index = failedFrom {
                let done = Array(batch.records[..<index])
                let rest = StreamBatch(records: Array(batch.records[index...]), resumeAt: batch.resumeAt, attempts: batch.attempts, retriesUsed: batch.retriesUsed)
                lane.nextPosition = max(lane.nextPosition, rest.records[0].position)
                lane.checkpoint = done.last?.sequenceNumber ?? lane.checkpoint
                if !done.isEmpty { record(mapping.uuid, "\(shard): \(plural(done.count, "record")) done; checkpoint before the lowest reported failure, sequence …\(Self.tail(rest.records[0].sequenceNumber))") { $0.processed += done.count } }
                counted(rest, result, "batchItemFailures reported sequence …\(Self.tail(rest.records[0].sequenceNumber)): \(batch.records.count - index == 1 ? "that record is" : "the \(batch.records.count - index) records from there on are") the batch to retry")
            } else {
                finish(batch)
                setResult(mapping.uuid, "OK")
                record(mapping.uuid, "\(shard): batch of \(range) succeeded; checkpoint moved past it") { $0.batches += 1; $0.processed += batch.records.count }
            }
        case .success(let result):
            let why = "batch of \(range) failed (\(result.errorType ?? result.functionError ?? "error"))"
            if settings.bisectBatchOnFunctionError, batch.records.count > 1 {
                let middle = batch.records.count / 2
                let first = StreamBatch(records: Array(batch.records[..<middle]), resumeAt: batch.records[middle].position,
                                        attempts: batch.attempts, retriesUsed: batch.retriesUsed, split: true)
                let second = StreamBatch(records: Array(batch.records[middle...]), resumeAt: batch.resumeAt,
                                         attempts: batch.attempts, retriesUsed: batch.retriesUsed, split: true)
                replaceHead([first, second])
                lane.retryAt = now
                setResult(mapping.uuid, "PROBLEM: Function call failed")
                record(mapping.uuid, "\(shard): \(why) — bisected into \(first.records.count) + \(second.records.count) records, run in order; splitting uses no retry") {
                    $0.failedBatches += 1; $0.bisected += 1
                }
            } else {
                counted(batch, result, why)
            }
        case .failure(let error):
            // Not invoked (throttled, the service refused): retried until the records expire,
            // without using a retry, as Lambda does for errors before the invocation.
            replaceHead([StreamBatch(records: batch.records, resumeAt: batch.resumeAt, attempts: batch.attempts - 1, retriesUsed: batch.retriesUsed, split: batch.split)])
            lane.retryAt = now.addingTimeInterval(Self.streamRetryDelay)
            record(mapping.uuid, "\(shard): batch of \(range) not run (\(error.code): \(error.message)); tried again without using a retry") { $0.failedBatches += 1 }
        }
        store(mapping.uuid, lane)
    }

    private func store(_ uuid: String, _ lane: StreamLane) {
        state.withLock { state in
            guard state.lanes[uuid] != nil else { return }
            state.lanes[uuid]?[lane.key] = lane
        }
    }

    /// Gives records up: their description (no records) goes to the on-failure destination.
    private func discard(_ mapping: EventSourceMapping, _ settings: StreamMappingSettings, _ records: [StreamRecord],
                         condition: StreamFailureRecord.Condition, attempts: Int, response: AsyncAttemptResult?, why: String) {
        let failure = StreamFailureRecord(timestamp: clock.now(), requestID: RandomUUID.string(), functionArn: mapping.functionArn,
                                          condition: condition, approximateInvokeCount: attempts, response: response, records: records,
                                          streamArn: mapping.eventSourceArn)
        let shard = records.first?.shardId ?? "?"
        var whereTo = "discarded (no on-failure destination)"
        if let destination = settings.onFailure {
            do throws(LocalServiceError) {
                if destination.hasPrefix("arn:aws:sns:") {
                    guard let topics else { throw LocalServiceError(.notFound, "no topics run with these mappings") }
                    try topics.publish(destination, message: failure.json())
                } else {
                    try queues.send(destination, body: failure.json())
                }
                whereTo = "discarded; its description (\(condition.rawValue), no records) went to \(ESMNames.shortName(destination))"
            } catch {
                whereTo = "discarded; the on-failure destination \(destination) refused it (\(error.code))"
            }
        }
        record(mapping.uuid, "\(shard): \(why) — \(whereTo)") { $0.discarded += records.count }
    }

    // MARK: - Reading the state

    /// Each lane's place, failing batch and iterator age (`esm show`).
    package func streamLanes(_ uuid: String) -> [StreamLaneStatus] {
        guard let mapping = state.withLock({ $0.mappings[uuid] }), let settings = mapping.stream else { return [] }
        let lanes = state.withLock { $0.lanes[uuid] ?? [:] }.values.sorted { ($0.shardId, $0.lane) < ($1.shardId, $1.lane) }
        let shards = Dictionary(uniqueKeysWithValues: ((try? streams?.describe(mapping.eventSourceArn))?.shards ?? []).map { ($0.shardId, $0) })
        return lanes.map { lane in
            let head = lane.retry.first
            let left = settings.maximumRetryAttempts < 0 ? nil : max(0, settings.maximumRetryAttempts - (head?.retriesUsed ?? 0))
            return StreamLaneStatus(shardId: lane.shardId, lane: lane.lane, lanes: settings.parallelizationFactor, checkpoint: lane.checkpoint,
                                    behind: max(0, (shards[lane.shardId]?.nextPosition ?? lane.nextPosition) - lane.nextPosition),
                                    blockedRecords: lane.retry.reduce(0) { $0 + $1.records.count },
                                    blockedRange: head.flatMap { batch in batch.records.first.map { ($0.sequenceNumber, batch.records.last?.sequenceNumber ?? $0.sequenceNumber) } },
                                    attempts: head?.attempts ?? 0, retriesLeft: left, nextRetry: head == nil ? nil : lane.retryAt, iteratorAge: lane.iteratorAge)
        }
    }

    /// Whether every lane of a stream mapping has read all its records, with nothing failing or running.
    func isStreamDrained(_ mapping: EventSourceMapping) -> Bool {
        guard let streams, let settings = mapping.stream else { return true }
        let lanes = state.withLock { $0.lanes[mapping.uuid] ?? [:] }.values
        return lanes.allSatisfy { lane in
            guard !lane.inFlight, lane.retry.isEmpty else { return false }
            let left = (try? streams.records(mapping.eventSourceArn, shardId: lane.shardId, from: lane.nextPosition)) ?? []
            return !left.contains { settings.parallelizationFactor == 1 || StreamLane.lane(of: $0.partitionKey, among: settings.parallelizationFactor) == lane.lane }
        }
    }

    static func tail(_ sequence: String?) -> String { String((sequence ?? "").suffix(6)) }
}

func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

/// Short names for ARNs in activity lines.
enum ESMNames {
    static func shortName(_ arn: String) -> String {
        let last = arn.split(separator: ":").last.map(String.init) ?? arn
        return last.hasPrefix("stream/") ? String(last.dropFirst("stream/".count)) : last
    }
}
