import LambdaModel

/// A generator turns drawn parameters into a key, computed by the same arithmetic the tutor's
/// calculators use (``ConcurrencyEstimate``, ``CostEstimate``). Questions never do their own
/// arithmetic, so a price change in `Facts` updates every generated question at once.
package struct QuestionGenerator: Sendable {
    package struct Parameter: Sendable {
        package let name: String
        package let required: Bool
        package let summary: String
    }

    package struct Output: Sendable {
        package let name: String
        package let unit: String
        package let summary: String
    }

    /// What one run of a generator produced.
    package struct Result: Sendable {
        package var values: [String: Double]
        /// Text for `{name}` placeholders: every parameter and result, formatted for reading.
        package var placeholders: [String: String]
        /// Known wrong answers per output, with feedback (forgot ms → s, forgot the free tier).
        package var mistakes: [String: [NumericMistake]]
    }

    package let name: String
    package let summary: String
    package let parameters: [Parameter]
    package let outputs: [Output]
    let compute: @Sendable ([String: ParameterValue]) throws(QuizError) -> Result

    package static let all: [QuestionGenerator] = [concurrency, cost, scaling]

    package static func named(_ name: String) -> QuestionGenerator? {
        all.first { $0.name == name }
    }

    package func output(_ name: String) -> Output? {
        outputs.first { $0.name == name }
    }

    /// Draws every parameter from `seed` (in name order, so adding a parameter to a spec never
    /// changes how earlier ones are drawn … as long as names sort after them) and runs the
    /// generator.
    package func run(_ spec: GeneratorSpec, seed: UInt64) throws(QuizError) -> Result {
        var random = SeededRandom(seed: seed)
        var values: [String: ParameterValue] = [:]
        for name in spec.parameters.keys.sorted() {
            values[name] = spec.parameters[name]!.draw(&random)
        }
        for parameter in parameters where parameter.required && values[parameter.name] == nil {
            throw QuizError(.generatorParameter, "generator '\(self.name)' needs the parameter '\(parameter.name)'")
        }
        return try compute(values)
    }
}

// MARK: - Parameter reading

extension [String: ParameterValue] {
    func number(_ name: String, default fallback: Double? = nil) throws(QuizError) -> Double {
        switch self[name] {
        case .number(let n)?: return n
        case .word(let w)?: throw QuizError(.generatorParameter, "parameter '\(name)' must be a number, not '\(w)'")
        case nil:
            if let fallback { return fallback }
            throw QuizError(.generatorParameter, "missing parameter '\(name)'")
        }
    }

    func flag(_ name: String, default fallback: Bool) throws(QuizError) -> Bool {
        switch self[name] {
        case nil: return fallback
        case .word(let w)?:
            switch w.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        case .number(let n)?: return n != 0
        }
        throw QuizError(.generatorParameter, "parameter '\(name)' must be true or false")
    }

    func positive(_ name: String, default fallback: Double? = nil) throws(QuizError) -> Double {
        let value = try number(name, default: fallback)
        guard value > 0 else { throw QuizError(.generatorParameter, "parameter '\(name)' must be above zero, got \(Number.grouped(value))") }
        return value
    }
}

// MARK: - The generators

