// lambda-tutor-bench: the mini runtime's figures, side by side in one run (Benchmarks/invoke.sh).
//
//   lambda-tutor-bench [--invokes N] [--cold N] [--awslambdaric PYTHON] [--no-sandbox]
//
// --no-sandbox measures the fallback of systems that refuse namespaces (as
// LAMBDA_TUTOR_NAMESPACES=off), for a side-by-side with the sandbox in the same build.
//
// 1. warm synchronous invoke round trip of a no-op Python handler through our bootstrap
// 2. the same through awslambdaric (when --awslambdaric names a python that has it)
// 3. cold start (new environment to response) against `python3 -c "import json"`
// 4. the same for Node.js against `node -e 0`
// 5. resident memory of an idle environment against the bare interpreter (and of its pid 1)
import Foundation
import LambdaService
import MiniLambda

struct Options {
    var invokes = 2000
    var cold = 30
    var awslambdaric: String?
    var sandbox = true
    var spawnOnly = false

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--invokes": invokes = Int(iterator.next() ?? "") ?? invokes
            case "--cold": cold = Int(iterator.next() ?? "") ?? cold
            case "--awslambdaric": awslambdaric = iterator.next()
            case "--no-sandbox": sandbox = false
            case "--spawn-only": spawnOnly = true
            default:
                FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
                exit(2)
            }
        }
    }
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let rank = Int((p / 100 * Double(sorted.count - 1)).rounded())
    return sorted[rank]
}

func ms(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1000 + Double(attoseconds) / 1e15
}

func format(_ value: Double) -> String { String(format: "%.3f", value) }

/// The environment the interpreters get when measured alone: what our environments pass on
/// from the tutor (PATH, LANG), not the developer's shell (NODE_EXTRA_CA_CERTS alone adds
/// ~80 ms to every `node` start here).
let baselineEnvironment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8"]

/// Wall time of starting a command and waiting for it to exit, in ms (median of `runs`).
/// posix_spawn + waitpid: Foundation's Process adds tens of milliseconds of its own.
func processStart(_ executable: String, _ arguments: [String], runs: Int) -> Double {
    var samples: [Double] = []
    let envp: [UnsafeMutablePointer<CChar>?] = baselineEnvironment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { envp.forEach { free($0) } }
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for _ in 0..<runs {
        var pid: pid_t = 0
        let start = ContinuousClock.now
        guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else { return .nan }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        samples.append(ms(start.duration(to: .now)))
    }
    return percentile(samples, 50)
}

/// Resident set (VmRSS) in MB of an idle process running `arguments`, after it settled.
func idleRSS(_ executable: String, _ arguments: [String]) -> Double {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = baselineEnvironment
    let pipe = Pipe()
    process.standardOutput = pipe
    try! process.run()
    // The script prints a line once it is idle.
    _ = pipe.fileHandleForReading.availableData
    let rss = residentMB(process.processIdentifier)
    process.terminate()
    process.waitUntilExit()
    return rss
}

func residentMB(_ pid: Int32) -> Double {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kb = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return .nan }
    return kb / 1024
}

func parentPID(_ pid: Int32) -> Int32? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("PPid:") }) else { return nil }
    return Int32(line.split(separator: "\t").last.map(String.init) ?? "")
}

func write(_ path: URL, _ text: String) {
    try! FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
    try! text.write(to: path, atomically: true, encoding: .utf8)
}

let options = Options(CommandLine.arguments)
// A folder of the bench's own, not under /tmp (so the environments measured get a private
// /tmp as a learner's do), created private (the tutor refuses a folder others can write).
let scratch = URL(fileURLWithPath: access("/var/tmp", W_OK) == 0 ? "/var/tmp" : NSTemporaryDirectory())
    .appendingPathComponent("lambda-tutor-bench-\(getpid())")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
defer { try? FileManager.default.removeItem(at: scratch) }

