// lambda-tutor-simbench: the scaling simulator's speed, side by side with two references in one
// run (Benchmarks/simulate.sh builds it in release mode and records the results in
// BENCHMARKS.md).
//
//   lambda-tutor-simbench [--repeat N] [--tutor PATH]
//
// 1. Simulated invocations per second, one function on one core: the engine (a day and a 30-day
//    month at 1,000 requests/s × 200 ms, and other shapes), against
//    a. a plain loop doing the same per-second arithmetic for this one case, with nothing
//       general about it (the floor for this model: what the engine's generality costs), and
//    b. a per-invocation simulation (every request finds a free environment in a min-heap of
//       busy-until times, or starts one): what simulating each request would cost instead.
// 2. `simulate` in the REPL with the default view (charts, table, bill), timed in-process over a
//    real Session, against `calc concurrency` in the same session; and, with --tutor, the whole
//    `lambda-tutor simulate …` process against `lambda-tutor facts timeout.max`.
import Foundation
import LambdaModel
import ScalingSimulation
import TutorApp
import TutorSupport

enum Options {
    static let parsed: (repeats: Int, tutor: String?) = {
        var repeats = 5
        var tutor: String?
        var iterator = CommandLine.arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--repeat": repeats = Int(iterator.next() ?? "") ?? repeats
            case "--tutor": tutor = iterator.next()
            default:
                FileHandle.standardError.write(Data("usage: lambda-tutor-simbench [--repeat N] [--tutor PATH]\n".utf8))
                exit(2)
            }
        }
        return (repeats, tutor)
    }()
}
let repeats = Options.parsed.repeats
let tutorPath = Options.parsed.tutor

func seconds(_ duration: Duration) -> Double {
    let (s, atto) = duration.components
    return Double(s) + Double(atto) / 1e18
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((p / 100 * Double(sorted.count - 1)).rounded()))]
}

