import LambdaModel
import ScalingSimulation
import TerminalUI

/// The figures under `simulate`'s charts: a table per function (or per variant), the
/// steady-state arithmetic as `calc concurrency` shows it, and the bill as `calc cost` shows it.
enum SimulationSummaryView {
    static func count(_ value: Double) -> String { Number.grouped(value.rounded()) }

    static func percent(_ part: Double, of whole: Double) -> String {
        guard whole > 0 else { return "0%" }
        let share = part / whole * 100
        if share > 0, share < 0.1 { return "<0.1%" }
        return "\(Number.grouped((share * 10).rounded() / 10))%"
    }

    static func latency(_ seconds: Double?) -> String {
        seconds.map { DurationModel.format($0) } ?? "–"
    }

    /// Rows of (label, value per column) for the summaries given.
    static func rows(_ columns: [(FunctionSummary, SimulationResult)]) -> [(String, [String])] {
        var rows: [(String, [String])] = []
        func row(_ label: String, _ value: (FunctionSummary, SimulationResult) -> String?) {
            let values = columns.map { value($0.0, $0.1) }
            if values.contains(where: { $0 != nil }) { rows.append((label, values.map { $0 ?? "" })) }
        }
        row("arrived") { s, _ in "\(count(s.requests)) \(s.spec.caller.trafficNoun)" }
        row("invocations") { s, _ in
            if case .queue(let batch, _) = s.spec.caller { return "\(count(s.invocations)) (batches of up to \(batch))" }
            return count(s.invocations)
        }
        row("throttled (429)") { s, _ in
            guard s.throttles > 0 else { return "none" }
            switch s.spec.caller {
            case .sync: return "\(count(s.throttles)) requests failed (\(percent(s.throttles, of: s.requests))); first at \(Clock.label(s.firstThrottleAt ?? 0))"
            case .async: return "\(count(s.throttles)) attempts; the events went back to Lambda's queue"
            case .queue: return "\(count(s.throttles)) batches; their messages stayed in the queue"
            }
        }
        row("async queue") { s, _ in
            guard case .async = s.spec.caller, s.peakBacklog > 0 || s.dropped > 0 else { return nil }
            var text = "peak \(count(s.peakBacklog)) waiting, longest wait \(Clock.label(s.longestWait))"
            if s.backlogAtEnd >= 0.5 { text += ", \(count(s.backlogAtEnd)) still waiting at the end" }
            return text
        }
        row("dropped") { s, _ in
            guard s.dropped > 0 else { return nil }
            return s.spec.reserved == 0
                ? "\(count(s.dropped)) events (reserved 0: straight to the DLQ or on-failure destination)"
                : "\(count(s.dropped)) events older than the maximum event age"
        }
        row("queue backlog") { s, _ in
            guard case .queue = s.spec.caller else { return nil }
            return "peak \(count(s.peakBacklog)) messages, \(count(s.backlogAtEnd)) at the end"
        }
        row("cold starts") { s, _ in "\(count(s.coldStarts)) (\(percent(s.coldStarts, of: s.invocations)) of invocations)" }
        row("peak concurrency") { s, _ in
            let limit = s.spec.reserved.map { "reserved \(Number.grouped(Double($0)))" }
                ?? (s.reachable < s.steadyEstimate.limit ? "unreserved pool \(Number.grouped(Double(s.reachable)))" : "limit \(Number.grouped(Double(s.reachable)))")
            return "\(count(s.peakConcurrency)) at \(Clock.label(s.peakAt)) (\(limit))"
        }
        row("reached \(columns.count == 1 ? Number.grouped(Double(columns[0].0.target)) : "target")") { s, r in
            let prefix = columns.count == 1 ? "" : "\(Number.grouped(Double(s.target))): "
            return prefix + (s.reachedTargetAt.map { "at \(Clock.label($0))" } ?? "not within \(Clock.label(r.scenario.lengthSeconds))")
        }
        row("latency p50 / p99") { s, _ in
            var text = "\(latency(s.latencyP50)) / \(latency(s.latencyP99))"
            if let p99 = s.latencyP99, let p50 = s.latencyP50, p99 > p50, s.coldStartShare > 0.01 - 1e-12,
               case .fixed = s.spec.duration { text += " (p99 includes INIT)" }
            return text
        }
        row("on provisioned") { s, _ in
            guard s.spec.provisioned > 0 else { return nil }
            return "\(count(s.onProvisioned)) (\(percent(s.onProvisioned, of: s.invocations))); spill-over \(count(s.spillover))"
        }
        row("cost") { s, r in
            var text = "$\(Number.money(s.cost.total)) for \(Clock.label(r.scenario.lengthSeconds))"
            if let monthly = s.cost.monthlyTotal { text += " (≈ $\(Number.money(monthly)) a 30-day month)" }
            return text
        }
        return rows
    }