/// The service over a fresh functions folder, and its invoker: invokes go through LambdaService
/// (qualifier routing and concurrency counting) as the REPL's do.
func makeInvoker(override: BootstrapCommand? = nil) -> (LambdaService, Invoker, FunctionRegistry) {
    let registry = FunctionRegistry(root: scratch.appendingPathComponent("functions-\(UUID().uuidString)"))
    var settings = RuntimeSettings(scratchRoot: scratch.appendingPathComponent("envs"))
    if !options.sandbox { settings.isolation = .refuseNamespaces }
    if let override { settings.bootstrapOverrides[.python] = override }
    let invoker = Invoker(settings: settings, privatePaths: registry.privatePaths)
    return (LambdaService(functions: registry, invoker: invoker), invoker, registry)
}

func create(_ registry: FunctionRegistry, _ name: String, _ runtime: FunctionRuntime, file: String, code: String, handler: String) throws {
    try registry.create(name: name, runtime: runtime, handler: handler)
    try registry.writeCode(name, file: file, contents: code)
}

let payload = Data("{}".utf8)

func warm(_ invoker: LambdaService, _ name: String, count: Int) async throws -> [Double] {
    for _ in 0..<50 { _ = try await invoker.invoke(name, payload: payload) } // warm-up
    var samples: [Double] = []
    samples.reserveCapacity(count)
    for _ in 0..<count {
        let start = ContinuousClock.now
        let result = try await invoker.invoke(name, payload: payload)
        samples.append(ms(start.duration(to: .now)))
        precondition(result.status == .success, "invoke failed: \(result.payloadText)")
    }
    return samples
}

/// Cold starts of `name`, each right after one start of the bare interpreter (`bare`), so both
/// series see the same machine load (this shared 2-core machine drifts by tens of ms).
func cold(_ invoker: LambdaService, _ name: String, count: Int, bare: () -> Double) async throws -> (wall: [Double], initMs: [Double], bare: [Double]) {
    var wall: [Double] = []
    var inits: [Double] = []
    var bares: [Double] = []
    for _ in 0..<count {
        bares.append(bare())
        await invoker.invoker.retireEnvironments(functionName: name)
        let start = ContinuousClock.now
        let result = try await invoker.invoke(name, payload: payload)
        wall.append(ms(start.duration(to: .now)))
        precondition(result.coldStart && result.status == .success, "cold invoke failed: \(result.payloadText)")
        inits.append(result.initDurationMs ?? .nan)
    }
    return (wall, inits, bares)
}

func report(_ line: String) {
    print(line)
}

let python = LocalInterpreter.executable(for: .python) ?? "/usr/bin/python3"
let node = LocalInterpreter.executable(for: .node) ?? "/usr/bin/node"
report("mode: \(options.sandbox ? "sandbox (namespaces)" : "no sandbox (namespaces refused)")")
report("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; \(LocalInterpreter.version(of: .python) ?? "?") at \(python); node \(LocalInterpreter.version(of: .node) ?? "?") at \(node)")