/// Writes a line at once (print is block-buffered into a file, and this run is long).
func emit(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

func grouped(_ value: Double) -> String { Number.grouped(value.rounded()) }

/// Keeps results alive so the optimiser cannot drop the work.
nonisolated(unsafe) var checksum = 0.0

/// Best and median wall time of `repeats` runs of `work`.
func measure(_ work: () -> Double) -> (best: Double, median: Double) {
    var times: [Double] = []
    for _ in 0..<Options.parsed.repeats {
        let clock = ContinuousClock()
        let start = clock.now
        checksum += work()
        times.append(seconds(clock.now - start))
    }
    return (times.min()!, percentile(times, 50))
}

// MARK: - 1. Simulated invocations per second

/// The plain loop: 1 function, fixed duration under 1 s, sync, no reserved or provisioned —
/// the same arithmetic the engine does for this case, written out by hand.
func plainLoop(rps: Double, duration: Double, initSeconds: Double, seconds length: Int, accountLimit: Double, idle: Int) -> Double {
    let w0 = duration, v0 = min(1, duration + initSeconds) - duration
    var accumulator = 0.0, tokens = 1_000.0
    var invocations = 0.0, cold = 0.0, throttled = 0.0
    // Sliding maximum of environments and units over the idle lifetime (monotonic queues).
    var envTimes = [Int](repeating: 0, count: idle + 2), envValues = [Double](repeating: 0, count: idle + 2)
    var unitTimes = envTimes, unitValues = envValues
    var envHead = 0, envCount = 0, unitHead = 0, unitCount = 0
    let capacity = idle + 2
    for t in 0..<length {
        let before = accumulator.rounded(.down)
        accumulator += rps
        let arrivals = accumulator.rounded(.down) - before
        if t > 0 { tokens = min(1_000, tokens + 100) }
        while envCount > 0, envTimes[envHead] < t - idle { envHead = (envHead + 1) % capacity; envCount -= 1 }
        while unitCount > 0, unitTimes[unitHead] < t - idle { unitHead = (unitHead + 1) % capacity; unitCount -= 1 }
        let envs = envCount > 0 ? envValues[envHead] : 0
        let units = unitCount > 0 ? unitValues[unitHead] : 0
        let ceiling = min(accountLimit, units + tokens)
        let x = ceiling <= envs ? ceiling : ceiling * (1 - v0) + v0 * envs
        let room = (x / w0 + 1e-9).rounded(.down)
        let admitted = min(arrivals, room, (10 * ceiling + 1e-9).rounded(.down))
        let warm = admitted * w0
        let c = (min(admitted, max(0, (warm - envs) / (1 - v0))) - 1e-9).rounded(.up)
        let concurrency = warm + v0 * max(0, c)
        let u = max(concurrency, admitted / 10)
        tokens = max(0, tokens - max(0, u - units))
        while unitCount > 0, unitValues[(unitHead + unitCount - 1) % capacity] <= u { unitCount -= 1 }
        unitTimes[(unitHead + unitCount) % capacity] = t; unitValues[(unitHead + unitCount) % capacity] = u; unitCount += 1
        let e = (concurrency - 1e-9).rounded(.up)
        while envCount > 0, envValues[(envHead + envCount - 1) % capacity] <= e { envCount -= 1 }
        envTimes[(envHead + envCount) % capacity] = t; envValues[(envHead + envCount) % capacity] = e; envCount += 1
        invocations += admitted
        cold += max(0, c)
        throttled += arrivals - admitted
    }
    return invocations + cold + throttled
}

/// The per-invocation reference: each request, at its own arrival time, takes a free
/// environment or starts a new one (if the scaling allowance has one), else is throttled.
func perInvocation(rps: Int, duration: Double, initSeconds: Double, seconds length: Int, accountLimit: Int) -> Double {
    var busy = BusyHeap()          // busy-until times of environments in use
    var free = 0                   // warm idle environments
    var environments = 0
    var tokens = 1_000.0
    var invocations = 0.0, cold = 0.0, throttled = 0.0
    let gap = 1.0 / Double(rps)
    for t in 0..<length {
        if t > 0 { tokens = min(1_000, tokens + 100) }
        for i in 0..<rps {
            let now = Double(t) + Double(i) * gap
            while let first = busy.minimum, first <= now { _ = busy.pop(); free += 1 }
            if free > 0 {
                free -= 1
                busy.push(now + duration)
                invocations += 1
            } else if environments < accountLimit, tokens >= 1 {
                tokens -= 1
                environments += 1
                busy.push(now + initSeconds + duration)
                invocations += 1
                cold += 1
            } else {
                throttled += 1
            }
        }
    }
    return invocations + cold + throttled
}

struct BusyHeap {
    private var items: [Double] = []
    var minimum: Double? { items.first }
    mutating func push(_ value: Double) {
        items.append(value)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child] < items[parent] else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }
    mutating func pop() -> Double {
        let top = items[0]
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < items.count, items[left] < items[smallest] { smallest = left }
                if right < items.count, items[right] < items[smallest] { smallest = right }
                if smallest == parent { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return top
    }
}

func engine(_ function: FunctionSpec, seconds length: Int, accountLimit: Int = Facts.accountConcurrency.int) -> (Double, Double) {
    let simulator = try! Simulator(Scenario(accountLimit: accountLimit, lengthSeconds: length, functions: [function]))
    var none = NoRecording()
    var invocations = 0.0
    let time = measure {
        let result = simulator.run(observer: &none)
        invocations = result.main.invocations
        return result.main.invocations + result.main.coldStarts
    }
    return (time.best, invocations)
}

let day = 86_400, month = 30 * 86_400
let initSeconds = Assumptions.initSeconds
emit("Simulated invocations per second (one function, one core; best of \(repeats) runs)")
emit("")
emit("| case | simulated | invocations | wall time s | simulated s per wall s | invocations per wall s |")
emit("|---|---|---|---|---|---|")
func row(_ name: String, _ length: Int, _ wall: Double, _ invocations: Double) {
    emit("| \(name) | \(Clock.label(length)) | \(grouped(invocations)) | \(String(format: "%.4f", wall)) | \(grouped(Double(length) / wall)) | \(grouped(invocations / wall)) |")
}
let steady = FunctionSpec(traffic: .steady(rps: 1_000), duration: .fixed(seconds: 0.2))
let (dayWall, dayInvocations) = engine(steady, seconds: day)
row("engine: 1,000 req/s × 200 ms", day, dayWall, dayInvocations)
let (monthWall, monthInvocations) = engine(steady, seconds: month)
row("engine: 1,000 req/s × 200 ms", month, monthWall, monthInvocations)
let plainTime = measure { plainLoop(rps: 1_000, duration: 0.2, initSeconds: initSeconds, seconds: month, accountLimit: 1_000, idle: Assumptions.idleLifetimeSeconds) }
row("reference a: plain loop, same arithmetic", month, plainTime.best, monthInvocations)
let hour = 3_600
let perInvocationTime = measure { perInvocation(rps: 1_000, duration: 0.2, initSeconds: initSeconds, seconds: hour, accountLimit: 1_000) }
row("reference b: per-invocation simulation", hour, perInvocationTime.best, 1_000 * Double(hour))
let (fastWall, fastInvocations) = engine(FunctionSpec(traffic: .steady(rps: 20_000), duration: .fixed(seconds: 0.05)), seconds: day, accountLimit: 2_000)
row("engine: 20,000 req/s × 50 ms", day, fastWall, fastInvocations)
let (logWall, logInvocations) = engine(FunctionSpec(traffic: .sine(low: 20, high: 600, period: day), duration: .lognormal(p50: 0.12, p99: 0.6)), seconds: day)
row("engine: diurnal 20–600 req/s, log-normal 120/600 ms", day, logWall, logInvocations)
let (longWall, longInvocations) = engine(FunctionSpec(traffic: .steady(rps: 20), duration: .fixed(seconds: 30)), seconds: day)
row("engine: 20 req/s × 30 s (requests span 31 s)", day, longWall, longInvocations)
let (asyncWall, asyncInvocations) = engine(FunctionSpec(traffic: .steady(rps: 3_000), duration: .fixed(seconds: 0.5), caller: .asyncDefault, reserved: 500),
                                           seconds: day)
row("engine: async 3,000 events/s into reserved 500 (retry queue busy)", day, asyncWall, asyncInvocations)
emit("")
emit("Month at 1,000 req/s: engine \(String(format: "%.3f", monthWall)) s, plain loop \(String(format: "%.3f", plainTime.best)) s "
      + "(engine / plain = \(String(format: "%.2f", monthWall / plainTime.best))×); per-invocation would take about "
      + "\(String(format: "%.0f", perInvocationTime.best * Double(month / hour))) s.")

// MARK: - 2. The REPL command

func session() -> (Session, OutputCapture) {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("simbench-\(ProcessInfo.processInfo.processIdentifier)")
    let (console, capture) = Console.capturing(columns: 80)
    let configuration = Session.Configuration(dataHome: DataHome(root: home), environment: ["LANG": "C.UTF-8"], interactive: false)
    return (Session(configuration: configuration, console: console), capture)
}

func replLatency(_ line: String, runs: Int) async -> (p50: Double, p99: Double, ok: Bool) {
    let (session, _) = session()
    var times: [Double] = []
    var ok = true
    for _ in 0..<runs {
        let clock = ContinuousClock()
        let start = clock.now
        ok = await session.execute(line) && ok
        times.append(seconds(clock.now - start) * 1000)
    }
    return (percentile(times, 50), percentile(times, 99), ok)
}

func processLatency(_ arguments: [String], runs: Int) -> (p50: Double, p99: Double) {
    var times: [Double] = []
    for _ in 0..<runs {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Options.parsed.tutor!)
        process.arguments = arguments
        var environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
                           "LAMBDA_TUTOR_HOME": FileManager.default.temporaryDirectory.appendingPathComponent("simbench-home").path]
        environment["HOME"] = FileManager.default.temporaryDirectory.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let clock = ContinuousClock()
        let start = clock.now
        try! process.run()
        process.waitUntilExit()
        times.append(seconds(clock.now - start) * 1000)
    }
    return (percentile(times, 50), percentile(times, 99))
}

