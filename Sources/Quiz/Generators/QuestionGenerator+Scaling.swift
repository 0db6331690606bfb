import LambdaModel
import ScalingSimulation

extension QuestionGenerator {
    /// Questions about a function scaling up under a sudden load, answered by running the
    /// scaling simulator (the same one `simulate` uses): seconds until it serves a target
    /// concurrency, requests throttled on the way, cold starts, the peak it reaches.
    ///
    /// The traffic is a step from zero at t = 0 with synchronous callers. INIT is not counted
    /// unless `init_ms` is given, so the key matches the exam's reasoning ("1,000 at once, then
    /// 1,000 more every 10 s") rather than an assumed cold-start time.
    package static let scaling = QuestionGenerator(
        name: "scaling",
        summary: "A step from zero to a request rate, simulated second by second: time to reach a concurrency, throttles on the way, cold starts, peak.",
        parameters: [
            Parameter(name: "rps", required: true, summary: "requests per second from t = 0"),
            Parameter(name: "duration_ms", required: true, summary: "duration of one request in milliseconds"),
            Parameter(name: "target", required: false, summary: "concurrency asked about (default: what the rate needs, within the limits)"),
            Parameter(name: "account_limit", required: false, summary: "account concurrency quota (default: the facts table)"),
            Parameter(name: "reserved", required: false, summary: "reserved concurrency of the function"),
            Parameter(name: "provisioned", required: false, summary: "provisioned concurrency, ready at t = 0"),
            Parameter(name: "seconds", required: false, summary: "seconds simulated (default 3,600; throttles and cold starts count over this)"),
            Parameter(name: "model", required: false, summary: "current (default) or legacy: the account burst model before November 2023"),
            Parameter(name: "region", required: false, summary: "Region for the legacy burst (default us-east-1)"),
            Parameter(name: "init_ms", required: false, summary: "INIT time of a cold start (default 0: not counted)"),
        ],
        outputs: [
            Output(name: "seconds_to_target", unit: "s", summary: "first second at which concurrency reaches the target"),
            Output(name: "throttled", unit: "requests", summary: "requests throttled (429) during the simulated seconds"),
            Output(name: "cold_starts", unit: "cold starts", summary: "environments started during the simulated seconds"),
            Output(name: "peak_concurrency", unit: "concurrency", summary: "highest concurrency reached"),
        ],
        compute: { values throws(QuizError) in
            let rps = try values.positive("rps")
            let durationMs = try values.positive("duration_ms")
            guard durationMs <= Facts.timeoutMax.value * 1000 else {
                throw QuizError(.generatorParameter, "duration_ms \(Number.grouped(durationMs)) is longer than the maximum timeout")
            }
            let account = Int(try values.positive("account_limit", default: Facts.accountConcurrency.value))
            var reserved: Int?
            if values["reserved"] != nil { reserved = Int(try values.number("reserved")) }
            let provisioned = Int(try values.number("provisioned", default: 0))
            let seconds = Int(try values.positive("seconds", default: 3_600))
            let initMs = try values.number("init_ms", default: 0)
            var target: Int?
            if values["target"] != nil { target = Int(try values.positive("target")) }
            let region: String
            if case .word(let word)? = values["region"] { region = word } else { region = "us-east-1" }
            var legacy = false
            if case .word(let word)? = values["model"] {
                switch word {
                case "current": legacy = false
                case "legacy": legacy = true
                default: throw QuizError(.generatorParameter, "model must be current or legacy, not '\(word)'")
                }
            }

            func simulate(legacy: Bool, provisioned: Int) throws(QuizError) -> FunctionSummary {
                let function = FunctionSpec(name: "fn", traffic: .steady(rps: rps), duration: .fixed(seconds: durationMs / 1000),
                                            initSeconds: initMs / 1000, reserved: reserved, provisioned: provisioned, target: target)
                return try runScenario(Scenario(accountLimit: account, scaling: legacy ? .legacy(region: region) : .perFunction,
                                                lengthSeconds: seconds, functions: [function]))
            }
            let summary = try simulate(legacy: legacy, provisioned: provisioned)
            guard let reachedAt = summary.reachedTargetAt else {
                throw QuizError(.generatorParameter,
                                "the function never reaches \(Number.grouped(Double(summary.target))) concurrent within \(Number.grouped(Double(seconds))) s (limit \(Number.grouped(Double(summary.reachable))))")
            }
            let reached = Double(reachedAt)

            // Known wrong answers for the time to reach the target.
            var mistakes: [NumericMistake] = []
            func addMistake(_ value: Double, _ feedback: String) {
                guard abs(value - reached) >= 1, !mistakes.contains(where: { $0.value == value }) else { return }
                mistakes.append(NumericMistake(value: value, feedback: feedback))
            }
            let rate = Facts.scalingRate.value
            let interval = Facts.scalingInterval.value
            let beyondProvisioned = max(0, Double(summary.target - provisioned))
            addMistake((beyondProvisioned / rate).rounded(.up) * interval,
                       "That waits \(Facts.scalingInterval.int) s for the first \(Number.grouped(rate)) too; those environments can start at once.")
            if legacy {
                let today = try simulate(legacy: false, provisioned: provisioned)
                if let at = today.reachedTargetAt {
                    addMistake(Double(at), "That is today's per-function scaling; the question asks about the account-wide burst model used before \(Facts.perFunctionScalingSince.display).")
                }
            } else {
                let before = try simulate(legacy: true, provisioned: provisioned)
                if let at = before.reachedTargetAt {
                    addMistake(Double(at), "That is the pre-\(Facts.perFunctionScalingSince.display) model (an account burst, then \(Facts.legacyScalingPerMinute.int) per minute); today each function adds \(Facts.scalingRate.display).")
                }
            }
            if provisioned > 0 {
                let without = try simulate(legacy: legacy, provisioned: 0)
                if let at = without.reachedTargetAt {
                    addMistake(Double(at), "That ignores the \(Number.grouped(Double(provisioned))) provisioned environments, which are ready before the first request.")
                }
            }

            let immediate = min(Double(summary.reachable), Double(provisioned) + (legacy ? 0 : rate))
            var placeholders: [String: String] = [
                "rps": Number.grouped(rps),
                "duration_ms": Number.grouped(durationMs),
                "duration_s": Number.grouped(durationMs / 1000),
                "account_limit": Number.grouped(Double(account)),
                "target": Number.grouped(Double(summary.target)),
                "provisioned": Number.grouped(Double(provisioned)),
                "seconds": Number.grouped(Double(seconds)),
                "seconds_to_target": Number.grouped(reached),
                "throttled": Number.grouped(summary.throttles.rounded()),
                "cold_starts": Number.grouped(summary.coldStarts.rounded()),
                "peak_concurrency": Number.grouped(summary.peakConcurrency.rounded()),
                "immediate": Number.grouped(immediate),
                "per_second": Number.grouped(rate / interval),
                "scaling_rate": Facts.scalingRate.display,
                "limit": Number.grouped(Double(summary.reachable)),
            ]
            if let reserved { placeholders["reserved"] = Number.grouped(Double(reserved)) }
            return Result(values: [
                "seconds_to_target": reached,
                "throttled": summary.throttles.rounded(),
                "cold_starts": summary.coldStarts.rounded(),
                "peak_concurrency": summary.peakConcurrency.rounded(),
            ], placeholders: placeholders, mistakes: ["seconds_to_target": mistakes])
        })

    /// Runs a scenario for a question; settings Lambda would refuse become a parameter error.
    static func runScenario(_ scenario: Scenario) throws(QuizError) -> FunctionSummary {
        let simulator: Simulator
        do {
            simulator = try Simulator(scenario)
        } catch {
            throw QuizError(.generatorParameter, error.message)
        }
        var none = NoRecording()
        return simulator.run(observer: &none).main
    }
}
