import CProcessSpawn
import Foundation
import LambdaModel
import NIOCore
import Synchronization

/// What `envs NAME` shows about one environment.
public struct EnvironmentInfo: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        case initializing, idle, busy, stopped
    }

    public var id: String
    public var functionName: String
    public var state: State
    public var createdAt: Date
    public var lastUsedAt: Date
    public var invocations: Int
    public var peakMemoryMB: Int
    public var memorySizeMB: Int
    public var logStreamName: String
    public var processID: Int32
    /// True when the function sees a /tmp of its own (a tmpfs in its mount namespace) and a
    /// read-only code folder, as on AWS.
    public var privateTmp: Bool
    /// How the environment differs from Lambda's layout (its own root with the code at
    /// /var/task, a private /tmp) and why; nil when it does not.
    public var isolationNote: String?
}

/// One execution environment: a child process (in its own process group) running a bootstrap
/// that talks to this environment's own Runtime API endpoint, with private task and temp
/// folders. It lives through INIT, any number of INVOKEs one at a time, and SHUTDOWN.
final class ExecutionEnvironment: Sendable {
    let id: String
    let configuration: FunctionConfiguration
    /// Identifies the code and settings it was started with; a change retires it.
    let fingerprint: String
    let logStreamName: String
    let createdAt: Date
    let directory: URL
    let process: ChildProcess
    let server: RuntimeAPIServer
    let output: OutputCapture
    /// When the process was started: INIT is measured from here to the first `/next`.
    let spawnedAt: ContinuousClock.Instant
    private let eventLoop: any EventLoop
    private let settings: RuntimeSettings
    private let mutable: Mutex<Mutable>
    private let watchdog = Mutex<RepeatedTask?>(nil)

    private struct Mutable {
        var state: EnvironmentInfo.State = .initializing
        var invocations = 0
        var lastUsedAt = Date()
        var peakKilobytes = 0
        var killedForMemory = false
        /// The running invocation and its deadline; nil while idle.
        var running: (requestID: String, deadline: ContinuousClock.Instant)?
    }

    private init(id: String, configuration: FunctionConfiguration, fingerprint: String, logStreamName: String, createdAt: Date,
                 directory: URL, process: ChildProcess, server: RuntimeAPIServer, spawnedAt: ContinuousClock.Instant,
                 eventLoop: any EventLoop, settings: RuntimeSettings) {
        self.id = id
        self.configuration = configuration
        self.fingerprint = fingerprint
        self.logStreamName = logStreamName
        self.createdAt = createdAt
        self.directory = directory
        self.process = process
        self.server = server
        self.output = OutputCapture(fd: process.outputFD)
        self.spawnedAt = spawnedAt
        self.eventLoop = eventLoop
        self.settings = settings
        self.mutable = Mutex(Mutable())
    }

    // MARK: - INIT