let issueExample = "simulate --rps 0-20000 --ramp 60s --duration 200ms --for 5m --reserved 800 --provisioned 500"
let runs = 40
emit("")
emit("`simulate` in the REPL, default view (charts, table, bill; \(runs) runs each, in-process, 80 columns)")
emit("")
emit("| command | p50 ms | p99 ms | goal |")
emit("|---|---|---|---|")
// Top-level await: the work runs here, not in a Task that would wait for the blocked main actor.
do {
    for (line, goal) in [(issueExample, "< 100 ms"), ("simulate --preset black-friday --compare account-limit=1000 account-limit=5000", "< 100 ms"),
                         ("simulate --preset noisy-neighbour", "< 100 ms"), ("simulate --preset diurnal-api", "(a day of seconds)"),
                         ("calc concurrency --rps 200 --duration 300ms", "(reference)")] {
        let result = await replLatency(line, runs: runs)
        emit("| `\(line)` | \(String(format: "%.2f", result.p50)) | \(String(format: "%.2f", result.p99)) | \(goal)\(result.ok ? "" : " FAILED") |")
    }
}

if tutorPath != nil {
    emit("")
    emit("Whole process, `lambda-tutor …` (\(runs) runs each, interleaved)")
    emit("")
    emit("| command | p50 ms | p99 ms |")
    emit("|---|---|---|")
    var simulate: [Double] = [], facts: [Double] = []
    for _ in 0..<runs {
        simulate.append(processLatency(["simulate"] + issueExample.split(separator: " ").dropFirst().map(String.init), runs: 1).p50)
        facts.append(processLatency(["facts", "timeout.max"], runs: 1).p50)
    }
    emit("| `lambda-tutor \(issueExample)` | \(String(format: "%.1f", percentile(simulate, 50))) | \(String(format: "%.1f", percentile(simulate, 99))) |")
    emit("| `lambda-tutor facts timeout.max` (reference) | \(String(format: "%.1f", percentile(facts, 50))) | \(String(format: "%.1f", percentile(facts, 99))) |")
}
FileHandle.standardError.write(Data("checksum \(checksum)\n".utf8))
