import Foundation
import LambdaService
import TerminalUI

/// `metrics NAME`: the per-minute table, a chart of invocations and throttles, and `--json`.
enum MetricsView {
    static func render(_ series: FunctionMetrics, width: Int, style: Style, glyphs: ChartGlyphs) -> String {
        let title = series.qualifier.map { "\(series.functionName):\($0)" } ?? series.functionName
        var lines = [style.bold("Metrics of \(title)") + style.dim(" — per minute, this session (UTC)")]
        let active = series.minutes.filter { $0.invocations > 0 || $0.throttles > 0 }
        guard !active.isEmpty else {
            lines.append("No invocations in the last \(series.minutes.count) minute\(series.minutes.count == 1 ? "" : "s"). Try: " + style.code("invoke \(title)"))
            return lines.joined(separator: "\n")
        }
        var table = TextTable(columns: [
            .init("minute"), .init("Invoc.", alignment: .right), .init("Errors", alignment: .right), .init("Throttles", alignment: .right),
            .init("avg ms", alignment: .right), .init("p50", alignment: .right), .init("p99", alignment: .right), .init("max", alignment: .right),
            .init("Conc.", alignment: .right), .init("Cold", alignment: .right), .init("Spill", alignment: .right),
        ])
        for minute in series.minutes {
            let duration = minute.duration
            table.add([clock(minute.start), String(minute.invocations), String(minute.errors), String(minute.throttles),
                       duration.map { number($0.average) } ?? "–", duration.map { number($0.p50) } ?? "–",
                       duration.map { number($0.p99) } ?? "–", duration.map { number($0.maximum) } ?? "–",
                       String(minute.concurrentExecutions), String(minute.coldStarts), String(minute.provisionedConcurrencySpilloverInvocations)])
        }
        lines.append(table.render(width: width, style: style))
        lines.append(style.dim("Conc. = ConcurrentExecutions (most at once), Cold = cold starts, Spill = ProvisionedConcurrencySpilloverInvocations"))
        let chart = LineChart(title: "Invocations and Throttles per minute", series: [
            LineChart.Series("Invocations", values: series.minutes.map { Double($0.invocations) }, color: .green, ascii: "*"),
            LineChart.Series("Throttles", values: series.minutes.map { Double($0.throttles) }, color: .red, ascii: "x"),
        ], height: 6, xTicks: [LineChart.Tick(index: 0, label: clock(series.minutes[0].start)),
                                LineChart.Tick(index: series.minutes.count - 1, label: clock(series.minutes[series.minutes.count - 1].start))])
        lines.append("")
        lines += chart.render(width: min(width, 72), style: style, glyphs: glyphs)
        return lines.joined(separator: "\n")
    }

    static func json(_ series: FunctionMetrics) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: (try? encoder.encode(series)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func clock(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "HH:mm"
        return formatter.string(from: date)
    }

    static func number(_ milliseconds: Double) -> String {
        milliseconds >= 100 ? String(format: "%.0f", milliseconds) : String(format: "%.2f", milliseconds)
    }
}
