import Foundation
import LambdaModel
import ScalingSimulation
import TutorSupport

/// What `simulate` was asked for, read from its options: one scenario, or two to compare, and
/// how to show them.
struct SimulationRequest {
    enum Output { case view, json, csv }

    struct Variant {
        var label: String
        var scenario: Scenario
        var presetName: String?
    }

    var variants: [Variant]
    var output: Output
    var asciiOnly: Bool

    static let options: [OptionSpec] = [
        OptionSpec("preset", value: "NAME", help: "start from a named scenario ('simulate presets' lists them)"),
        OptionSpec("rps", value: "N|A-B", help: "requests (events, messages) per second; A-B goes from A to B"),
        OptionSpec("ramp", value: "TIME", help: "go from A to B in a straight line over TIME"),
        OptionSpec("spike", value: "TIME", help: "hold B for TIME, then back to A"),
        OptionSpec("sine", value: "PERIOD", help: "a day-shaped wave between A and B (e.g. 24h)"),
        OptionSpec("at", value: "TIME", help: "when the step, ramp or spike starts"),
        OptionSpec("traffic", value: "FILE", help: "a CSV of rates, one row per second (rps, or t,rps)"),
        OptionSpec("duration", value: "TIME", help: "how long one invocation runs (the median with --p99)"),
        OptionSpec("p99", value: "TIME", help: "99th-percentile duration: makes durations log-normal"),
        OptionSpec("for", value: "TIME", help: "how much time to simulate (default: enough to show the traffic; at most 31d)"),
        OptionSpec("memory", value: "MB", help: "configured memory (default \(Facts.memoryDefault.int))"),
        OptionSpec("arch", value: "x86_64|arm64", help: "architecture, for the bill"),
        OptionSpec("init", value: "TIME", help: "INIT time of a cold start (an assumption; default \(DurationModel.format(Assumptions.initSeconds)))"),
        OptionSpec("idle", value: "TIME", help: "how long idle environments stay warm (an assumption; default \(Clock.label(Assumptions.idleLifetimeSeconds)))"),
        OptionSpec("caller", value: "sync|async|sqs", help: "who invokes: sync (429 fails), async (retried), sqs (a poller)"),
        OptionSpec("batch", value: "N", help: "SQS batch size (default \(Facts.sqsBatchDefault.int))"),
        OptionSpec("max-concurrency", value: "N", help: "SQS mapping's maximum concurrency"),
        OptionSpec("max-event-age", value: "TIME", help: "async events are dropped after this (default \(Clock.label(Facts.asyncMaxEventAge.int)))"),
        OptionSpec("reserved", value: "N|none", help: "reserved concurrency of the function"),
        OptionSpec("provisioned", value: "N", help: "provisioned concurrency (ready at t = 0)"),
        OptionSpec("account-limit", value: "N", help: "the account's quota, as after an increase (default \(Limits.accountConcurrency))"),
        OptionSpec("scaling", value: "current|legacy", help: "legacy = the account burst model before Nov 2023 (history)"),
        OptionSpec("region", value: "NAME", help: "Region for the legacy burst size (default us-east-1)"),
        OptionSpec("target", value: "N", help: "report when concurrency first reaches N"),
        OptionSpec("function", value: "NAME", help: "which function of a preset the options change"),
        OptionSpec("compare", help: "run two variants A B side by side (preset names or key=value changes)"),
        OptionSpec("json", help: "print the series (one entry per second) and summary as JSON"),
        OptionSpec("csv", help: "print the series as CSV, one row per second"),
        OptionSpec("ascii", help: "draw charts in plain ASCII"),
    ]

    /// Options that describe a scenario (what `key=value` in --compare may change).
    static let scenarioKeys: Set<String> = Set(options.filter(\.takesValue).map(\.name)).subtracting(["preset", "function"])

