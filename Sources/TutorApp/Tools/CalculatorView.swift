import LambdaModel
import TerminalUI
import Foundation

/// The calculators' output: the working shown line by line, then the result and warnings.
enum CalculatorView {
    static func concurrency(_ context: CommandContext) throws(CommandError) {
        let args = context.arguments
        guard let rpsText = args.option("rps"), let durationText = args.option("duration") else {
            throw CommandError("calc concurrency needs --rps and --duration", hint: "e.g. calc concurrency --rps 200 --duration 300ms")
        }
        let rps = try Quantity.count(rpsText, "--rps")
        let seconds = try Quantity.seconds(durationText, "--duration")
        let reserved = try args.option("reserved").map { (text: String) throws(CommandError) -> Int in
            try Arguments.integer(text, "--reserved", in: 0...1_000_000)
        }
        let account = try args.option("account-limit").map { (text: String) throws(CommandError) -> Int in
            try Arguments.integer(text, "--account-limit", in: 1...10_000_000)
        } ?? Limits.accountConcurrency
        if let reserved, reserved > account - Limits.unreservedMinimum {
            throw CommandError("--reserved \(Number.grouped(Double(reserved))) is more than can be reserved: with an account limit of \(Number.grouped(Double(account))), at most \(Number.grouped(Double(account - Limits.unreservedMinimum))) (Lambda always keeps \(Limits.unreservedMinimum) unreserved)",
                               hint: "lower --reserved, or raise --account-limit")
        }
        let estimate = ConcurrencyEstimate(requestsPerSecond: rps, durationSeconds: seconds, reservedConcurrency: reserved, accountLimit: account)
        let style = context.console.style
        let console = context.console
        let limitName = estimate.limitKind == .reserved ? "reserved concurrency" : "account limit"
        console.say("  concurrency = \(Number.grouped(rps)) req/s × \(Number.fixed(seconds, 3)) s = "
                     + style.bold("\(Number.grouped(estimate.concurrency))") + (estimate.concurrency != Double(estimate.environments) ? " → \(estimate.environments) environments" : " environments")
                     + style.muted("   (\(limitName): \(Number.grouped(Double(estimate.limit))))"))
        console.say("  request-rate limit = \(Facts.rpsPerConcurrency.int) × \(Number.grouped(Double(estimate.limit))) = \(Number.grouped(Double(estimate.requestRateLimit))) req/s")
        if estimate.limitKind == .reserved, estimate.limit == 0 {
            // Reserved concurrency 0 is the off switch, not a capacity problem: say so and stop.
            console.say("  " + style.failure("✗ throttled:") + " reserved concurrency 0 throttles every invocation (429 TooManyRequestsException) — the function's off switch; raise or remove it to turn the function back on.")
            return
        }
        if estimate.exceedsConcurrencyLimit {
            console.say("  " + style.failure("✗ throttled:") + " \(Number.grouped(Double(estimate.environments))) environments are needed but the \(limitName) is \(Number.grouped(Double(estimate.limit))); the excess gets 429 TooManyRequestsException.")
        }
        if estimate.exceedsRequestRateLimit {
            let fits = estimate.exceedsConcurrencyLimit ? "" : ", even though concurrency fits"
            console.say("  " + style.failure("✗ throttled:") + " \(Number.grouped(rps)) req/s is above the request-rate limit of \(Number.grouped(Double(estimate.requestRateLimit))) req/s\(fits).")
        }
        if estimate.throttles {
            let needed = Number.grouped(Double(estimate.limitNeeded))
            if estimate.requestRateSetsLimit {
                console.say("  " + style.bold("needed:") + " a limit of at least \(needed): the request rate sets it (\(Number.grouped(rps)) req/s ÷ \(Facts.rpsPerConcurrency.int)), so shorter durations would not lower it; only a higher limit or fewer requests would.")
            } else {
                console.say("  " + style.bold("needed:") + " a limit of at least \(needed) (or shorter durations).")
            }
        } else {
            console.say("  " + style.success("✓ fits:") + " no throttling at this steady rate.")
        }
        let target = min(estimate.environments, estimate.limit)
        if target > Int(Facts.scalingRate.value) {
            let capped = target < estimate.environments ? " (the \(limitName))" : ""
            console.say(style.muted("  scaling: from zero, the first \(Number.grouped(Facts.scalingRate.value)) environments start at once and \(Number.grouped(Facts.scalingRate.value)) more every \(Facts.scalingInterval.int) s, so reaching \(Number.grouped(Double(target)))\(capped) takes about \(estimate.secondsToScale) s."))
        }
    }

