import Foundation
import LambdaModel
import NIOCore
import NIOPosix
import Synchronization

/// The synchronous Invoke API of the mini Lambda: picks or starts an execution environment,
/// hands it the event through the Runtime API, enforces the limits, and returns what AWS would
/// (payload, function error, logs) with the REPORT figures and the cost.
///
/// One per app session. Call ``shutdownAll()`` before the process exits; it leaves no child
/// process behind.
public final class Invoker: Sendable {
    public let registry: FunctionRegistry?
    public let logs: LogStore
    private let pool: EnvironmentPool
    private let group: MultiThreadedEventLoopGroup
    private let settings: Mutex<RuntimeSettings>
    private let isShutDown = Mutex(false)
    /// Decoded settings per function, keyed by the settings file's stamp: reading and decoding
    /// `function.json` on every warm invoke cost more than the invoke itself.
    private let packages = Mutex<[String: (stamp: [Int], package: FunctionPackage)]>([:])
    /// Whether the learner was told, at an invoke, that environments run without a sandbox here.
    private let warnedUnsandboxed = Mutex(false)

    public init(registry: FunctionRegistry?, settings: RuntimeSettings = RuntimeSettings(), logs: LogStore = LogStore()) {
        var settings = settings
        // The learner's data folder (functions, progress, answers) is nothing a function may see.
        if let registry { settings.privatePaths += [registry.root.deletingLastPathComponent(), registry.root] }
        self.registry = registry
        self.logs = logs
        self.settings = Mutex(settings)
        self.pool = EnvironmentPool(keepWarm: settings.keepWarm, maxEnvironments: settings.maxEnvironments)
        // One event-loop thread is plenty for a handful of loopback connections, and keeps the
        // 2-core machine's other core for the runtimes.
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        ScratchFolders.removeLeftovers(in: settings.scratchRoot)
        FreezerCgroup.removeStale()
    }

    // MARK: - Invoke

    /// Invokes the registered function `name` with `payload` (JSON bytes).
    public func invoke(_ name: String, payload: Data, options: InvokeOptions = InvokeOptions()) async throws(MiniLambdaError) -> InvocationResult {
        guard let registry else { throw MiniLambdaError(.functionNotFound, "no function registry is configured") }
        let stamp = registry.configurationStamp(name)
        if let stamp, let cached = packages.withLock({ $0[name] }), cached.stamp == stamp {
            return try await invoke(package: cached.package, payload: payload, options: options)
        }
        let package = try registry.package(name)
        if let stamp { packages.withLock { $0[name] = (stamp, package) } }
        return try await invoke(package: package, payload: payload, options: options)
    }

