import Foundation
import LambdaEvents
import LambdaModel
import LocalServices
import MiniLambda
import Synchronization
import TutorSupport

/// The pollers: each enabled mapping receives batches from its queue (hiding them for the
/// queue's visibility timeout), drops what the filters reject (deleted, as Lambda does), invokes
/// the function synchronously with the SQS event, and then deletes the messages that were
/// processed. A failed batch is left alone: SQS shows it again after the visibility timeout, and
/// the queue's redrive policy moves a message to its DLQ after `maxReceiveCount` receives.
///
/// Simplifications, said where they show (`esm show`): a mapping runs at most
/// ``EventSourceMapping/concurrentBatches`` batches at once and does not scale up by the minute.
extension EventSourceMappings {
    /// Runs one polling round for every enabled mapping whose batch is ready; returns how many
    /// batches were invoked. Time moves only through `clock`, so tests advance it instead of sleeping.
    @discardableResult
    package func runDue() async -> Int {
        async let streamBatches = runDueStreams()
        let mappings = state.withLock { Array($0.mappings.values) }.filter { $0.enabled && $0.stream == nil }.sorted { $0.uuid < $1.uuid }
        var batches: [(EventSourceMapping, [QueueMessage])] = []
        for mapping in mappings {
            for batch in takeBatches(mapping) { batches.append((mapping, batch)) }
        }
        state.withLock { state in
            for (mapping, _) in batches { state.inFlight[mapping.uuid, default: 0] += 1 }
        }
        let invoke = self.invoke
        await withTaskGroup(of: (EventSourceMapping, [QueueMessage], Result<AsyncAttemptResult, LambdaServiceError>).self) { group in
            for (mapping, messages) in batches {
                let payload = SQSEventRecord.event(messages, queueArn: mapping.eventSourceArn, region: queues.region)
                group.addTask {
                    do throws(LambdaServiceError) {
                        return (mapping, messages, .success(try await invoke(mapping.functionName, mapping.qualifier, payload)))
                    } catch {
                        return (mapping, messages, .failure(error))
                    }
                }
            }
            for await (mapping, messages, outcome) in group {
                settle(mapping, messages, outcome)
                state.withLock { $0.inFlight[mapping.uuid, default: 1] -= 1 }
            }
        }
        return batches.count + (await streamBatches)
    }

    /// Polls until cancelled (the session's pump).
    package func run(poll: Duration = .milliseconds(50)) async {
        while !Task.isCancelled {
            await runDue()
            try? await Task.sleep(for: poll)
        }
    }

    // MARK: - Batches

    /// The batches `mapping` takes now: none while its batching window is open and the batch is
    /// not full; otherwise up to ``EventSourceMapping/concurrentBatches`` batches of at most
    /// `BatchSize` messages and 6 MB each, filtered (rejected messages are deleted at once).
    func takeBatches(_ mapping: EventSourceMapping) -> [[QueueMessage]] {
        let now = clock.now()
        guard let visible = try? queues.visibleMessageCount(mapping.eventSourceArn), visible > 0 else {
            state.withLock { $0.windowOpened[mapping.uuid] = nil }
            return []
        }
        if mapping.maximumBatchingWindow > 0, visible < mapping.batchSize {
            let opened = state.withLock { state -> Date in
                if let opened = state.windowOpened[mapping.uuid] { return opened }
                state.windowOpened[mapping.uuid] = now
                return now
            }
            guard now.timeIntervalSince(opened) >= Double(mapping.maximumBatchingWindow) else { return [] }
        }
        state.withLock { $0.windowOpened[mapping.uuid] = nil }
        let cap = Facts.esmBatchPayload.int * 1_048_576
        var batches: [[QueueMessage]] = []
        var carried: [QueueMessage] = []
        while batches.count < mapping.concurrentBatches {
            var batch: [QueueMessage] = []
            var bytes = 0
            var pending = carried
            carried = []
            var drained = false
            while batch.count < mapping.batchSize {
                if pending.isEmpty {
                    let wanted = min(QueueLimits.maximumReceive, mapping.batchSize - batch.count)
                    pending = (try? queues.receive(mapping.eventSourceArn, maximum: wanted)) ?? []
                    if pending.isEmpty { drained = true; break }
                }
                let message = pending.removeFirst()
                let size = SQSEventRecord.estimatedBytes(body: message.body, attributes: message.attributes.map { ($0.key, $0.value.stringValue) })
                if !batch.isEmpty, bytes + size > cap {
                    carried = [message] + pending
                    pending = []
                    break
                }
                batch.append(message)
                bytes += size
            }
            carried += pending
            let kept = filtered(mapping, batch)
            if !kept.isEmpty { batches.append(kept) }
            if drained && carried.isEmpty { break }
        }
        // A batch the cap split off beyond the concurrent batches goes back after its visibility timeout.
        return batches
    }

    /// Keeps the messages the mapping's filters accept; deletes the rest, as Lambda does for SQS.
    private func filtered(_ mapping: EventSourceMapping, _ batch: [QueueMessage]) -> [QueueMessage] {
        guard let filter = mapping.filter, !batch.isEmpty else { return batch }
        var kept: [QueueMessage] = []
        var dropped = 0
        for message in batch {
            if filter.matchesSQS(SQSEventRecord(message, queueArn: mapping.eventSourceArn, region: queues.region).json) {
                kept.append(message)
            } else {
                try? queues.deleteMessage(mapping.eventSourceArn, receiptHandle: message.receiptHandle ?? "")
                dropped += 1
            }
        }
        if dropped > 0 {
            record(mapping.uuid, "\(dropped) message\(dropped == 1 ? "" : "s") did not match the filter criteria: deleted from the queue without invoking the function") { $0.filtered += dropped }
        }
        return kept
    }