    static func cost(_ context: CommandContext) throws(CommandError) {
        let args = context.arguments
        guard let requestsText = args.option("requests"), let durationText = args.option("duration"), let memoryText = args.option("memory") else {
            throw CommandError("calc cost needs --requests, --duration and --memory", hint: "e.g. calc cost --requests 5M --duration 200ms --memory 1024")
        }
        let memory = try Quantity.megabytes(memoryText, "--memory")
        guard Limits.memoryMB.contains(memory) else {
            throw CommandError("--memory must be from \(Limits.memoryMB.lowerBound) to \(Number.grouped(Double(Limits.memoryMB.upperBound))) MB, got \(memory)")
        }
        var input = CostEstimate.Input(requests: try Quantity.count(requestsText, "--requests"),
                                       durationMs: try Quantity.seconds(durationText, "--duration") * 1000,
                                       memoryMB: memory)
        if let arch = args.option("arch") {
            switch arch.lowercased() {
            case "arm64", "arm", "graviton": input.architecture = .arm64
            case "x86_64", "x86", "amd64": input.architecture = .x86_64
            default: throw CommandError("--arch must be x86_64 or arm64, got '\(arch)'")
            }
        }
        input.freeTier = args.flag("free-tier")
        if let provisioned = args.option("provisioned") {
            input.provisioned = try Arguments.integer(provisioned, "--provisioned", in: 1...100_000)
            guard let hours = args.option("hours") else {
                throw CommandError("--provisioned needs --hours (how long it is enabled; 720 is 30 days)")
            }
            guard let value = Double(hours), value > 0 else { throw CommandError("--hours must be a positive number, got '\(hours)'") }
            input.provisionedHours = value
        }
        if let ephemeral = args.option("ephemeral") {
            let mb = try Quantity.megabytes(ephemeral, "--ephemeral")
            guard Limits.ephemeralMB.contains(mb) else {
                throw CommandError("--ephemeral must be from \(Limits.ephemeralMB.lowerBound) to \(Number.grouped(Double(Limits.ephemeralMB.upperBound))) MB, got \(mb)")
            }
            input.ephemeralMB = mb
        }
        if let initText = args.option("init") {
            input.initMs = try Quantity.seconds(initText, "--init") * 1000
            let rateText = args.option("cold-rate") ?? "1"
            guard let rate = Double(rateText.replacingOccurrences(of: "%", with: "")), (0...100).contains(rate) else {
                throw CommandError("--cold-rate must be a percentage from 0 to 100, got '\(rateText)'")
            }
            input.coldStartRate = rate / 100
        }
        let estimate = CostEstimate(input)
        let style = context.console.style
        let console = context.console
        for line in estimate.lines {
            console.say("  " + style.bold(line.label) + style.muted("  $\(Number.money(line.amount))"))
            for step in line.working { console.say("    " + step) }
        }
        console.say("  " + style.bold("Total: $\(Number.money(estimate.total)) per month"))
        var notes = estimate.notes
        if input.initMs > 0 {
            notes.append("INIT time is billed on cold starts since \(Facts.initBilledSince.display).")
        }
        if input.provisioned > 0, input.architecture == .arm64 {
            notes.append("Provisioned concurrency on Arm: the facts table has checked prices for x86 only, so the provisioned lines use the x86 rates (Arm's are reported to be about 20% lower).")
        }
        notes.append("us-east-1 prices checked \(estimate.pricesAsOf); durations billed rounded up to 1 ms.")
        for note in notes { console.wrapped(style.muted(note), indent: 2) }
    }

    static func memory(_ context: CommandContext) throws(CommandError) {
        guard let text = context.arguments.option("memory") else {
            throw CommandError("calc memory needs --memory", hint: "e.g. calc memory --memory 1769")
        }
        let memory = try Quantity.megabytes(text, "--memory")
        guard Limits.memoryMB.contains(memory) else {
            throw CommandError("--memory must be from \(Limits.memoryMB.lowerBound) to \(Number.grouped(Double(Limits.memoryMB.upperBound))) MB, got \(memory)")
        }
        let share = Limits.vCPUs(forMemoryMB: memory)
        let console = context.console
        let style = context.console.style
        console.say("  CPU share = \(Number.grouped(Double(memory))) MB ÷ \(Number.grouped(Facts.memoryPerVCPU.value)) MB per vCPU = " + style.bold("\(Number.fixed(share, 2)) vCPU"))
        if memory == Limits.memoryMB.upperBound {
            console.say("  At the maximum of \(Facts.memoryMax.display) AWS documents up to \(Facts.maxVCPUs.display).")
        }
        console.wrapped(style.muted("CPU is allocated in proportion to memory, so more memory can make CPU-bound code finish sooner — sometimes for the same or a lower bill."), indent: 2)
    }
}