    /// Invokes a function given by its settings and code folder (the one-shot CLI uses this).
    public func invoke(package: FunctionPackage, payload: Data, options: InvokeOptions = InvokeOptions()) async throws(MiniLambdaError) -> InvocationResult {
        guard !isShutDown.withLock({ $0 }) else { throw MiniLambdaError(.shutDown, "the runtime has been shut down") }
        try PayloadValidator.validate(payload)
        let configuration = package.configuration
        try configuration.validate()
        let settings = self.settings.withLock { $0 }
        let fingerprint = package.fingerprint()
        let requestID = UUID().uuidString.lowercased()

        var redeliveries = 0
        while true {
            var log = TimedLog()
            var initDurationMs: Double?
            let environment: ExecutionEnvironment
            switch try pool.checkout(functionName: configuration.functionName, fingerprint: fingerprint) {
            case .warm(let warm):
                environment = warm
            case .cold:
                let started: ColdStart
                do {
                    started = try await coldStart(package: package, fingerprint: fingerprint, settings: settings, requestID: requestID)
                } catch {
                    pool.adopt(nil)
                    throw error
                }
                switch started {
                case .ready(let ready, let initMs, let initLog):
                    guard pool.adopt(ready) else {
                        await ready.shutdown(grace: .zero)
                        throw MiniLambdaError(.shutDown, "the runtime was shut down while the function's environment was starting")
                    }
                    environment = ready
                    initDurationMs = initMs
                    log = initLog
                case .failed(let result, let failedLog):
                    pool.adopt(nil)
                    let finished = finish(result, log: failedLog, options: options)
                    if Task.isCancelled { throw MiniLambdaError(.cancelled, "the cold start was interrupted; its environment was stopped") }
                    return finished
                }
            }

            let invocation = Invocation(requestID: requestID, payload: payload,
                                        deadlineEpochMs: Int64((Date().timeIntervalSince1970 + Double(configuration.timeout)) * 1000),
                                        invokedFunctionArn: configuration.functionArn(), traceID: Self.traceID(),
                                        clientContext: options.clientContext, cognitoIdentity: options.cognitoIdentity)
            let invokeStart = ContinuousClock.now
            let startedAt = Date()
            var completion = await environment.invoke(invocation)
            // Collect the output before the pool may retire the environment (which closes the pipe).
            let output = environment.output.takeLines()
            pool.checkin(environment)

            if case .undelivered(let reason) = completion.outcome {
                // The environment was closed before the event reached its runtime: nothing of the
                // function ran for this invocation, so this is not its failure (and must never read
                // as a crash). Keep what the environment said, then try a fresh one.
                let note = "[lambda-tutor] environment \(environment.id) was stopped (\(Self.describe(reason))) before request \(requestID) reached it"
                log.append(output.lines)
                log.append(note)
                log.store(in: logs, group: configuration.logGroupName, stream: environment.logStreamName)
                switch reason {
                case .shutDown:
                    throw MiniLambdaError(.shutDown, "the runtime was shut down before the invocation could start")
                case .cancelled:
                    throw MiniLambdaError(.cancelled, "the invocation was interrupted before it started; its environment was stopped")
                case .exited, .timedOut:
                    if redeliveries < Self.maxRedeliveries, !Task.isCancelled {
                        redeliveries += 1
                        continue
                    }
                    guard case .exited(let status) = reason else {
                        throw MiniLambdaError(.system, "no environment could take the invocation: \(Self.describe(reason))")
                    }
                    // A fresh environment's runtime exited again before taking the event: that is
                    // the runtime's own failure, reported as AWS reports a runtime exit.
                    completion.outcome = .aborted(.exited(status))
                }
            }

            let durationMs = ((completion.dispatchedAt ?? invokeStart).duration(to: completion.completedAt)).milliseconds
            var result = InvocationResult(
                requestID: requestID, functionName: configuration.functionName, statusCode: 200, payload: Data(), functionError: nil,
                errorType: nil, status: .success, executedVersion: "$LATEST", logLines: [], logResult: nil,
                coldStart: initDurationMs != nil, initDurationMs: initDurationMs, durationMs: durationMs, billedDurationMs: 0,
                initIncludedInBilledDuration: false, memorySizeMB: configuration.memorySize, maxMemoryUsedMB: environment.maxMemoryUsedMB,
                costUSD: 0, logGroupName: configuration.logGroupName, logStreamName: environment.logStreamName,
                environmentID: environment.id, droppedOutputBytes: output.droppedBytes)
            result.isolationWarning = firstWarning(for: environment)

            log.append(LogFormatter.start(requestID: requestID), at: startedAt)
            log.append(output.lines)
            if output.droppedBytes > 0 {
                log.append("[lambda-tutor] \(output.droppedBytes) more bytes of output were dropped")
            }
            let refused = environment.takeRefusedConnections()
            if refused > 0 {
                log.append("[lambda-tutor] \(refused) connection(s) to this environment's Runtime API from processes outside it were refused")
            }
            switch completion.outcome {
            case .response(let body):
                result.payload = body
            case .functionError(let body, let header):
                result.payload = body
                result.status = .functionError
                result.errorType = Self.errorType(in: body) ?? header ?? "Unhandled"
            case .responseTooLarge:
                result.payload = PlatformError.responseTooLarge()
                result.status = .functionError
                result.errorType = "Function.ResponseSizeTooLarge"
            case .aborted(.timedOut):
                // The response, the log line and REPORT all say the configured timeout: the
                // tutor's own delay in stopping the runtime is not the function's run time.
                let seconds = Double(configuration.timeout)
                result.durationMs = seconds * 1000
                result.payload = PlatformError.timedOut(requestID: requestID, seconds: seconds)
                result.status = .timeout
                result.errorType = "Sandbox.Timedout"
                let at = Date()
                log.append(LogFormatter.timedOut(requestID: requestID, seconds: seconds, at: at), at: at)
            case .aborted(.exited(let status)):
                let reason = PlatformError.exitReason(status)
                result.payload = PlatformError.exited(requestID: requestID, reason: reason)
                result.status = .platformError
                result.errorType = "Runtime.ExitError"
                log.append(LogFormatter.exited(requestID: requestID, reason: reason))
                log.append("Runtime.ExitError")
            case .aborted(.shutDown), .aborted(.cancelled), .undelivered:
                // Stopped by the tutor (quit, Ctrl-C), not by the function: the caller gets an
                // error below, and the log says what happened instead of inventing a crash.
                result.status = .platformError
                log.append("[lambda-tutor] request \(requestID) was stopped: \(Self.describe(completion.outcome))")
            }
            if result.status != .success { result.functionError = "Unhandled" }
            if let hint = Self.networkHint(configuration: configuration, environment: environment, output: output.lines.map(\.text).joined(separator: "\n"), payload: result.payload) {
                log.append(hint)
            }
            applyBilling(&result, includeInit: settings.includeInitInBilledDuration, ephemeralMB: configuration.ephemeralStorageMB)
            let endedAt = Date()
            log.append(LogFormatter.end(requestID: requestID), at: endedAt)
            log.append(LogFormatter.report(requestID: requestID, durationMs: result.durationMs, billedMs: result.billedDurationMs,
                                           memorySizeMB: result.memorySizeMB, maxMemoryUsedMB: result.maxMemoryUsedMB,
                                           initDurationMs: initDurationMs, status: result.status, errorType: result.errorType), at: endedAt)
            result.logLines = log.lines
            let finished = finish(result, log: log, options: options)
            switch completion.outcome {
            case .aborted(.cancelled):
                throw MiniLambdaError(.cancelled, "the invocation was interrupted; its environment was stopped (the logs keep what it printed)")
            case .aborted(.shutDown):
                throw MiniLambdaError(.shutDown, "the runtime was shut down during the invocation; its environment was stopped (the logs keep what it printed)")
            case .undelivered(let reason):
                throw MiniLambdaError(.system, "the invocation could not be delivered: \(Self.describe(reason))")
            case .response, .functionError, .responseTooLarge, .aborted(.timedOut), .aborted(.exited):
                return finished
            }
        }
    }