    // MARK: - Outcomes

    func settle(_ mapping: EventSourceMapping, _ messages: [QueueMessage], _ outcome: Result<AsyncAttemptResult, LambdaServiceError>) {
        let visibility = queueAttribute(mapping.eventSourceArn, "VisibilityTimeout") ?? "?"
        let count = "\(messages.count) message\(messages.count == 1 ? "" : "s")"
        switch outcome {
        case .success(let result) where result.kind == .success:
            var failedIDs: Set<String> = []
            if mapping.reportBatchItemFailures {
                switch BatchItemFailures.parse(result.payload, batch: messages.map(\.messageID)) {
                case .failed(let ids): failedIDs = ids
                case .invalid(let why):
                    setResult(mapping.uuid, "PROBLEM: Function call failed")
                    record(mapping.uuid, "batch of \(count): the response counts as a failure of the whole batch (\(why)); the messages come back after the visibility timeout (\(visibility) s)") { $0.failedBatches += 1 }
                    return
                }
            }
            if let broken = FIFOOrder.brokenGroup(messages, failed: failedIDs) {
                record(mapping.uuid, "FIFO order: batchItemFailures named a message of group \(broken) but not every later message of that group; those later ones are deleted now, out of order. On a FIFO queue the handler should stop at the first failure and report it and everything after it") { _ in }
            }
            for message in messages where !failedIDs.contains(message.messageID) {
                try? queues.deleteMessage(mapping.eventSourceArn, receiptHandle: message.receiptHandle ?? "")
            }
            setResult(mapping.uuid, "OK")
            if failedIDs.isEmpty {
                record(mapping.uuid, "batch of \(count) succeeded: deleted from the queue") { $0.batches += 1; $0.deleted += messages.count }
            } else {
                record(mapping.uuid, "batch of \(count): \(failedIDs.count) reported in batchItemFailures stay in the queue (back after \(visibility) s), \(messages.count - failedIDs.count) deleted") {
                    $0.batches += 1; $0.deleted += messages.count - failedIDs.count; $0.itemFailures += failedIDs.count
                }
            }
        case .success(let result):
            setResult(mapping.uuid, "PROBLEM: Function call failed")
            record(mapping.uuid, "batch of \(count) failed (\(result.errorType ?? result.functionError ?? "error")): nothing deleted; the messages come back after the visibility timeout (\(visibility) s)") { $0.failedBatches += 1 }
        case .failure(let error):
            setResult(mapping.uuid, "PROBLEM: Function call failed")
            record(mapping.uuid, "batch of \(count) not run (\(error.code): \(error.message)); the messages come back after the visibility timeout (\(visibility) s)") { $0.failedBatches += 1 }
        }
    }

    func setResult(_ uuid: String, _ result: String) {
        state.withLock { $0.mappings[uuid]?.lastProcessingResult = result }
    }

    func record(_ uuid: String, _ text: String, _ change: (inout MappingCounts) -> Void) {
        let now = clock.now()
        state.withLock { state in
            var log = state.activity[uuid] ?? []
            if let last = log.last, last.text == text {
                // The same thing again (a blocked shard's retries): one line with a count.
                log[log.count - 1].repeats += 1
                log[log.count - 1].lastAt = now
            } else {
                log.append(MappingActivity(at: now, text: text))
            }
            if log.count > MappingActivity.kept { log.removeFirst(log.count - MappingActivity.kept) }
            state.activity[uuid] = log
            change(&state.counts[uuid, default: MappingCounts()])
        }
    }

    /// What the poller did for `uuid`, oldest first (the last ``MappingActivity/kept`` entries).
    package func activity(_ uuid: String) -> [MappingActivity] { state.withLock { $0.activity[uuid] ?? [] } }

    package func counts(_ uuid: String) -> MappingCounts { state.withLock { $0.counts[uuid] ?? MappingCounts() } }

    /// Whether `uuid` has drained its queue: no message left in it (visible or hidden) and no
    /// batch being invoked (a stream mapping: every lane has read its records, none failing).
    /// What `esm wait` waits for.
    package func isDrained(_ uuid: String) -> Bool {
        guard let mapping = state.withLock({ $0.mappings[uuid] }) else { return true }
        if mapping.stream != nil { return isStreamDrained(mapping) }
        let busy = state.withLock { ($0.inFlight[uuid] ?? 0) > 0 }
        return !busy && ((try? queues.messageCount(mapping.eventSourceArn)) ?? 0) == 0
    }
}

/// One line of a mapping's history (`esm show`).
package struct MappingActivity: Sendable, Hashable {
    package let at: Date
    package let text: String
    /// How many times in a row this happened, and when last.
    package internal(set) var repeats = 1
    package internal(set) var lastAt: Date?
    static let kept = 50

    init(at: Date, text: String) {
        self.at = at
        self.text = text
    }
}

/// A mapping's running totals.
package struct MappingCounts: Sendable, Hashable {
    package var batches = 0
    package var deleted = 0
    package var failedBatches = 0
    package var itemFailures = 0
    package var filtered = 0
    /// Streams: records done, records given up (to the on-failure destination when set), bisects.
    package var processed = 0
    package var discarded = 0
    package var bisected = 0
}