    /// Reads the command's arguments. `readFile` reads a --traffic CSV (the app's only I/O here).
    static func parse(_ arguments: Arguments, readFile: (String) throws(CommandError) -> String) throws(CommandError) -> SimulationRequest {
        let json = arguments.flag("json")
        let csv = arguments.flag("csv")
        if json && csv { throw CommandError("choose one of --json and --csv") }
        let output: Output = json ? .json : csv ? .csv : .view
        var variants: [Variant] = []
        if arguments.flag("compare") {
            guard arguments.positionals.count == 2 else {
                throw CommandError("--compare needs two variants, A and B",
                                   hint: "each a preset name or key=value changes, e.g. simulate --preset black-friday --compare provisioned=0 provisioned=500")
            }
            for side in arguments.positionals {
                variants.append(try variant(arguments, side: side, readFile: readFile))
            }
        } else {
            try arguments.expectAtMost(0)
            variants.append(try variant(arguments, side: nil, readFile: readFile))
        }
        return SimulationRequest(variants: variants, output: output, asciiOnly: arguments.flag("ascii"))
    }

    /// One scenario: a preset (the side's own, or --preset), then the command's options, then the
    /// side's key=value changes.
    static func variant(_ arguments: Arguments, side: String?, readFile: (String) throws(CommandError) -> String) throws(CommandError) -> Variant {
        var overrides: Arguments?
        var presetName = arguments.option("preset")
        if let side {
            if Preset.named(side) != nil {
                presetName = side
            } else {
                overrides = try parseOverrides(side)
            }
        }
        let lookup = OptionLookup(layers: [overrides, arguments].compactMap { $0 })
        var scenario: Scenario
        var target = 0
        if let presetName {
            guard let preset = Preset.named(presetName) else {
                let hint = Suggestions.didYouMean(presetName, in: Preset.names) ?? "'simulate presets' lists them"
                throw CommandError("there is no preset '\(presetName)'", hint: hint)
            }
            scenario = preset.scenario
            if let name = arguments.option("function") {
                guard let index = scenario.functions.firstIndex(where: { $0.name == name }) else {
                    throw CommandError("preset \(presetName) has no function '\(name)'",
                                       hint: "its functions: \(scenario.functions.map(\.name).joined(separator: ", "))")
                }
                target = index
            }
        } else {
            if arguments.has("function") { throw CommandError("--function picks a function of a preset; give --preset too") }
            guard lookup.option("rps") != nil || lookup.option("traffic") != nil else {
                throw CommandError("simulate needs traffic: --rps N (or A-B), --traffic FILE, or --preset NAME",
                                   hint: "e.g. simulate --rps 0-20000 --ramp 60s --duration 200ms, or 'simulate presets'")
            }
            guard lookup.option("duration") != nil else {
                throw CommandError("simulate needs --duration (how long one invocation runs)", hint: "e.g. --duration 200ms")
            }
            scenario = Scenario(lengthSeconds: 1, functions: [
                FunctionSpec(name: "fn", traffic: .steady(rps: 0), duration: .fixed(seconds: 0.1)),
            ])
        }
        let explicitLength = try apply(lookup, to: &scenario, function: target, readFile: readFile, isPreset: presetName != nil)
        if presetName == nil, !explicitLength {
            scenario.lengthSeconds = min(Scenario.maxLengthSeconds, scenario.functions[0].traffic.suggestedLength)
        }
        let label = side ?? presetName ?? "simulation"
        return Variant(label: label, scenario: scenario, presetName: presetName)
    }

    /// `"memory=1769 duration=290ms"` → the same as `--memory 1769 --duration 290ms`.
    static func parseOverrides(_ text: String) throws(CommandError) -> Arguments {
        var words: [String] = []
        for part in text.split(whereSeparator: { $0 == " " || $0 == "," }) {
            guard let eq = part.firstIndex(of: "=") else {
                let hint = Suggestions.didYouMean(String(part), in: Preset.names) ?? "write key=value, e.g. provisioned=500, or a preset name"
                throw CommandError("'\(part)' is neither a preset nor key=value", hint: hint)
            }
            let key = String(part[..<eq])
            guard scenarioKeys.contains(key) else {
                let hint = Suggestions.closest(to: key, in: scenarioKeys.sorted()).first.map { "did you mean '\($0)'?" } ?? "keys are option names without --"
                throw CommandError("--compare cannot change '\(key)'", hint: hint)
            }
            words += ["--" + key, String(part[part.index(after: eq)...])]
        }
        return try Arguments(words, specs: options, command: "simulate --compare")
    }

