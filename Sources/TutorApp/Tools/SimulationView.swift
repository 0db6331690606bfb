import Foundation
import LambdaModel
import ScalingSimulation
import TerminalUI
import TutorSupport

/// `simulate`'s default view: what was simulated, charts of concurrency against its limits and
/// of throttles and cold starts over time, then the figures with their arithmetic and the bill.
enum SimulationView {
    static func run(_ context: CommandContext) throws(CommandError) {
        let arguments = context.arguments
        if arguments.positionals == ["presets"], !arguments.flag("compare") {
            listPresets(context)
            return
        }
        let request = try SimulationRequest.parse(arguments, readFile: readTrafficFile)
        var simulators: [Simulator] = []
        for variant in request.variants {
            do {
                simulators.append(try Simulator(variant.scenario))
            } catch {
                throw CommandError(error.message, hint: request.variants.count > 1 ? "in variant \(variant.label)" : nil)
            }
        }
        switch request.output {
        case .json: SimulationExport.json(request, simulators: simulators, console: context.console)
        case .csv: SimulationExport.csv(request, simulators: simulators, console: context.console)
        case .view:
            let glyphs = request.asciiOnly ? .ascii : ChartGlyphs.detect(environment: context.session.environment)
            let results = simulators.map { $0.run(maxSamples: 4_000) }
            let text = render(results, labels: request.variants.map(\.label), width: context.console.width,
                              style: context.console.style, glyphs: glyphs)
            context.console.page(text)
        }
    }