extension QuestionGenerator {
    /// Concurrency = requests per second × average duration in seconds.
    package static let concurrency = QuestionGenerator(
        name: "concurrency",
        summary: "Concurrency needed for a steady request rate (requests/s × duration), and the limits that throttle it.",
        parameters: [
            Parameter(name: "rps", required: true, summary: "requests per second"),
            Parameter(name: "duration_ms", required: true, summary: "average duration in milliseconds"),
            Parameter(name: "reserved", required: false, summary: "reserved concurrency of the function (optional)"),
            Parameter(name: "account_limit", required: false, summary: "account concurrency quota (default: the facts table)"),
        ],
        outputs: [
            Output(name: "environments", unit: "environments", summary: "execution environments needed at once (rounded up)"),
            Output(name: "limit_needed", unit: "concurrency", summary: "smallest limit that avoids throttling (concurrency and 10 × rate rule)"),
            Output(name: "request_rate_limit", unit: "requests/s", summary: "requests per second allowed at the limit"),
            Output(name: "seconds_to_scale", unit: "s", summary: "seconds to scale from zero at \(Facts.scalingRate.display)"),
        ],
        compute: { values throws(QuizError) in
            let rps = try values.positive("rps")
            let durationMs = try values.positive("duration_ms")
            guard durationMs <= Facts.timeoutMax.value * 1000 else {
                throw QuizError(.generatorParameter, "duration_ms \(Number.grouped(durationMs)) is longer than the maximum timeout")
            }
            var reserved: Int?
            if values["reserved"] != nil { reserved = Int(try values.number("reserved")) }
            let account = Int(try values.positive("account_limit", default: Facts.accountConcurrency.value))
            let estimate = ConcurrencyEstimate(requestsPerSecond: rps, durationSeconds: durationMs / 1000,
                                               reservedConcurrency: reserved, accountLimit: account)
            var placeholders: [String: String] = [
                "rps": Number.grouped(rps),
                "duration_ms": Number.grouped(durationMs),
                "duration_s": Number.grouped(durationMs / 1000),
                "account_limit": Number.grouped(Double(account)),
                "concurrency": Number.grouped(estimate.concurrency),
                "environments": Number.grouped(Double(estimate.environments)),
                "limit_needed": Number.grouped(Double(estimate.limitNeeded)),
                "request_rate_limit": Number.grouped(Double(estimate.requestRateLimit)),
                "seconds_to_scale": Number.grouped(Double(estimate.secondsToScale)),
                "limit": Number.grouped(Double(estimate.limit)),
            ]
            if let reserved { placeholders["reserved"] = Number.grouped(Double(reserved)) }
            let forgotSeconds = ConcurrencyEstimate(requestsPerSecond: rps, durationSeconds: durationMs, accountLimit: account)
            var mistakes: [String: [NumericMistake]] = [
                "environments": [NumericMistake(
                    value: Double(forgotSeconds.environments),
                    feedback: "That is requests per second × milliseconds. Convert the duration to seconds first: \(Number.grouped(durationMs)) ms = \(Number.grouped(durationMs / 1000)) s.")],
            ]
            if estimate.limitNeeded > estimate.environments {
                mistakes["limit_needed"] = [NumericMistake(
                    value: Double(estimate.environments),
                    feedback: "That covers the concurrency, but requests per second may not exceed \(Facts.rpsPerConcurrency.int) × the limit, so the rate needs more.")]
            }
            return Result(values: [
                "environments": Double(estimate.environments),
                "limit_needed": Double(estimate.limitNeeded),
                "request_rate_limit": Double(estimate.requestRateLimit),
                "seconds_to_scale": Double(estimate.secondsToScale),
            ], placeholders: placeholders, mistakes: mistakes)
        })

