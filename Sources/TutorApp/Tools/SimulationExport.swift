import Foundation
import LambdaModel
import ScalingSimulation

/// `simulate --json` and `--csv`: one entry per simulated second, streamed as the run goes (a
/// month of seconds is never held in memory), then the summary.
enum SimulationExport {
    /// JSON numbers: whole values without a fraction, others to `decimals` places.
    static func number(_ value: Double, decimals: Int = 3) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.\(decimals)f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    static func fields(_ sample: Sample) -> String {
        "\"requests\": \(number(sample.requests)), \"invocations\": \(number(sample.invocations)), \"concurrency\": \(number(sample.concurrency)), "
            + "\"coldStarts\": \(number(sample.coldStarts)), \"throttles\": \(number(sample.throttles)), \"backlog\": \(number(sample.backlog)), "
            + "\"dropped\": \(number(sample.dropped)), \"ceiling\": \(number(sample.ceiling)), \"environments\": \(number(sample.environments))"
    }

    /// Collects lines and hands them to the console in chunks.
    struct LineSink {
        let write: (String) -> Void
        var buffer: [String] = []

        mutating func add(_ line: String) {
            buffer.append(line)
            if buffer.count >= 2_000 { flush() }
        }

        mutating func flush() {
            guard !buffer.isEmpty else { return }
            write(buffer.joined(separator: "\n"))
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Writes `{"t": …, …}` entries, comma-separated, one per line.
    struct JSONSeries: SimulationObserver {
        var sink: LineSink
        let names: [String]
        let indent: String
        let accountLimit: Double
        /// The latest entry, held back until it is known whether a comma follows it.
        var pending: String?

        mutating func record(second t: Int, samples: UnsafeBufferPointer<Sample>) {
            var total = Sample(t: t)
            var entry = "\(indent){\"t\": \(t), "
            if samples.count == 1 {
                entry += fields(samples[0])
            } else {
                var perFunction: [String] = []
                for (index, sample) in samples.enumerated() {
                    total.requests += sample.requests
                    total.invocations += sample.invocations
                    total.concurrency += sample.concurrency
                    total.coldStarts += sample.coldStarts
                    total.throttles += sample.throttles
                    total.backlog += sample.backlog
                    total.dropped += sample.dropped
                    total.ceiling += sample.ceiling
                    total.environments += sample.environments
                    perFunction.append("\(string(names[index])): {\(fields(sample))}")
                }
                total.ceiling = min(total.ceiling, accountLimit)  // the account's ceiling is its limit
                entry += fields(total) + ", \"functions\": {" + perFunction.joined(separator: ", ") + "}"
            }
            entry += "}"
            if let pending { sink.add(pending + ",") }
            pending = entry
        }

        mutating func finish() {
            if let pending { sink.add(pending) }
            pending = nil
            sink.flush()
        }
    }

    /// Writes CSV rows: one per second, per function when there are several.
    struct CSVSeries: SimulationObserver {
        var sink: LineSink
        let names: [String]
        let prefix: String

        mutating func record(second t: Int, samples: UnsafeBufferPointer<Sample>) {
            for (index, sample) in samples.enumerated() {
                var row = prefix
                if names.count > 1 { row += csvField(names[index]) + "," }
                row += "\(t),\(number(sample.requests)),\(number(sample.invocations)),\(number(sample.concurrency)),\(number(sample.coldStarts)),"
                row += "\(number(sample.throttles)),\(number(sample.backlog)),\(number(sample.dropped)),\(number(sample.ceiling)),\(number(sample.environments))"
                sink.add(row)
            }
        }
    }

    static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    static let csvColumns = "t,requests,invocations,concurrency,coldStarts,throttles,backlog,dropped,ceiling,environments"

    // MARK: - Output

    static func json(_ request: SimulationRequest, simulators: [Simulator], console: Console) {
        let write: (String) -> Void = { console.line($0) }
        let compare = simulators.count > 1
        if compare { console.line("{\"compare\": [") }
        for (index, simulator) in simulators.enumerated() {
            let indent = compare ? "  " : ""
            console.line(indent + "{" + (compare ? "\"label\": \(string(request.variants[index].label)), " : "") + "\"series\": [")
            var series = JSONSeries(sink: LineSink(write: write), names: simulator.scenario.functions.map(\.name), indent: indent + "  ",
                                    accountLimit: Double(simulator.scenario.accountLimit))
            let result = simulator.run(observer: &series)
            series.finish()
            console.line(indent + "], \"summary\": " + summary(result) + "}" + (compare && index == 0 ? "," : ""))
        }
        if compare { console.line("]}") }
    }

    static func csv(_ request: SimulationRequest, simulators: [Simulator], console: Console) {
        let compare = simulators.count > 1
        let multi = simulators.contains { $0.scenario.functions.count > 1 }
        console.line((compare ? "config," : "") + (multi ? "function," : "") + csvColumns)
        for (index, simulator) in simulators.enumerated() {
            var names = simulator.scenario.functions.map(\.name)
            if multi, names.count == 1 { names.append("") }  // keep the function column
            var series = CSVSeries(sink: LineSink(write: { console.line($0) }), names: multi ? names : [names[0]],
                                   prefix: compare ? csvField(request.variants[index].label) + "," : "")
            _ = simulator.run(observer: &series)
            series.sink.flush()
        }
    }

    /// The run's summary: totals over every function, then each function in detail.
    static func summary(_ result: SimulationResult) -> String {
        let all = result.summaries
        func sum(_ key: KeyPath<FunctionSummary, Double>) -> String { number(all.reduce(0) { $0 + $1[keyPath: key] }) }
        let totalCost = all.reduce(0) { $0 + $1.cost.total }
        let monthly = all.allSatisfy { $0.cost.monthlyTotal != nil } ? number(all.reduce(0) { $0 + ($1.cost.monthlyTotal ?? 0) }, decimals: 2) : "null"
        var parts = [
            "\"seconds\": \(result.scenario.lengthSeconds)",
            "\"accountLimit\": \(result.scenario.accountLimit)",
            "\"scaling\": \(string(scalingName(result.scenario.scaling)))",
            "\"requests\": \(sum(\.requests))",
            "\"invocations\": \(sum(\.invocations))",
            "\"throttles\": \(sum(\.throttles))",
            "\"failed\": \(sum(\.failed))",
            "\"dropped\": \(sum(\.dropped))",
            "\"coldStarts\": \(sum(\.coldStarts))",
            "\"peakConcurrency\": \(number(result.peakAccountConcurrency))",
            "\"peakAt\": \(result.peakAccountAt)",
            "\"cost\": \(number(totalCost, decimals: 6))",
            "\"monthlyCost\": \(monthly)",
        ]
        parts.append("\"functions\": [" + all.map(functionSummary).joined(separator: ", ") + "]")
        parts.append("\"notes\": [" + ModelNotes.notes(for: result.scenario).map(string).joined(separator: ", ") + "]")
        return "{" + parts.joined(separator: ", ") + "}"
    }

    static func scalingName(_ model: ScalingModel) -> String {
        switch model {
        case .perFunction: "per-function"
        case .accountBurst(let burst): "legacy-burst-\(burst)"
        }
    }

    static func functionSummary(_ summary: FunctionSummary) -> String {
        let spec = summary.spec
        let ms = { (seconds: Double?) -> String in seconds.map { number($0 * 1000, decimals: 1) } ?? "null" }
        let lines = summary.cost.lines.map { line in
            "{\"label\": \(string(line.label)), \"amount\": \(number(line.amount, decimals: 6)), \"working\": [" + line.working.map(string).joined(separator: ", ") + "]}"
        }
        let parts = [
            "\"name\": \(string(spec.name))",
            "\"caller\": \(string(spec.caller.name))",
            "\"memoryMB\": \(spec.memoryMB)",
            "\"architecture\": \(string(spec.architecture.rawValue))",
            "\"reserved\": \(spec.reserved.map(String.init) ?? "null")",
            "\"provisioned\": \(spec.provisioned)",
            "\"requests\": \(number(summary.requests))",
            "\"invocations\": \(number(summary.invocations))",
            "\"throttles\": \(number(summary.throttles))",
            "\"failed\": \(number(summary.failed))",
            "\"dropped\": \(number(summary.dropped))",
            "\"backlogAtEnd\": \(number(summary.backlogAtEnd))",
            "\"peakBacklog\": \(number(summary.peakBacklog))",
            "\"coldStarts\": \(number(summary.coldStarts))",
            "\"onProvisioned\": \(number(summary.onProvisioned))",
            "\"peakConcurrency\": \(number(summary.peakConcurrency))",
            "\"peakAt\": \(summary.peakAt)",
            "\"target\": \(summary.target)",
            "\"reachedTargetAt\": \(summary.reachedTargetAt.map(String.init) ?? "null")",
            "\"latencyP50Ms\": \(ms(summary.latencyP50))",
            "\"latencyP99Ms\": \(ms(summary.latencyP99))",
            "\"cost\": {\"total\": \(number(summary.cost.total, decimals: 6)), \"monthlyTotal\": \(summary.cost.monthlyTotal.map { number($0, decimals: 2) } ?? "null"), \"lines\": [" + lines.joined(separator: ", ") + "]}",
        ]
        return "{" + parts.joined(separator: ", ") + "}"
    }
}