    /// The plain warning for the first invocation of the session that ran without a sandbox
    /// (`envs` has the whole story).
    private func firstWarning(for environment: ExecutionEnvironment) -> String? {
        guard let reason = environment.unsandboxedReason else { return nil }
        let first = warnedUnsandboxed.withLock { warned -> Bool in
            defer { warned = true }
            return !warned
        }
        return first ? "environments are not isolated from other local users here (\(reason)): other users see their processes, and a function sees your files as you do. 'envs' says more" : nil
    }

    /// Words a failed name lookup or connection leaves in the output or the error.
    static let networkFailureMarkers = ["Temporary failure in name resolution", "Name or service not known", "Network is unreachable",
                                        "EAI_AGAIN", "ENETUNREACH", "ENOTFOUND", "getaddrinfo"]

    /// A log line when a function with `network=none` seems to have tried the network: on
    /// Lambda it would have reached the internet; here the tutor's setting keeps it off.
    static func networkHint(configuration: FunctionConfiguration, environment: ExecutionEnvironment, output: String, payload: Data) -> String? {
        guard configuration.network == .none, environment.process.sandbox != nil else { return nil }
        let text = output + String(decoding: payload.prefix(16_384), as: UTF8.self)
        guard networkFailureMarkers.contains(where: text.contains) else { return nil }
        return "[lambda-tutor] this environment has no network but its own loopback: \(configuration.functionName)'s network setting is 'none' (a setting of the tutor's; on Lambda a function outside a VPC reaches the internet). 'fn config \(configuration.functionName) network=host' gives it this machine's network."
    }

    /// How many times an invocation that never reached a runtime is handed to a fresh
    /// environment before the invoke gives up.
    static let maxRedeliveries = 1

    static func describe(_ reason: Abort) -> String {
        switch reason {
        case .timedOut: return "timed out"
        case .exited(let status): return PlatformError.exitReason(status)
        case .shutDown: return "the runtime was shut down"
        case .cancelled: return "interrupted"
        }
    }