    /// A monthly bill: requests plus GB-seconds, with the free tier if asked.
    package static let cost = QuestionGenerator(
        name: "cost",
        summary: "A monthly bill in USD from requests, duration and memory (prices and free tier from the facts table).",
        parameters: [
            Parameter(name: "requests", required: true, summary: "invocations per month"),
            Parameter(name: "duration_ms", required: true, summary: "average duration in milliseconds"),
            Parameter(name: "memory_mb", required: true, summary: "configured memory in MB"),
            Parameter(name: "architecture", required: false, summary: "x86_64 (default) or arm64"),
            Parameter(name: "free_tier", required: false, summary: "true to subtract the monthly free tier (default false)"),
            Parameter(name: "provisioned", required: false, summary: "provisioned concurrency (environments)"),
            Parameter(name: "provisioned_hours", required: false, summary: "hours provisioned concurrency is enabled"),
            Parameter(name: "ephemeral_mb", required: false, summary: "configured /tmp in MB (default \(Facts.ephemeralDefault.int))"),
        ],
        outputs: [
            Output(name: "total", unit: "USD", summary: "the monthly total"),
            Output(name: "requests_cost", unit: "USD", summary: "the request charge alone"),
            Output(name: "duration_cost", unit: "USD", summary: "the duration (compute) charge alone"),
            Output(name: "gb_seconds", unit: "GB-s", summary: "compute in GB-seconds before the free tier"),
        ],
        compute: { values throws(QuizError) in
            let requests = try values.positive("requests")
            let durationMs = try values.positive("duration_ms")
            let memory = Int(try values.positive("memory_mb"))
            guard Limits.memoryMB.contains(memory) else {
                throw QuizError(.generatorParameter, "memory_mb \(memory) is outside \(Facts.memoryMin.display)–\(Facts.memoryMax.display)")
            }
            var architecture = CostEstimate.Architecture.x86_64
            if case .word(let word)? = values["architecture"] {
                guard let parsed = CostEstimate.Architecture(rawValue: word) else {
                    throw QuizError(.generatorParameter, "architecture must be x86_64 or arm64, not '\(word)'")
                }
                architecture = parsed
            }
            let freeTier = try values.flag("free_tier", default: false)
            let ephemeral = Int(try values.number("ephemeral_mb", default: Facts.ephemeralDefault.value))
            guard Limits.ephemeralMB.contains(ephemeral) else {
                throw QuizError(.generatorParameter, "ephemeral_mb \(ephemeral) is outside \(Facts.ephemeralDefault.display)–\(Facts.ephemeralMax.display)")
            }
            let input = CostEstimate.Input(requests: requests, durationMs: durationMs, memoryMB: memory, architecture: architecture,
                                           freeTier: freeTier, provisioned: Int(try values.number("provisioned", default: 0)),
                                           provisionedHours: try values.number("provisioned_hours", default: 0), ephemeralMB: ephemeral)
            let estimate = CostEstimate(input)
            let total = Self.cents(estimate.total)
            let requestsCost = estimate.lines.filter { $0.label == "Requests" }.reduce(0) { $0 + $1.amount }
            let durationCost = estimate.lines.filter { $0.label.hasPrefix("Duration") }.reduce(0) { $0 + $1.amount }
            let gbSeconds = requests * Billing.billedRunMilliseconds(durationMs) / 1000 * Double(memory) / 1024
            var toggled = input
            toggled.freeTier.toggle()
            let otherTotal = Self.cents(CostEstimate(toggled).total)
            var mistakes: [NumericMistake] = []
            if abs(otherTotal - total) >= 0.01 {
                mistakes.append(NumericMistake(value: otherTotal, feedback: freeTier
                    ? "That is the bill without the free tier. Subtract \(Facts.freeRequests.display) and \(Facts.freeGBSeconds.display) first."
                    : "That subtracts a free tier, but this account has none left this month."))
            }
            if Self.cents(requestsCost) >= 0.01 {
                mistakes.append(NumericMistake(value: Self.cents(total - requestsCost),
                                               feedback: "That leaves out the request charge (\(Facts.priceRequests.display))."))
            }
            // A Markdown list, one line of the bill per item.
            let working = estimate.lines.map { line in "- \(line.label): \(line.working.joined(separator: "; "))" }
            return Result(values: [
                "total": total,
                "requests_cost": Self.cents(requestsCost),
                "duration_cost": Self.cents(durationCost),
                "gb_seconds": gbSeconds,
            ], placeholders: [
                "requests": Number.grouped(requests),
                "duration_ms": Number.grouped(durationMs),
                "duration_s": Number.grouped(durationMs.rounded(.up) / 1000),
                "memory_mb": Number.grouped(Double(memory)),
                "memory_gb": Number.grouped(Double(memory) / 1024),
                "architecture": architecture.rawValue,
                "free_tier": freeTier ? "with the free tier" : "without the free tier",
                "ephemeral_mb": Number.grouped(Double(ephemeral)),
                "provisioned": Number.grouped(Double(input.provisioned)),
                "provisioned_hours": Number.grouped(input.provisionedHours),
                // USD results read as amounts, as `{answer}` and the key do.
                "total": NumericKey.display(total, unit: "USD"),
                "requests_cost": NumericKey.display(requestsCost, unit: "USD"),
                "duration_cost": NumericKey.display(durationCost, unit: "USD"),
                "gb_seconds": Number.grouped(gbSeconds),
                "working": working.joined(separator: "\n"),
            ], mistakes: ["total": mistakes])
        })

    static func cents(_ amount: Double) -> Double {
        (amount * 100).rounded() / 100
    }
}