    /// Applies every scenario option present to `scenario` (the chosen function for per-function
    /// options). Returns whether --for was given.
    static func apply(_ lookup: OptionLookup, to scenario: inout Scenario, function index: Int,
                      readFile: (String) throws(CommandError) -> String, isPreset: Bool) throws(CommandError) -> Bool {
        var function = scenario.functions[index]
        if let text = lookup.option("account-limit") {
            scenario.accountLimit = try Arguments.integer(text, "--account-limit", in: 1...10_000_000)
        }
        if let text = lookup.option("scaling") {
            switch text.lowercased() {
            case "current", "2023", "per-function": scenario.scaling = .perFunction
            case "legacy", "pre-2023", "burst": scenario.scaling = .legacy(region: lookup.option("region") ?? "us-east-1")
            default: throw CommandError("--scaling must be current or legacy, got '\(text)'")
            }
        } else if let region = lookup.option("region") {
            guard case .accountBurst = scenario.scaling else {
                throw CommandError("--region only matters with --scaling legacy (today's scaling is the same in every Region)")
            }
            scenario.scaling = .legacy(region: region)
        }
        function.traffic = try traffic(lookup, current: function.traffic, readFile: readFile, isPreset: isPreset)
        if let text = lookup.option("duration") {
            let seconds = try positiveSeconds(text, "--duration")
            if let p99 = lookup.option("p99") {
                function.duration = .lognormal(p50: seconds, p99: try positiveSeconds(p99, "--p99"))
            } else {
                function.duration = .fixed(seconds: seconds)
            }
        } else if let p99 = lookup.option("p99") {
            function.duration = .lognormal(p50: function.duration.median, p99: try positiveSeconds(p99, "--p99"))
        }
        if let text = lookup.option("memory") { function.memoryMB = try Quantity.megabytes(text, "--memory") }
        if let text = lookup.option("arch") {
            switch text.lowercased() {
            case "arm64", "arm", "graviton": function.architecture = .arm64
            case "x86_64", "x86", "amd64": function.architecture = .x86_64
            default: throw CommandError("--arch must be x86_64 or arm64, got '\(text)'")
            }
        }
        if let text = lookup.option("init") { function.initSeconds = try Quantity.seconds(text, "--init") }
        if let text = lookup.option("idle") { function.idleLifetimeSeconds = max(1, Int(try positiveSpan(text, "--idle").rounded())) }
        if let text = lookup.option("caller") {
            switch text.lowercased() {
            case "sync", "synchronous", "requestresponse": function.caller = .sync
            case "async", "asynchronous", "event": function.caller = .asyncDefault
            case "sqs", "queue", "poller": function.caller = .queueDefault
            default: throw CommandError("--caller must be sync, async or sqs, got '\(text)'")
            }
        }
        if let text = lookup.option("max-event-age") {
            guard case .async = function.caller else { throw CommandError("--max-event-age is for --caller async") }
            function.caller = .async(maxEventAgeSeconds: Int(try positiveSpan(text, "--max-event-age").rounded()))
        }
        if lookup.option("batch") != nil || lookup.option("max-concurrency") != nil {
            guard case .queue(let batch, let maximum) = function.caller else { throw CommandError("--batch and --max-concurrency are for --caller sqs") }
            let newBatch = try lookup.option("batch").map { (text: String) throws(CommandError) -> Int in try Arguments.integer(text, "--batch") } ?? batch
            let newMaximum = try lookup.option("max-concurrency").map { (text: String) throws(CommandError) -> Int in try Arguments.integer(text, "--max-concurrency") } ?? maximum
            function.caller = .queue(batchSize: newBatch, maxConcurrency: newMaximum)
        }
        if let text = lookup.option("reserved") {
            function.reserved = ["none", "off", "unreserved"].contains(text.lowercased()) ? nil : try Arguments.integer(text, "--reserved", in: 0...10_000_000)
        }
        if let text = lookup.option("provisioned") { function.provisioned = try Arguments.integer(text, "--provisioned", in: 0...10_000_000) }
        if let text = lookup.option("target") { function.target = try Arguments.integer(text, "--target", in: 1...10_000_000) }
        scenario.functions[index] = function
        if let text = lookup.option("for") {
            let seconds = try positiveSpan(text, "--for")
            guard seconds <= Double(Scenario.maxLengthSeconds) else { throw CommandError("--for can be at most 31d, got '\(text)'") }
            scenario.lengthSeconds = max(1, Int(seconds.rounded()))
            return true
        }
        return false
    }