    /// Creates the folders, starts the endpoint and spawns the runtime. INIT then runs in the
    /// child; ``awaitInit(limit:)`` waits for it.
    static func start(function: FunctionPackage, fingerprint: String, settings: RuntimeSettings, group: any EventLoopGroup,
                      reusing identity: (id: String, logStreamName: String, createdAt: Date)? = nil) async throws(MiniLambdaError) -> ExecutionEnvironment {
        let configuration = function.configuration
        let id = identity?.id ?? Self.newID()
        let createdAt = identity?.createdAt ?? Date()
        let logStreamName = identity?.logStreamName ?? LogFormatter.logStreamName(environmentID: id, created: createdAt)
        let directory = settings.scratchRoot.appendingPathComponent("\(getpid())-\(id)-\(UInt32.random(in: 0...UInt32.max))", isDirectory: true)
        let taskRoot = directory.appendingPathComponent("task", isDirectory: true)
        let tmp = directory.appendingPathComponent("tmp", isDirectory: true)
        let runtimeDirectory = directory.appendingPathComponent("runtime", isDirectory: true)
        let rootDirectory = directory.appendingPathComponent("root", isDirectory: true)
        do {
            let manager = FileManager.default
            try manager.createDirectory(at: settings.scratchRoot, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try manager.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            try manager.copyItem(at: function.codeDirectory, to: taskRoot)
            try manager.createDirectory(at: tmp, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            try manager.createDirectory(at: rootDirectory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
            // The bootstrap beside the environment, as /var/runtime is on AWS: the package's
            // copy may sit under /tmp (a checkout there), which a private /tmp would hide.
            if settings.bootstrapOverrides[configuration.runtime.family] == nil {
                let bootstrap = try bootstrapPath(configuration.runtime.family)
                try manager.createDirectory(at: runtimeDirectory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
                try manager.copyItem(at: URL(fileURLWithPath: bootstrap),
                                     to: runtimeDirectory.appendingPathComponent((bootstrap as NSString).lastPathComponent))
            }
        } catch let error as MiniLambdaError {
            try? FileManager.default.removeItem(at: directory)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw MiniLambdaError(.system, "cannot prepare the environment's folders under \(settings.scratchRoot.path): \(error.localizedDescription)")
        }

        let broker = InvocationBroker()
        let server: RuntimeAPIServer
        do {
            server = try await RuntimeAPIServer.start(group: group, broker: broker)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }

        let launch: LaunchSpec
        do {
            launch = try Self.launchSpec(configuration: configuration, runtimeAPI: server.address, taskRoot: taskRoot.path, tmp: tmp.path,
                                         runtimeDirectory: runtimeDirectory.path, rootDirectory: rootDirectory.path,
                                         logStreamName: logStreamName, settings: settings)
        } catch {
            await server.close()
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        let spawnedAt = ContinuousClock.now
        let process: ChildProcess
        do {
            process = try ChildProcess.launch(launch)
        } catch {
            await server.close()
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        process.onExit { status in broker.close(.exited(status)) }
        return ExecutionEnvironment(id: id, configuration: configuration, fingerprint: fingerprint, logStreamName: logStreamName,
                                    createdAt: createdAt, directory: directory, process: process, server: server, spawnedAt: spawnedAt,
                                    eventLoop: group.next(), settings: settings)
    }

    /// Waits for INIT to end, stopping it after `limit` (10 s on the first try; the function
    /// timeout when Lambda retries INIT inside an invocation).
    func awaitInit(limit: Duration) async -> InitSignal {
        let broker = server.broker
        let timer = eventLoop.scheduleTask(in: .nanoseconds(Int64(limit.nanoseconds))) { [self] in
            initLimitReached()
        }
        let signal = await withTaskCancellationHandler {
            await broker.awaitInit()
        } onCancel: {
            broker.close(.cancelled)
        }
        timer.cancel()
        if case .ready = signal {
            mutable.withLock { $0.state = .idle }
            startWatchdog()
        }
        return signal
    }

    /// What the INIT limit timer does when it fires: stop INIT if it is still under way. The
    /// timer is cancelled only once the task waiting in ``awaitInit(limit:)`` runs again, which
    /// on a busy machine can be well after the runtime became ready; then this does nothing.
    func initLimitReached() {
        server.broker.abortInit(.timedOut)
    }

    // MARK: - INVOKE

    /// Runs one invocation, enforcing the function timeout and memory size (see ``watchdogTick()``).
    /// On a timeout or a memory kill the whole process group is killed and the environment must
    /// be discarded.
    func invoke(_ invocation: Invocation) async -> InvocationCompletion {
        let deadline = ContinuousClock.now.advanced(by: .seconds(configuration.timeout))
        mutable.withLock {
            $0.state = .busy
            $0.invocations += 1
            $0.lastUsedAt = Date()
            $0.running = (invocation.requestID, deadline)
        }
        let broker = server.broker
        var completion = await withTaskCancellationHandler {
            await broker.invoke(invocation)
        } onCancel: {
            broker.close(.cancelled)
        }
        mutable.withLock { $0.running = nil }
        recordPeakMemory()
        switch completion.outcome {
        case .aborted(let abort):
            process.signalGroup(SIGKILL)
            let status = await process.waitForExit()
            // The status as reaped, which may say more than the exit seen first (or a kill).
            if case .exited = abort { completion.outcome = .aborted(.exited(status)) }
        case .undelivered, .response, .functionError, .responseTooLarge:
            // Undelivered: the environment was closed before; the pool retires it on checkin.
            break
        }
        mutable.withLock {
            $0.lastUsedAt = Date()
            if $0.state == .busy { $0.state = broker.phase == .closed ? .stopped : .idle }
        }
        return completion
    }

    /// Starts the environment's watchdog: one repeating timer on the event loop for the
    /// environment's whole life, instead of two timers set and cancelled per invocation (which
    /// cost two thread hand-offs on the warm path). While an invocation runs it enforces the
    /// deadline (so a timeout fires up to one tick late, as AWS's `Task timed out after 3.04
    /// seconds` shows it can) and the memory size, as Lambda does (`Runtime.ExitError`,
    /// `signal: killed`).
    private func startWatchdog() {
        let interval = TimeAmount.nanoseconds(Int64(settings.memoryCheckInterval.nanoseconds))
        let task = eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { [weak self] task in
            guard let self else {
                task.cancel()
                return
            }
            self.watchdogTick()
        }
        watchdog.withLock { $0 = task }
    }

    private func watchdogTick() {
        guard let running = mutable.withLock({ $0.running }) else { return }
        if ContinuousClock.now >= running.deadline {
            deadlinePassed(requestID: running.requestID)
            return
        }
        let pid = process.pid
        guard let resident = MemoryProbe.residentKilobytes(ofTree: pid) else { return }
        let peak = max(resident, MemoryProbe.peakKilobytes(ofTree: pid) ?? 0)
        let limitKB = configuration.memorySize * 1024
        let kill = mutable.withLock { state -> Bool in
            state.peakKilobytes = max(state.peakKilobytes, peak)
            if resident > limitKB { state.killedForMemory = true }
            return state.killedForMemory
        }
        if kill { process.signalGroup(SIGKILL) }
    }

    /// What the watchdog does when an invocation's deadline has passed: time it out if it is
    /// still pending. The watchdog reads the deadline outside the broker's lock, so the
    /// invocation may have finished meanwhile (or a later one may be running); then this does
    /// nothing.
    func deadlinePassed(requestID: String) {
        server.broker.abortInvocation(requestID, .timedOut)
    }

    @discardableResult
    func recordPeakMemory() -> Int {
        let measured = MemoryProbe.peakKilobytes(ofTree: process.pid) ?? 0
        return mutable.withLock { state in
            state.peakKilobytes = max(state.peakKilobytes, measured)
            return state.peakKilobytes
        }
    }

    /// Max Memory Used in MB (never more than the memory size, as AWS reports it).
    var maxMemoryUsedMB: Int {
        let kilobytes = mutable.withLock { $0.killedForMemory ? configuration.memorySize * 1024 : $0.peakKilobytes }
        return min(MemoryProbe.megabytes(kilobytes: kilobytes), configuration.memorySize)
    }

    var killedForMemory: Bool { mutable.withLock { $0.killedForMemory } }

    var isUsable: Bool {
        server.broker.phase == .ready && process.exitStatus == nil && mutable.withLock { $0.state == .idle }
    }

    var lastUsedAt: Date { mutable.withLock { $0.lastUsedAt } }

    func markBusy() { mutable.withLock { $0.state = .busy } }

    var info: EnvironmentInfo {
        mutable.withLock { state in
            EnvironmentInfo(id: id, functionName: configuration.functionName, state: state.state, createdAt: createdAt,
                            lastUsedAt: state.lastUsedAt, invocations: state.invocations,
                            peakMemoryMB: MemoryProbe.megabytes(kilobytes: state.peakKilobytes),
                            memorySizeMB: configuration.memorySize, logStreamName: logStreamName, processID: process.pid,
                            privateTmp: process.hasPrivateTmp, isolationNote: isolationNote)
        }
    }

    /// How this environment differs from Lambda's layout (own root, /var/task, private /tmp),
    /// in words for `envs`; nil when it does not.
    var isolationNote: String? {
        if process.hasOwnRoot { return nil }
        if process.hasPrivateTmp {
            return "an environment's own root could not be built (\(process.ownRootFailure ?? "unknown")): /tmp is private and the code read-only, but the code is not at /var/task"
        }
        if let failure = process.isolationFailure {
            return "this system refused the private mount namespace each environment needs (\(failure)), so each has a folder of its own that TMPDIR points to instead of a private /tmp, and its code folder may be writable"
        }
        return "the interpreter or its bootstrap is under the machine's /tmp, which a private /tmp would hide, so each environment has a folder of its own that TMPDIR points to instead"
    }

    // MARK: - SHUTDOWN

    /// SIGTERM to the process group, SIGKILL if it is still there after `grace`, then the
    /// endpoint and the folders go. Leaves no process behind. Returns the output the process
    /// wrote since it was last collected (its last words, for the log).
    @discardableResult
    func shutdown(grace: Duration = .milliseconds(200)) async -> String {
        mutable.withLock { $0.state = .stopped }
        watchdog.withLock { $0?.cancel(); $0 = nil }
        server.broker.close(.shutDown)
        if process.exitStatus == nil {
            process.signalGroup(grace == .zero ? SIGKILL : SIGTERM)
            let pid = process.pid
            let killer = eventLoop.scheduleTask(in: .nanoseconds(Int64(grace.nanoseconds))) {
                _ = kill(-pid, SIGKILL)
            }
            _ = await process.waitForExit()
            killer.cancel()
        }
        process.signalGroup(SIGKILL) // anything the handler forked
        let remaining = output.take().text
        output.stop()
        await server.close()
        try? FileManager.default.removeItem(at: directory)
        return remaining
    }

    // MARK: - Launch details

    static func newID() -> String {
        (0..<2).map { _ in String(format: "%016llx", UInt64.random(in: 0...UInt64.max)) }.joined()
    }

    /// The bootstraps shipped with the package (`Bootstraps/python/bootstrap.py`, `Bootstraps/node/bootstrap.js`).
    static func bootstrapPath(_ family: FunctionRuntime.Family) throws(MiniLambdaError) -> String {
        let relative = family == .python ? "python/bootstrap.py" : "node/bootstrap.js"
        guard let root = Bundle.module.resourceURL?.appendingPathComponent("Bootstraps", isDirectory: true) else {
            throw MiniLambdaError(.system, "the bootstraps are missing from the MiniLambda resources")
        }
        let path = root.appendingPathComponent(relative).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw MiniLambdaError(.system, "the bootstrap \(path) is missing")
        }
        return path
    }

    static func launchSpec(configuration: FunctionConfiguration, runtimeAPI: String, taskRoot: String, tmp: String,
                           runtimeDirectory: String, rootDirectory: String, logStreamName: String,
                           settings: RuntimeSettings) throws(MiniLambdaError) -> LaunchSpec {
        let family = configuration.runtime.family
        let parent = ProcessInfo.processInfo.environment
        var environment = configuration.environment
        // Not reserved, so the function may set them; otherwise they come from the tutor's own.
        for key in ["PATH", "LANG", "LD_LIBRARY_PATH", "NODE_PATH", "PYTHONPATH"] where environment[key] == nil {
            if let value = parent[key] { environment[key] = value }
        }
        if environment["LANG"] == nil { environment["LANG"] = "C.UTF-8" }
        environment["TZ"] = ":UTC"
        environment["TMPDIR"] = tmp
        environment["HOME"] = tmp
        environment["AWS_REGION"] = LambdaIdentity.region
        environment["AWS_DEFAULT_REGION"] = LambdaIdentity.region
        environment["AWS_EXECUTION_ENV"] = configuration.runtime.executionEnvironment
        environment["AWS_LAMBDA_FUNCTION_NAME"] = configuration.functionName
        environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = String(configuration.memorySize)
        environment["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST"
        environment["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand"
        environment["AWS_LAMBDA_LOG_GROUP_NAME"] = configuration.logGroupName
        environment["AWS_LAMBDA_LOG_STREAM_NAME"] = logStreamName
        environment["AWS_LAMBDA_RUNTIME_API"] = runtimeAPI
        environment["_HANDLER"] = configuration.handler
        environment["LAMBDA_TASK_ROOT"] = taskRoot
        // Not Lambda's: where the tutor keeps this environment's folders (and how its
        // processes are told apart from others').
        environment["LAMBDA_TUTOR_ENVIRONMENT"] = (taskRoot as NSString).deletingLastPathComponent

        var executable: String
        var arguments: [String]
        if let override = settings.bootstrapOverrides[family] {
            executable = override.executable
            arguments = override.arguments + (override.passHandlerAsArgument ? [configuration.handler] : [])
            environment["LAMBDA_RUNTIME_DIR"] = taskRoot
        } else {
            let bootstrap = (runtimeDirectory as NSString).appendingPathComponent((try bootstrapPath(family) as NSString).lastPathComponent)
            environment["LAMBDA_RUNTIME_DIR"] = runtimeDirectory
            guard let interpreter = LocalInterpreter.executable(for: configuration.runtime) else {
                throw MiniLambdaError(.interpreterMissing, "'\(configuration.runtime.localInterpreter)' was not found on PATH; install it to run \(configuration.runtime) functions")
            }
            executable = interpreter
            switch family {
            case .python:
                environment["PYTHONDONTWRITEBYTECODE"] = "1"
                arguments = ["-u", bootstrap]
            case .node:
                arguments = [bootstrap]
            }
        }
        if family == .python { environment["PYTHONUNBUFFERED"] = "1" }
        let limit = family == .python ? UInt64(configuration.memorySize + settings.pythonAddressSpaceHeadroomMB) << 20 : 0
        // A private /tmp hides everything under the machine's /tmp from the function, so it
        // is only asked for when nothing the function needs lives there.
        var privateTmp: (options: String, environment: [String: String])?
        let resolvedExecutable = executable.hasPrefix("/") ? executable
            : ChildProcess.resolveExecutable(executable, path: environment["PATH"] ?? parent["PATH"]) ?? executable
        let needed = [taskRoot, resolvedExecutable] + arguments.filter { $0.hasPrefix("/") }
        if !needed.contains(where: { Self.isUnderTmp($0) }) {
            var isolated = environment
            isolated["TMPDIR"] = "/tmp"
            isolated["HOME"] = "/tmp"
            privateTmp = ("size=\(configuration.ephemeralStorageMB)m,mode=1777", isolated)
        }
        // A root of its own, as on AWS: the code at /var/task, the bootstrap at /var/runtime, a
        // tmpfs at /tmp. The machine's /tmp is not in it, so the interpreter must not be there.
        var ownRoot: OwnRoot?
        let hostArguments = arguments.filter { $0.hasPrefix("/") && $0 != bootstrapArgument(arguments, runtimeDirectory) }
        if !([resolvedExecutable] + hostArguments).contains(where: { Self.isUnderTmp($0) }) {
            let ownBootstrap = settings.bootstrapOverrides[family] == nil
            var inside = environment
            inside["TMPDIR"] = "/tmp"
            inside["HOME"] = "/tmp"
            inside["LAMBDA_TASK_ROOT"] = "/var/task"
            inside["LAMBDA_RUNTIME_DIR"] = ownBootstrap ? "/var/runtime" : "/var/task"
            var steps = OwnRoot.machine
            steps.append(OwnRoot.Step(kind: CPS_ROOT_BIND_READ_ONLY, source: taskRoot, path: "/var/task"))
            if ownBootstrap {
                steps.append(OwnRoot.Step(kind: CPS_ROOT_BIND_READ_ONLY, source: runtimeDirectory, path: "/var/runtime"))
            }
            steps.append(OwnRoot.Step(kind: CPS_ROOT_TMPFS, source: "size=\(configuration.ephemeralStorageMB)m,mode=1777", path: "/tmp"))
            let insideArguments = arguments.map { $0.hasPrefix(runtimeDirectory + "/") ? "/var/runtime" + $0.dropFirst(runtimeDirectory.count) : $0 }
            ownRoot = OwnRoot(directory: rootDirectory, steps: steps, arguments: insideArguments, environment: inside, workingDirectory: "/var/task")
        }
        return LaunchSpec(executable: executable, arguments: arguments, environment: environment, workingDirectory: taskRoot,
                          addressSpaceLimit: limit, readOnlyDirectory: taskRoot, privateTmp: privateTmp, ownRoot: ownRoot)
    }

    /// The argument that is our bootstrap's path (it is remapped into /var/runtime), if any.
    private static func bootstrapArgument(_ arguments: [String], _ runtimeDirectory: String) -> String? {
        arguments.first { $0.hasPrefix(runtimeDirectory + "/") }
    }

    /// True for /tmp and anything below it, symbolic links resolved.
    static func isUnderTmp(_ path: String) -> Bool {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return resolved == "/tmp" || resolved.hasPrefix("/tmp/")
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    var milliseconds: Double { Double(nanoseconds) / 1_000_000 }
}