    static func describe(_ outcome: InvocationOutcome) -> String {
        switch outcome {
        case .aborted(let reason), .undelivered(let reason): return describe(reason)
        case .response, .functionError, .responseTooLarge: return "finished"
        }
    }

    /// Stores the log lines, each at the time it was written, and adds the tail the caller asked for.
    private func finish(_ result: InvocationResult, log: TimedLog, options: InvokeOptions) -> InvocationResult {
        var result = result
        log.store(in: logs, group: result.logGroupName, stream: result.logStreamName)
        if options.logType == .tail {
            result.logResult = Self.tail(result.logLines, limit: Limits.logTailBytes)
        }
        return result
    }

    private func applyBilling(_ result: inout InvocationResult, includeInit: Bool, ephemeralMB: Int) {
        let withInit = includeInit && result.initDurationMs != nil
        result.billedDurationMs = Billing.billedMilliseconds(durationMs: result.durationMs, initDurationMs: result.initDurationMs, includeInit: withInit)
        result.initIncludedInBilledDuration = withInit
        result.costUSD = Billing.cost(billedMs: result.billedDurationMs, memoryMB: result.memorySizeMB, ephemeralMB: ephemeralMB)
    }

    // MARK: - Cold start

    private enum ColdStart {
        case ready(ExecutionEnvironment, initDurationMs: Double, log: TimedLog)
        case failed(InvocationResult, TimedLog)
    }

    /// INIT in a new environment. If it fails or runs past the INIT limit, Lambda tries once more
    /// inside the invocation (a "suppressed init", `Phase: invoke`, under the function timeout);
    /// if that fails too, the invocation fails with the init error.
    private func coldStart(package: FunctionPackage, fingerprint: String, settings: RuntimeSettings,
                           requestID: String) async throws(MiniLambdaError) -> ColdStart {
        let configuration = package.configuration
        var lines = TimedLog()
        lines.append(LogFormatter.initStart(runtime: configuration.runtime))
        let first = try await startTracked(package: package, fingerprint: fingerprint, settings: settings)
        let firstSignal = await first.awaitInit(limit: .seconds(Limits.initTimeoutSeconds))
        let firstMs = first.spawnedAt.duration(to: .now).milliseconds
        if case .ready(let at) = firstSignal {
            lines.append(first.output.takeLines().lines)
            return .ready(first, initDurationMs: first.spawnedAt.duration(to: at).milliseconds, log: lines)
        }
        pool.untrack(first)
        lines.append(LogFormatter.lines(await first.shutdown(grace: .zero)))
        try Self.throwIfStopped(firstSignal)
        let firstFailure = InitFailure(signal: firstSignal, requestID: requestID, timeoutSeconds: Double(Limits.initTimeoutSeconds))
        lines.append(LogFormatter.initReport(durationMs: firstMs, phase: "init", status: firstFailure.reportStatus, errorType: firstFailure.errorType))

        if Task.isCancelled {
            throw MiniLambdaError(.cancelled, "the cold start was interrupted; its environment was stopped")
        }
        // The retry runs in the same sandbox (same log stream) as part of the invocation.
        let second = try await startTracked(package: package, fingerprint: fingerprint, settings: settings,
                                            reusing: (first.id, first.logStreamName, first.createdAt))
        let secondSignal = await second.awaitInit(limit: .seconds(configuration.timeout))
        let secondMs = second.spawnedAt.duration(to: .now).milliseconds
        if case .ready(let at) = secondSignal {
            lines.append(second.output.takeLines().lines)
            return .ready(second, initDurationMs: second.spawnedAt.duration(to: at).milliseconds, log: lines)
        }
        pool.untrack(second)
        let peak = second.recordPeakMemory()
        lines.append(LogFormatter.lines(await second.shutdown(grace: .zero)))
        try Self.throwIfStopped(secondSignal)
        let failure = InitFailure(signal: secondSignal, requestID: requestID, timeoutSeconds: Double(configuration.timeout))
        lines.append(LogFormatter.initReport(durationMs: secondMs, phase: "invoke", status: failure.reportStatus, errorType: failure.errorType))
        lines.append(LogFormatter.start(requestID: requestID))
        lines.append(failure.extraLines)
        lines.append(LogFormatter.end(requestID: requestID))

        let status: InvocationResult.Status = failure.timedOut ? .timeout : .platformError
        let durationMs = failure.timedOut ? Double(configuration.timeout) * 1000 : secondMs
        var result = InvocationResult(
            requestID: requestID, functionName: configuration.functionName, statusCode: 200, payload: failure.payload,
            functionError: "Unhandled", errorType: failure.errorType, status: status, executedVersion: "$LATEST", logLines: [],
            logResult: nil, coldStart: true, initDurationMs: nil, durationMs: durationMs, billedDurationMs: 0,
            initIncludedInBilledDuration: false, memorySizeMB: configuration.memorySize,
            maxMemoryUsedMB: min(MemoryProbe.megabytes(kilobytes: peak), configuration.memorySize), costUSD: 0,
            logGroupName: configuration.logGroupName, logStreamName: second.logStreamName, environmentID: second.id, droppedOutputBytes: 0)
        applyBilling(&result, includeInit: false, ephemeralMB: configuration.ephemeralStorageMB)
        lines.append(LogFormatter.report(requestID: requestID, durationMs: result.durationMs, billedMs: result.billedDurationMs,
                                         memorySizeMB: result.memorySizeMB, maxMemoryUsedMB: result.maxMemoryUsedMB, initDurationMs: nil,
                                         status: status, errorType: failure.errorType))
        result.logLines = lines.lines
        return .failed(result, lines)
    }