    /// The traffic profile from --rps and its shape options, or --traffic FILE.
    static func traffic(_ lookup: OptionLookup, current: TrafficProfile, readFile: (String) throws(CommandError) -> String,
                        isPreset: Bool) throws(CommandError) -> TrafficProfile {
        let shapes = ["ramp", "spike", "sine"].filter { lookup.option($0) != nil }
        if shapes.count > 1 { throw CommandError("choose one of --ramp, --spike and --sine") }
        if let path = lookup.option("traffic") {
            if lookup.option("rps") != nil || !shapes.isEmpty { throw CommandError("--traffic gives the whole profile; leave out --rps and the shape options") }
            let text = try readFile(path)
            do {
                return try TrafficCSV.parse(text)
            } catch {
                throw CommandError("\(path):\(error.line ?? 1):\(error.column ?? 1): error: \(error.message)")
            }
        }
        guard let rpsText = lookup.option("rps") else {
            if !shapes.isEmpty || lookup.option("at") != nil {
                if !isPreset { throw CommandError("--\(shapes.first ?? "at") needs --rps A-B") }
                throw CommandError("--\(shapes.first ?? "at") needs --rps A-B to reshape the preset's traffic")
            }
            return current
        }
        let (from, to, isRange) = try rates(rpsText)
        let at = try lookup.option("at").map { (text: String) throws(CommandError) -> Int in Int(try span(text, "--at").rounded()) }
        if let text = lookup.option("ramp") {
            return .ramp(from: from, to: to, start: at ?? 0, length: Int(try positiveSpan(text, "--ramp").rounded()))
        }
        if let text = lookup.option("spike") {
            return .spike(base: from, peak: to, start: at ?? 30, length: Int(try positiveSpan(text, "--spike").rounded()))
        }
        if let text = lookup.option("sine") {
            return .sine(low: from, high: to, period: Int(try positiveSpan(text, "--sine").rounded()))
        }
        if isRange { return .step(from: from, to: to, at: at ?? 30) }
        if let at { return .step(from: 0, to: to, at: at) }
        return .steady(rps: to)
    }

    /// `5000`, `5k`, `0-20000`, `500-20k` → (from, to, was a range).
    static func rates(_ text: String) throws(CommandError) -> (Double, Double, Bool) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, !parts[0].isEmpty {
            return (try Quantity.count(String(parts[0]), "--rps"), try Quantity.count(String(parts[1]), "--rps"), true)
        }
        guard parts.count == 1 else { throw CommandError("--rps must be N or A-B such as 0-20000, got '\(text)'") }
        return (0, try Quantity.count(text, "--rps"), false)
    }

    /// Seconds from `300ms`, `90s`, `5m`, `2h`, `1d`; a bare number is milliseconds (as in calc).
    static func nonNegativeSeconds(_ text: String, _ what: String) throws(CommandError) -> Double {
        let lower = text.lowercased()
        if lower.hasSuffix("d"), let days = Double(lower.dropLast()), days >= 0, days.isFinite { return days * 86_400 }
        return try Quantity.seconds(text, what)
    }

    /// A stretch of simulated time (--for, --ramp, --at …): like ``nonNegativeSeconds(_:_:)``,
    /// but a bare number is seconds — `--for 300` is five minutes, not 0.3 s.
    static func span(_ text: String, _ what: String) throws(CommandError) -> Double {
        if let seconds = Double(text.replacingOccurrences(of: ",", with: "")), seconds.isFinite {
            guard seconds >= 0 else { throw CommandError("\(what) cannot be negative, got '\(text)'") }
            return seconds
        }
        return try nonNegativeSeconds(text, what)
    }

    static func positiveSpan(_ text: String, _ what: String) throws(CommandError) -> Double {
        let seconds = try span(text, what)
        guard seconds > 0 else { throw CommandError("\(what) must be more than zero, got '\(text)'") }
        return seconds
    }

    static func positiveSeconds(_ text: String, _ what: String) throws(CommandError) -> Double {
        let seconds = try nonNegativeSeconds(text, what)
        guard seconds > 0 else { throw CommandError("\(what) must be more than zero, got '\(text)'") }
        return seconds
    }
}

/// Option values looked up in layers: a --compare side's changes first, then the command line.
struct OptionLookup {
    let layers: [Arguments]

    func option(_ name: String) -> String? {
        for layer in layers { if let value = layer.option(name) { return value } }
        return nil
    }
}