/// What the sandbox costs at the start of an environment, apart from any interpreter: from the
/// request to the execve of /bin/true, the three ways interleaved.
func spawnTable(rounds: Int) throws {
    let spawnFolder = scratch.appendingPathComponent("spawn")
    try FileManager.default.createDirectory(at: spawnFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    var samples: [SpawnCost.Way: [Double]] = [:]
    for _ in 0..<rounds {
        for way in SpawnCost.Way.allCases {
            if let ms = SpawnCost.measure(way, in: spawnFolder) { samples[way, default: []].append(ms) }
        }
    }
    report("")
    report("| starting the process (to the execve of /bin/true) | p50 ms | p90 ms | samples |")
    report("|---|---|---|---|")
    for way in SpawnCost.Way.allCases {
        let values = samples[way] ?? []
        report("| \(way.rawValue) | \(format(percentile(values, 50))) | \(format(percentile(values, 90))) | \(values.count) |")
    }
}

if options.spawnOnly {
    try spawnTable(rounds: max(options.cold, 1))
    try? FileManager.default.removeItem(at: scratch)
    exit(0)
}

let (service, invoker, registry) = makeInvoker()
try create(registry, "noop", .python, file: "app.py", code: "def handler(event, context):\n    return {}\n", handler: "app.handler")
try create(registry, "noopnode", .node, file: "index.js", code: "exports.handler = async () => ({});\n", handler: "index.handler")

let ours = try await warm(service, "noop", count: options.invokes)
report("")
report("| measurement | p50 ms | p99 ms | samples |")
report("|---|---|---|---|")
report("| warm invoke, our Python bootstrap | \(format(percentile(ours, 50))) | \(format(percentile(ours, 99))) | \(ours.count) |")

if let ric = options.awslambdaric {
    let (ricService, ricInvoker, ricRegistry) = makeInvoker(override: .awslambdaric(python: ric))
    try create(ricRegistry, "noop", .python, file: "app.py", code: "def handler(event, context):\n    return {}\n", handler: "app.handler")
    let theirs = try await warm(ricService, "noop", count: options.invokes)
    report("| warm invoke, awslambdaric 4.2.2 on our server | \(format(percentile(theirs, 50))) | \(format(percentile(theirs, 99))) | \(theirs.count) |")
    await ricInvoker.shutdownAll()
}
let nodeWarm = try await warm(service, "noopnode", count: options.invokes / 2)
report("| warm invoke, our Node bootstrap | \(format(percentile(nodeWarm, 50))) | \(format(percentile(nodeWarm, 99))) | \(nodeWarm.count) |")

let pythonCold = try await cold(service, "noop", count: options.cold) { processStart(python, ["-c", "import json"], runs: 1) }
let pythonBare = percentile(pythonCold.bare, 50)
let nodeCold = try await cold(service, "noopnode", count: options.cold) { processStart(node, ["-e", "0"], runs: 1) }
let nodeBare = percentile(nodeCold.bare, 50)
report("")
report("| cold start (median of \(options.cold), interleaved) | ours ms | Init Duration ms | interpreter alone ms | ratio |")
report("|---|---|---|---|---|")
let pyRatio = percentile(pythonCold.wall, 50) / pythonBare
let nodeRatio = percentile(nodeCold.wall, 50) / nodeBare
report("| Python: new environment to response vs `python3 -c \"import json\"` | \(format(percentile(pythonCold.wall, 50))) | \(format(percentile(pythonCold.initMs, 50))) | \(format(pythonBare)) | \(String(format: "%.2f", pyRatio))× |")
report("| Node: new environment to response vs `node -e 0` | \(format(percentile(nodeCold.wall, 50))) | \(format(percentile(nodeCold.initMs, 50))) | \(format(nodeBare)) | \(String(format: "%.2f", nodeRatio))× |")

// Idle memory: one warm environment each, measured after an invocation.
_ = try await service.invoke("noop", payload: payload)
_ = try await service.invoke("noopnode", payload: payload)
let environments = await invoker.environments()
let pyEnv = environments.first { $0.functionName == "noop" }.map { residentMB($0.processID) } ?? .nan
let nodeEnv = environments.first { $0.functionName == "noopnode" }.map { residentMB($0.processID) } ?? .nan
let pyIdle = idleRSS(python, ["-c", "import sys; print('idle', flush=True); sys.stdin.read()"])
let nodeIdle = idleRSS(node, ["-e", "console.log('idle'); setInterval(() => {}, 1 << 30)"])
report("")
report("| idle resident memory | environment MB | interpreter alone MB | difference MB |")
report("|---|---|---|---|")
report("| Python | \(String(format: "%.1f", pyEnv)) | \(String(format: "%.1f", pyIdle)) | \(String(format: "%+.1f", pyEnv - pyIdle)) |")
report("| Node | \(String(format: "%.1f", nodeEnv)) | \(String(format: "%.1f", nodeIdle)) | \(String(format: "%+.1f", nodeEnv - nodeIdle)) |")
// A sandbox's pid 1 (lambda-tutor-init) is the runtime's parent.
if let runtime = environments.first?.processID, let parent = parentPID(runtime), parent != getpid() {
    report("")
    report("| pid 1 of a sandbox (lambda-tutor-init) | \(String(format: "%.1f", residentMB(parent))) MB resident |")
}

await invoker.shutdownAll()

if options.sandbox { try spawnTable(rounds: max(options.cold * 5, 20)) }