    /// Reads a --traffic CSV: a regular file of at most 64 MB.
    static func readTrafficFile(_ path: String) throws(CommandError) -> String {
        let url = URL(fileURLWithPath: path)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              attributes[.type] as? FileAttributeType == .typeRegular else {
            throw CommandError("cannot read --traffic \(path): no such file", hint: "a CSV with one rate per row (rps, or t,rps)")
        }
        if let size = attributes[.size] as? Int, size > 64 << 20 {
            throw CommandError("--traffic \(path) is larger than 64 MB")
        }
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            throw CommandError("cannot read --traffic \(path) as UTF-8 text")
        }
        return text
    }

    static func listPresets(_ context: CommandContext) {
        var table = TextTable(columns: [.init("preset"), .init("what it shows")], indent: 2)
        for preset in Preset.all { table.add([context.console.style.code(preset.name), preset.summary]) }
        context.console.line(table.render(width: context.console.width, style: context.console.style))
        context.console.line(context.console.style.muted("  simulate --preset NAME runs one; add options to change it, or --compare A B"))
    }

    // MARK: - The whole view

    static func render(_ results: [SimulationResult], labels: [String], width: Int, style: Style, glyphs: ChartGlyphs) -> String {
        var lines: [String] = []
        let compare = results.count > 1
        for (index, result) in results.enumerated() {
            lines += header(result.scenario, label: compare ? labels[index] : nil, style: style, width: width)
        }
        lines.append("")
        let top = ChartNumber.niceCeiling(results.map { peakForScale($0) }.max() ?? 1)
        let eventsTop = ChartNumber.niceCeiling(results.map { peakEvents($0) }.max() ?? 1)
        let sideBySide = compare && width >= 76
        if compare && sideBySide {
            let half = (width - 3) / 2
            let left = charts(results[0], title: labels[0], width: half, top: top, eventsTop: eventsTop, style: style, glyphs: glyphs)
            let right = charts(results[1], title: labels[1], width: half, top: top, eventsTop: eventsTop, style: style, glyphs: glyphs)
            // Chart by chart, so each pair starts on the same line whatever its legend's height.
            for (l, r) in zip(left, right) {
                for row in 0..<max(l.count, r.count) {
                    let leftLine = row < l.count ? l[row] : ""
                    let rightLine = row < r.count ? r[row] : ""
                    var line = DisplayWidth.pad(leftLine, to: half) + "   " + rightLine
                    while line.hasSuffix(" ") { line.removeLast() }
                    lines.append(line)
                }
                lines.append("")
            }
        } else {
            for (index, result) in results.enumerated() {
                for chart in charts(result, title: compare ? labels[index] : nil, width: width, top: top, eventsTop: eventsTop, style: style, glyphs: glyphs) {
                    lines += chart
                    lines.append("")
                }
            }
        }
        lines += SimulationSummaryView.table(results, labels: labels, width: width, style: style)
        if !compare {
            lines += SimulationSummaryView.arithmetic(results[0], style: style, width: width)
            lines += SimulationSummaryView.bill(results[0], style: style, width: width)
        } else {
            lines += SimulationSummaryView.compareBills(results, labels: labels, style: style, width: width, glyphs: glyphs)
        }
        lines.append("")
        var notes = ModelNotes.notes(for: results[0].scenario)
        notes.append("Prices: us-east-1, checked \(Facts.priceRequests.asOf); INIT billed since \(Facts.initBilledSince.display); no free tier subtracted.")
        for note in notes {
            for line in TextWrapper.wrap(note, width: width - 2) { lines.append(style.muted("  " + line)) }
        }
        return lines.joined(separator: "\n")
    }

    static func header(_ scenario: Scenario, label: String?, style: Style, width: Int) -> [String] {
        var lines: [String] = []
        if let label { lines.append(style.heading(label)) }
        for function in scenario.functions {
            let name = scenario.functions.count == 1 && function.name == "fn" ? "" : "\(function.name): "
            var parts = [name + function.traffic.summary(unit: "\(function.caller.trafficNoun)/s"),
                         function.duration.summary, "\(Number.grouped(Double(function.memoryMB))) MB \(function.architecture.rawValue)", function.caller.name]
            if let reserved = function.reserved { parts.append("reserved \(Number.grouped(Double(reserved)))") }
            if function.provisioned > 0 { parts.append("provisioned \(Number.grouped(Double(function.provisioned)))") }
            if case .queue(let batch, let maximum) = function.caller {
                parts.append("batch \(batch)")
                if let maximum { parts.append("max concurrency \(maximum)") }
            }
            for line in TextWrapper.wrap(parts.joined(separator: " · "), width: width - 4) { lines.append("  " + line) }
        }
        let account = "account limit \(Number.grouped(Double(scenario.accountLimit))) · \(scenario.scaling.summary) · \(Clock.label(scenario.lengthSeconds)) simulated"
        for line in TextWrapper.wrap(account, width: width - 4) { lines.append("  " + style.muted(line)) }
        return lines
    }

    // MARK: - Charts

    static let functionColors: [Style.Color] = [.cyan, .blue, .green, .magenta, .yellow]
    static let functionSymbols: [Character] = ["*", "o", "x", "%", "@"]

    static func peakForScale(_ result: SimulationResult) -> Double {
        var peak = result.peakAccountConcurrency
        for (index, function) in result.scenario.functions.enumerated() {
            if let reserved = function.reserved { peak = max(peak, Double(reserved)) }
            peak = max(peak, Double(function.provisioned))
            peak = max(peak, result.series[index].map(\.concurrency).max() ?? 0)
        }
        if result.peakAccountConcurrency >= Double(result.scenario.accountLimit) * 0.5 {
            peak = max(peak, Double(result.scenario.accountLimit))
        }
        return max(1, peak)
    }

    static func peakEvents(_ result: SimulationResult) -> Double {
        let series = result.account
        return max(1, series.map { max($0.throttles, $0.coldStarts) }.max() ?? 0)
    }

    /// The run's charts, each as its own block of lines.
    static func charts(_ result: SimulationResult, title: String?, width: Int, top: Double, eventsTop: Double, style: Style,
                       glyphs: ChartGlyphs) -> [[String]] {
        let scenario = result.scenario
        let bucket = max(1, result.bucketSeconds)
        let count = result.account.count
        let ticks = timeTicks(length: scenario.lengthSeconds, bucket: bucket, samples: count, width: width)
        var concurrency: [LineChart.Series] = []
        let single = scenario.functions.count == 1
        let accountLimit = Double(scenario.accountLimit)
        if top >= accountLimit * 0.99 || !single {
            concurrency.append(.init("account limit \(Number.grouped(accountLimit))", values: Array(repeating: accountLimit, count: count),
                                     color: .red, kind: .dotted, ascii: "="))
        }
        for (index, function) in scenario.functions.enumerated() {
            let prefix = single ? "" : "\(function.name) "
            if let reserved = function.reserved {
                concurrency.append(.init("\(prefix)reserved \(Number.grouped(Double(reserved)))", values: Array(repeating: Double(reserved), count: count),
                                         color: .red, kind: .dotted, ascii: "#"))
            }
            if function.provisioned > 0 {
                concurrency.append(.init("\(prefix)provisioned \(Number.grouped(Double(function.provisioned)))",
                                         values: Array(repeating: Double(function.provisioned), count: count), color: .green, kind: .dotted, ascii: "+"))
            }
            if single {
                let samples = result.series[index]
                let limit = Double(function.reserved ?? scenario.accountLimit)
                let ceilings = samples.map { min($0.ceiling, limit) }
                // The scaling ceiling only tells something while it is below the limit.
                if ceilings.contains(where: { $0 < limit - 0.5 }) && ceilings.contains(where: { $0 > 0 }) {
                    concurrency.append(.init("could scale to", values: ceilings.map { $0 < limit - 0.5 ? $0 : .nan }, color: .yellow, kind: .dotted, ascii: ":"))
                }
            }
        }
        for (index, function) in scenario.functions.enumerated() {
            concurrency.append(.init(single ? "concurrency" : function.name, values: result.series[index].map(\.concurrency),
                                     color: functionColors[index % functionColors.count], ascii: functionSymbols[index % functionSymbols.count]))
        }
        var blocks: [[String]] = []
        let bucketNote = bucket > 1 ? " (highest of each \(Clock.label(bucket)))" : ""
        let concurrencyChart = LineChart(title: (title.map { "\($0): " } ?? "") + "Concurrency" + bucketNote, series: concurrency, height: 8, yMax: top,
                                         xTicks: ticks)
        blocks.append(concurrencyChart.render(width: width, style: style, glyphs: glyphs))
        let perSecond = bucket > 1 ? "per \(Clock.label(bucket))" : "per second"
        var events: [LineChart.Series] = [
            .init("cold starts", values: result.account.map(\.coldStarts), color: .magenta, ascii: "c"),
            .init("throttles (429)", values: result.account.map(\.throttles), color: .red, ascii: "T"),
        ]
        if result.account.contains(where: { $0.dropped > 0 }) {
            events.append(.init("dropped", values: result.account.map(\.dropped), color: .yellow, ascii: "d"))
        }
        let eventsChart = LineChart(title: "Cold starts and throttles " + perSecond, series: events, height: 5,
                                    yMax: ChartNumber.niceCeiling(eventsTop), xTicks: ticks)
        blocks.append(eventsChart.render(width: width, style: style, glyphs: glyphs))
        if result.account.contains(where: { $0.backlog > 0 }) {
            let noun = scenario.functions.contains { if case .queue = $0.caller { return true } else { return false } } ? "messages in the queue" : "events waiting to retry"
            let backlog = LineChart(title: "Backlog: \(noun)", series: [.init("backlog", values: result.account.map(\.backlog), color: .yellow, ascii: "b")],
                                    height: 4, xTicks: ticks)
            blocks.append(Array(backlog.render(width: width, style: style, glyphs: glyphs).dropLast()))
        }
        return blocks
    }

    /// Round times along the x axis (0s, 30s, 1m …), spaced for the width.
    static func timeTicks(length: Int, bucket: Int, samples: Int, width: Int) -> [LineChart.Tick] {
        let steps = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800]
        let wanted = max(2, (width - 8) / 10)
        let step = steps.first { length / $0 <= wanted } ?? 604_800
        var ticks: [LineChart.Tick] = []
        var t = 0
        while t <= length {
            ticks.append(LineChart.Tick(index: min(samples - 1, t / bucket), label: Clock.label(t)))
            t += step
        }
        return ticks
    }
}