    static func table(_ results: [SimulationResult], labels: [String], width: Int, style: Style) -> [String] {
        var columns: [(FunctionSummary, SimulationResult)] = []
        var titles: [String] = []
        for (index, result) in results.enumerated() {
            for summary in result.summaries {
                columns.append((summary, result))
                var title = results.count > 1 ? labels[index] : ""
                if result.summaries.count > 1 { title += (title.isEmpty ? "" : ": ") + summary.spec.name }
                titles.append(title)
            }
        }
        let showHeader = titles.contains { !$0.isEmpty }
        var table = TextTable(columns: [.init("")] + titles.map { .init($0) }, showHeader: showHeader, indent: 2)
        for (label, values) in rows(columns) { table.add([style.bold(label)] + values) }
        return table.render(width: width, style: style).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The run checked against the steady-state formulas, written out as `calc` does.
    static func arithmetic(_ result: SimulationResult, style: Style, width: Int) -> [String] {
        var lines = ["", style.bold("  The arithmetic")]
        for summary in result.summaries {
            let estimate = summary.steadyEstimate
            let name = result.summaries.count > 1 ? "\(summary.spec.name): " : ""
            let limitName = estimate.limitKind == .reserved ? "reserved concurrency" : "account limit"
            var rate = "\(Number.grouped(estimate.requestsPerSecond)) req/s"
            if case .queue(let batch, _) = summary.spec.caller { rate = "\(Number.grouped(estimate.requestsPerSecond * Double(batch))) msg/s ÷ \(batch) = \(rate)" }
            var text = ["\(name)at the peak: concurrency = \(rate) × \(Number.fixed(estimate.durationSeconds, 3)) s = \(Number.grouped(estimate.concurrency)) (\(limitName): \(Number.grouped(Double(estimate.limit))))"]
            if case .sync = summary.spec.caller {
                text.append("request-rate limit = \(Facts.rpsPerConcurrency.int) × \(Number.grouped(Double(estimate.limit))) = \(Number.grouped(Double(estimate.requestRateLimit))) req/s"
                            + (estimate.exceedsRequestRateLimit ? ": the peak rate is above it" : ""))
            }
            if estimate.throttles {
                text.append("needed without throttling: a limit of at least \(Number.grouped(Double(estimate.limitNeeded)))")
            }
            let target = min(estimate.environments, summary.reachable)
            if case .perFunction = result.scenario.scaling, target > Facts.scalingRate.int, summary.spec.provisioned == 0 {
                let simulated = summary.reachedTargetAt.map { "simulated: \(Number.grouped(Double(summary.target))) at \(Clock.label($0))" } ?? "simulated: not reached"
                text.append("scaling from zero: \(Number.grouped(Facts.scalingRate.value)) at once, \(Number.grouped(Facts.scalingRate.value)) more every \(Facts.scalingInterval.int) s → \(Number.grouped(Double(target))) after about \(estimate.secondsToScale) s (\(simulated))")
            }
            for item in text {
                for (offset, line) in TextWrapper.wrap(item, width: width - 6).enumerated() { lines.append((offset == 0 ? "    " : "      ") + line) }
            }
        }
        return lines
    }

    /// The bill of each function, line by line as `calc cost` prints it.
    static func bill(_ result: SimulationResult, style: Style, width: Int) -> [String] {
        var lines = ["", style.bold("  The bill for \(Clock.label(result.scenario.lengthSeconds)) (us-east-1)")]
        var total = 0.0
        var monthly: Double? = 0
        for summary in result.summaries {
            if result.summaries.count > 1 { lines.append("   " + style.heading(summary.spec.name)) }
            for line in summary.cost.lines {
                lines.append("    " + style.bold(line.label) + style.muted("  $\(Number.money(line.amount, decimals: line.amount < 1 ? 4 : 2))"))
                for step in line.working {
                    for text in TextWrapper.wrap(step, width: width - 6) { lines.append("      " + text) }
                }
            }
            for note in summary.cost.notes {
                for text in TextWrapper.wrap(note, width: width - 6) { lines.append("    " + style.muted(text)) }
            }
            total += summary.cost.total
            if let month = summary.cost.monthlyTotal, let sum = monthly { monthly = sum + month } else { monthly = nil }
        }
        var totalLine = "  Total: $\(Number.money(total, decimals: total < 1 ? 4 : 2)) for \(Clock.label(result.scenario.lengthSeconds))"
        if let monthly { totalLine += ", about $\(Number.money(monthly)) for a 30-day month of the same pattern" }
        lines.append(style.bold(totalLine))
        return lines
    }

    /// Two bills side by side as bars.
    static func compareBills(_ results: [SimulationResult], labels: [String], style: Style, width: Int, glyphs: ChartGlyphs) -> [String] {
        var bars: [BarChart.Bar] = []
        for (index, result) in results.enumerated() {
            let total = result.summaries.reduce(0) { $0 + $1.cost.total }
            bars.append(.init(labels[index], value: total, text: "$\(Number.money(total, decimals: total < 1 ? 4 : 2))",
                              color: index == 0 ? .cyan : .magenta))
        }
        var lines = ["", style.bold("  Cost for \(Clock.label(results[0].scenario.lengthSeconds))")]
        lines += BarChart(bars: bars).render(width: width - 4, style: style, glyphs: glyphs).map { "    " + $0 }
        return lines
    }
}
