import Foundation
import LambdaService
import TerminalUI

/// How `esm list` and `esm show` print a stream mapping: its stream settings in the API's
/// terms, each shard's place (checkpoint, records behind, iterator age), whether the shard is
/// blocked by a failing batch and how many retries it has left, and the poller's activity.
extension ESMView {
    static func streamSummary(_ mapping: EventSourceMapping, _ stream: StreamMappingSettings, counts: MappingCounts) -> String {
        "\(mapping.uuid)  stream \(queueName(mapping)) → \(mapping.functionName)\(mapping.qualifier.map { ":\($0)" } ?? "")  \(mapping.state)  "
            + "batch \(mapping.batchSize), \(stream.startingPosition.rawValue)\(stream.bisectBatchOnFunctionError ? ", bisect" : ""), retries \(retries(stream.maximumRetryAttempts))"
            + (mapping.reportBatchItemFailures ? ", ReportBatchItemFailures" : "")
            + "  (\(counts.processed) processed, \(counts.failedBatches) failed batch\(counts.failedBatches == 1 ? "" : "es"), \(counts.discarded) discarded)"
    }

    static func streamDetail(_ mapping: EventSourceMapping, counts: MappingCounts, activity: [MappingActivity], lanes: [StreamLaneStatus], style: Style) -> String {
        guard let stream = mapping.stream else { return detail(mapping, counts: counts, activity: activity, style: style) }
        var lines = [
            style.bold("Event source mapping \(mapping.uuid)") + "  \(mapping.state)",
            "  EventSourceArn   \(mapping.eventSourceArn)",
            "  FunctionArn      \(mapping.functionArn)",
            "  StartingPosition \(stream.startingPosition.rawValue)\(stream.startingPositionTimestamp.map { " (\(TimelineView.clock($0)))" } ?? "")   BatchSize \(mapping.batchSize)   MaximumBatchingWindowInSeconds \(mapping.maximumBatchingWindow)",
            "  MaximumRetryAttempts \(stream.maximumRetryAttempts)   MaximumRecordAgeInSeconds \(stream.maximumRecordAge)   BisectBatchOnFunctionError \(stream.bisectBatchOnFunctionError)   ParallelizationFactor \(stream.parallelizationFactor)",
            "  FunctionResponseTypes \(mapping.reportBatchItemFailures ? "[ReportBatchItemFailures]" : "[]")   OnFailure \(stream.onFailure ?? "none")   LastProcessingResult \(mapping.lastProcessingResult)",
        ]
        for pattern in mapping.filter?.patterns ?? [] { lines.append("  Filter           \(pattern)") }
        lines.append("  " + style.bold("Shards"))
        for lane in lanes {
            let name = lane.lanes > 1 ? "\(lane.shardId) lane \(lane.lane + 1)/\(lane.lanes)" : lane.shardId
            var text = "  \(name)  checkpoint \(lane.checkpoint.map { "…" + String($0.suffix(8)) } ?? "none yet")  \(lane.behind) behind  iterator age \(TimelineView.duration(lane.iteratorAge))"
            if let range = lane.blockedRange {
                text += "\n    " + style.warning("BLOCKED") + " by a failing batch of \(lane.blockedRecords) record\(lane.blockedRecords == 1 ? "" : "s") (…\(range.first.suffix(8)) to …\(range.last.suffix(8))), "
                    + "\(lane.attempts) attempt\(lane.attempts == 1 ? "" : "s"), retries left: \(lane.retriesLeft.map(String.init) ?? "no limit (until the records expire)")"
                    + (lane.nextRetry.map { ", next try \(TimelineView.clock($0))" } ?? "")
            }
            lines.append(text)
        }
        lines.append("  Totals: \(counts.batches) batch\(counts.batches == 1 ? "" : "es") succeeded, \(counts.processed) record\(counts.processed == 1 ? "" : "s") processed, "
                     + "\(counts.failedBatches) failed batch\(counts.failedBatches == 1 ? "" : "es"), \(counts.bisected) bisect\(counts.bisected == 1 ? "" : "s"), \(counts.discarded) discarded, \(counts.filtered) filtered out")
        if activity.isEmpty {
            lines.append("  " + style.muted("Nothing read yet: put records with 'stream put'."))
        } else {
            for entry in activity { lines.append("  \(TimelineView.clock(entry.at))  \(entry.text)" + repeats(entry)) }
        }
        lines.append("  " + style.muted("The tutor's pacing: a failed batch is retried after \(TimelineView.number(EventSourceMappings.streamRetryDelay)) s of service time (AWS does not publish its backoff); 'time scale' speeds it up."))
        return lines.joined(separator: "\n")
    }

    static func retries(_ value: Int) -> String { value < 0 ? "until expiry" : String(value) }
}