    /// Starts an environment for a cold start and lets the pool know, so that ``shutdownAll()``
    /// stops it too while its INIT runs.
    private func startTracked(package: FunctionPackage, fingerprint: String, settings: RuntimeSettings,
                              reusing identity: (id: String, logStreamName: String, createdAt: Date)? = nil) async throws(MiniLambdaError) -> ExecutionEnvironment {
        let environment = try await ExecutionEnvironment.start(function: package, fingerprint: fingerprint, settings: settings,
                                                               group: group, reusing: identity)
        guard pool.track(environment) else {
            await environment.shutdown(grace: .zero)
            throw MiniLambdaError(.shutDown, "the runtime was shut down while the function's environment was starting")
        }
        return environment
    }

    /// INIT ended because the tutor stopped the environment (quit, Ctrl-C), not because of the
    /// function: no INIT retry, and no error that reads as the function's.
    private static func throwIfStopped(_ signal: InitSignal) throws(MiniLambdaError) {
        switch signal {
        case .aborted(.shutDown):
            throw MiniLambdaError(.shutDown, "the runtime was shut down while the function's environment was starting")
        case .aborted(.cancelled):
            throw MiniLambdaError(.cancelled, "the cold start was interrupted; its environment was stopped")
        case .ready, .initError, .aborted(.timedOut), .aborted(.exited):
            break
        }
    }

    /// What a failed INIT turns into: the payload the caller gets, and the log fields.
    private struct InitFailure {
        var payload: Data
        var errorType: String
        var timedOut = false
        var extraLines: [String] = []
        var reportStatus: String { timedOut ? "timeout" : "error" }

        init(signal: InitSignal, requestID: String, timeoutSeconds: Double) {
            switch signal {
            case .initError(let body, let header):
                payload = body
                errorType = Invoker.errorType(in: body) ?? header ?? "Runtime.Unknown"
            case .aborted(.timedOut):
                payload = PlatformError.timedOut(requestID: requestID, seconds: timeoutSeconds)
                errorType = "Sandbox.Timedout"
                timedOut = true
                extraLines = [LogFormatter.timedOut(requestID: requestID, seconds: timeoutSeconds, at: Date())]
            case .aborted(.exited(let status)):
                let reason = PlatformError.exitReason(status)
                payload = PlatformError.exited(requestID: requestID, reason: reason)
                errorType = "Runtime.ExitError"
                extraLines = [LogFormatter.exited(requestID: requestID, reason: reason), "Runtime.ExitError"]
            case .aborted(.shutDown), .aborted(.cancelled), .ready:
                payload = PlatformError.exited(requestID: requestID, reason: PlatformError.exitReason(.signaled(SIGKILL)))
                errorType = "Runtime.ExitError"
            }
        }
    }

