import Foundation
import LambdaService
import TerminalUI

/// How `esm list` and `esm show` print a mapping: its settings in the API's terms, its totals,
/// and the poller's recent activity on the service clock.
enum ESMView {
    static func queueName(_ mapping: EventSourceMapping) -> String {
        String(mapping.eventSourceArn.split(separator: ":").last ?? "")
    }

    static func summary(_ mapping: EventSourceMapping, counts: MappingCounts) -> String {
        "\(mapping.uuid)  \(queueName(mapping)) → \(mapping.functionName)\(mapping.qualifier.map { ":\($0)" } ?? "")  \(mapping.state)  "
            + "batch \(mapping.batchSize), window \(mapping.maximumBatchingWindow) s\(mapping.reportBatchItemFailures ? ", ReportBatchItemFailures" : "")"
            + (mapping.filter.map { ", \($0.patterns.count) filter\($0.patterns.count == 1 ? "" : "s")" } ?? "")
            + "  (\(counts.deleted) deleted, \(counts.failedBatches) failed batch\(counts.failedBatches == 1 ? "" : "es"))"
    }

    static func detail(_ mapping: EventSourceMapping, counts: MappingCounts, activity: [MappingActivity], style: Style) -> String {
        var lines = [
            style.bold("Event source mapping \(mapping.uuid)") + "  \(mapping.state)",
            "  EventSourceArn   \(mapping.eventSourceArn)",
            "  FunctionArn      \(mapping.functionArn)",
            "  BatchSize \(mapping.batchSize)   MaximumBatchingWindowInSeconds \(mapping.maximumBatchingWindow)   FunctionResponseTypes \(mapping.reportBatchItemFailures ? "[ReportBatchItemFailures]" : "[]")",
            "  MaximumConcurrency \(mapping.maximumConcurrency.map(String.init) ?? "not set")   LastProcessingResult \(mapping.lastProcessingResult)",
        ]
        for pattern in mapping.filter?.patterns ?? [] { lines.append("  Filter           \(pattern)") }
        lines.append("  Totals: \(counts.batches) batch\(counts.batches == 1 ? "" : "es") processed, \(counts.deleted) message\(counts.deleted == 1 ? "" : "s") deleted, "
                     + "\(counts.failedBatches) failed batch\(counts.failedBatches == 1 ? "" : "es"), \(counts.itemFailures) item failure\(counts.itemFailures == 1 ? "" : "s"), \(counts.filtered) filtered out")
        if activity.isEmpty {
            lines.append(style.muted("  Nothing polled yet: send to the queue with 'queue send'."))
        } else {
            for entry in activity { lines.append("  \(TimelineView.clock(entry.at))  \(entry.text)") }
        }
        lines.append(style.muted("  Simplification: up to \(mapping.concurrentBatches) batches at once; AWS scales a mapping up by the minute."))
        return lines.joined(separator: "\n")
    }
}