    // MARK: - Environments and settings

    /// `envs NAME`: the function's environments (all functions' with nil).
    public func environments(functionName: String? = nil) async -> [EnvironmentInfo] {
        pool.environments(functionName: functionName)
    }

    public var currentSettings: RuntimeSettings { settings.withLock { $0 } }

    /// Sets the keep-warm period; idle environments older than it are shut down at once.
    public func setKeepWarm(_ duration: Duration) async {
        settings.withLock { $0.keepWarm = duration }
        pool.setKeepWarm(duration)
    }

    /// Bill INIT on cold starts (AWS since August 2025) or not (the rule before).
    public func setIncludeInitInBilledDuration(_ include: Bool) {
        settings.withLock { $0.includeInitInBilledDuration = include }
    }

    /// Shuts down idle environments unused for longer than the keep-warm period. The pool does
    /// this by itself in the background; tests call it with a chosen `now`.
    @discardableResult
    public func reapIdleEnvironments(now: Date = Date()) async -> Int {
        pool.reapIdle(now: now)
    }

    /// Shuts down the idle environments of one function (after `fn rm`, or to force a cold start).
    public func retireEnvironments(functionName: String?) async {
        await pool.retireIdle(functionName: functionName)
    }

    /// `envs NAME --stop`: the function's idle environments are shut down now, its busy ones
    /// when their invocation ends. Returns how many of each.
    public func stopEnvironments(functionName: String?) async -> (stopped: Int, afterUse: Int) {
        await pool.stop(functionName: functionName)
    }

    /// Shuts down the idle environments of `name` that run older code or settings than the
    /// function has now (after `fn config` or `fn edit`), as an update does on AWS: `envs`
    /// then shows only what the next invoke can use.
    public func retireOutdatedEnvironments(functionName name: String) async {
        guard let package = try? registry?.package(name) else {
            await pool.retireIdle(functionName: name)
            return
        }
        await pool.retireIdle(functionName: name, keeping: package.fingerprint())
    }

    /// Stops every environment and the Runtime API servers. Call once, before the app exits
    /// (`quit`, Ctrl-C, SIGTERM, SIGHUP); invokes under way and afterwards fail with `.shutDown`.
    public func shutdownAll() async {
        let first = isShutDown.withLock { state -> Bool in
            defer { state = true }
            return !state
        }
        guard first else { return }
        await pool.shutdownAll()
        try? await group.shutdownGracefully()
    }

    /// SIGKILL to every process group the runtime started, synchronously: for paths where no
    /// async code can run any more (an `atexit` hook, a second Ctrl-C). Returns how many.
    @discardableResult
    public static func killAllProcessesNow() -> Int {
        ProcessRegistry.shared.killAll()
    }

    /// Process ids of the runtime processes alive now (tests check the process tree with it).
    public static var liveProcessIDs: Set<Int32> { ProcessRegistry.shared.all }

    // MARK: - Helpers

    static func errorType(in payload: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: payload) as? [String: Any] else { return nil }
        return object["errorType"] as? String
    }

    /// `Root=1-<epoch hex>-<24 hex>;Parent=<16 hex>;Sampled=0`, the X-Ray trace header format.
    static func traceID() -> String {
        let epoch = String(format: "%08x", UInt32(Date().timeIntervalSince1970))
        let random = String(format: "%016llx%08x", UInt64.random(in: 0...UInt64.max), UInt32.random(in: 0...UInt32.max))
        let parent = String(format: "%016llx", UInt64.random(in: 0...UInt64.max))
        return "Root=1-\(epoch)-\(random);Parent=\(parent);Sampled=0"
    }

    /// base64 of the last `limit` bytes of the log, cut at a character boundary.
    static func tail(_ lines: [String], limit: Int) -> String {
        let text = lines.map { $0 + "\n" }.joined()
        var bytes = Array(text.utf8)
        if bytes.count > limit {
            bytes = Array(bytes.suffix(limit))
            // Drop UTF-8 continuation bytes at the start so the tail decodes.
            while let first = bytes.first, first & 0xC0 == 0x80 { bytes.removeFirst() }
        }
        return Data(bytes).base64EncodedString()
    }
}
