import Foundation
import LambdaModel
import NIOCore
import NIOPosix
import Synchronization
import TutorSupport

/// The workers' side of an invocation: picks or starts an execution environment for a
/// packaged function, hands it the event through the Runtime API, enforces the function's
/// limits, and returns what AWS would (payload, function error, logs) with the REPORT figures
/// and the cost. Which function and version a name means, and whether the account may run it
/// now, is decided above it (LambdaService).
///
/// One per app session. Call ``shutdownAll()`` before the process exits (or use
/// ``withInvoker(settings:logs:_:)``); it leaves no child process behind.
package final class Invoker: Sendable {
    package let logs: LogStore
    /// Internal, not private: the cold start (Invoker+ColdStart.swift) tracks environments in it.
    let pool: EnvironmentPool
    let group: MultiThreadedEventLoopGroup
    /// The loops the Runtime APIs are served on, with their task executors: the Lambda API
    /// accepts on them and runs a synchronous invoke on its connection's loop, so a warm invoke
    /// crosses no thread (EventLoopTaskExecutor).
    package let loops: InvokeLoops
    private let settings: Mutex<RuntimeSettings>
    private let isShutDown = Mutex(false)
    /// Whether the learner was told, at an invoke, that environments run without a sandbox here.
    private let warnedUnsandboxed = Mutex(false)

    /// `privatePaths`: folders no function may see (the learner's data folder and its
    /// functions folder), added to the settings' own.
    package init(settings: RuntimeSettings = RuntimeSettings(), logs: LogStore = LogStore(), privatePaths: [URL] = []) {
        var settings = settings
        settings.privatePaths += privatePaths
        self.logs = logs
        self.settings = Mutex(settings)
        self.pool = EnvironmentPool(keepWarm: settings.keepWarm, maxEnvironments: settings.maxEnvironments, clock: settings.wallClock)
        // A loop per core (at most 4): with the Lambda API's invokes run on these loops, one
        // loop would carry every client's share of the work on one core.
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: Self.loopCount)
        self.loops = InvokeLoops(group: group)
        ScratchFolders.removeLeftovers(in: settings.scratchRoot)
        FreezerCgroup.removeStale()
    }

    // MARK: - Invoke

    /// Invokes a function given by its settings, code folder and version.
    package func invoke(package: FunctionPackage, payload: Data, options: InvokeOptions = InvokeOptions()) async throws(MiniLambdaError) -> InvocationResult {
        guard !isShutDown.withLock({ $0 }) else { throw MiniLambdaError(.shutDown, "the runtime has been shut down") }
        try PayloadValidator.validate(payload)
        let configuration = package.configuration
        try configuration.validate()
        let settings = self.settings.withLock { $0 }
        // The caller's loop when it runs on one of ours (the Lambda API's invokes): an environment
        // served there answers without a thread hand-off.
        let loop = loops.current
        let fingerprint: String
        if loop == nil || package.hasSmallCodeFolder {
            fingerprint = package.fingerprint()
        } else {
            // A code folder of unknown or large size is walked off the loop.
            fingerprint = await withTaskExecutorPreference(globalConcurrentExecutor) { package.fingerprint() }
        }
        let requestID = RandomUUID.string()

        var redeliveries = 0
        while true {
            var log = TimedLog(clock: settings.wallClock)
            var initDurationMs: Double?
            let environment: ExecutionEnvironment
            switch try pool.checkout(functionName: configuration.functionName, fingerprint: fingerprint, preferring: loop) {
            case .warm(let warm):
                environment = warm
            case .cold:
                let started: ColdStart
                do {
                    // Off the event loop, whatever the caller's executor: a cold start spawns
                    // processes, writes files and waits for INIT.
                    started = try await withTaskExecutorPreference(globalConcurrentExecutor) { () async throws(MiniLambdaError) -> ColdStart in
                        try await coldStart(package: package, fingerprint: fingerprint, settings: settings, requestID: requestID,
                                            qualifier: options.qualifier, loop: loopForNewEnvironment(caller: loop))
                    }
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
                                        deadlineEpochMs: Int64((settings.wallClock.now().timeIntervalSince1970 + Double(configuration.timeout)) * 1000),
                                        invokedFunctionArn: configuration.functionArn(qualifier: options.qualifier), traceID: Self.traceID(at: settings.wallClock.now()),
                                        clientContext: options.clientContext, cognitoIdentity: options.cognitoIdentity,
                                        tenantID: options.tenantID)
            let invokeStart = ContinuousClock.now
            let startedAt = settings.wallClock.now()
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
                errorType: nil, status: .success, executedVersion: package.version, logLines: [], logResult: nil,
                coldStart: initDurationMs != nil, initDurationMs: initDurationMs, durationMs: durationMs, billedDurationMs: 0,
                initIncludedInBilledDuration: false, memorySizeMB: configuration.memorySize, maxMemoryUsedMB: environment.maxMemoryUsedMB,
                costUSD: 0, logGroupName: configuration.logGroupName, logStreamName: environment.logStreamName,
                environmentID: environment.id, droppedOutputBytes: output.droppedBytes)
            result.isolationWarning = firstWarning(for: environment)

            let platform = PlatformLog(package, qualifier: options.qualifier)
            log.append(platform.start(requestID: requestID, at: startedAt), at: startedAt)
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
            case .responseTooLarge(let bytes):
                result.payload = PlatformError.responseTooLarge(bytes: bytes)
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
                let at = settings.wallClock.now()
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
            if let hint = Self.networkHint(configuration: configuration, environment: environment, output: output.lines.map(\.text), payload: result.payload) {
                log.append(hint)
            }
            applyBilling(&result, includeInit: settings.includeInitInBilledDuration, ephemeralMB: configuration.ephemeralStorageMB)
            let endedAt = settings.wallClock.now()
            log.append(platform.end(requestID: requestID, status: result.status, durationMs: result.durationMs,
                                    producedBytes: result.payload.count, at: endedAt), at: endedAt)
            log.append(platform.report(requestID: requestID, durationMs: result.durationMs, billedMs: result.billedDurationMs,
                                       memorySizeMB: result.memorySizeMB, maxMemoryUsedMB: result.maxMemoryUsedMB,
                                       initDurationMs: initDurationMs, status: result.status, errorType: result.errorType, at: endedAt), at: endedAt)
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
    static func networkHint(configuration: FunctionConfiguration, environment: ExecutionEnvironment, output: @autoclosure () -> [String], payload: Data) -> String? {
        guard configuration.network == .none, environment.process.sandbox != nil else { return nil }
        // On the bytes: Foundation's `String.contains` ran on every invoke's output and payload
        // and cost 1.5% of the API benchmark's event-loop time.
        var bytes = Array(output().joined(separator: "\n").utf8)
        bytes.append(contentsOf: payload.prefix(16_384))
        guard networkFailureMarkers.contains(where: { contains(bytes, Array($0.utf8)) }) else { return nil }
        return "[lambda-tutor] this environment has no network but its own loopback: \(configuration.functionName)'s network setting is 'none' (a setting of the tutor's; on Lambda a function outside a VPC reaches the internet). 'fn config \(configuration.functionName) network=host' gives it this machine's network."
    }

    /// Whether `needle` occurs in `haystack`: `memchr` to each candidate first byte, then `memcmp`.
    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return needle.isEmpty }
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin in
                let base = hay.baseAddress!
                var offset = 0
                let last = hay.count - pin.count
                while offset <= last, let found = memchr(base + offset, Int32(first), last - offset + 1) {
                    let at = base.distance(to: UnsafeRawPointer(found))
                    if memcmp(base + at, pin.baseAddress!, pin.count) == 0 { return true }
                    offset = at + 1
                }
                return false
            }
        }
    }

    static var loopCount: Int { max(1, min(System.coreCount, 4)) }

    /// Where a new environment's Runtime API goes: the loop with the fewest environments, the
    /// caller's among equals. Not simply the caller's: a caller that took a warm environment
    /// on another loop would leave two callers' environments on one loop, and both callers'
    /// work on one core.
    func loopForNewEnvironment(caller: (any EventLoop)?) -> any EventLoop {
        var best: (loop: any EventLoop, count: Int)?
        for executor in loops.executors {
            let loop = executor.eventLoop
            let count = pool.environmentCount(on: loop)
            if let current = best, count > current.count || (count == current.count && loop !== caller) { continue }
            best = (loop, count)
        }
        return best?.loop ?? group.next()
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

    func applyBilling(_ result: inout InvocationResult, includeInit: Bool, ephemeralMB: Int) {
        let withInit = includeInit && result.initDurationMs != nil
        result.billedDurationMs = Billing.billedMilliseconds(durationMs: result.durationMs, initDurationMs: result.initDurationMs, includeInit: withInit)
        result.initIncludedInBilledDuration = withInit
        result.costUSD = Billing.cost(billedMs: result.billedDurationMs, memoryMB: result.memorySizeMB, ephemeralMB: ephemeralMB)
    }

    // MARK: - Environments and settings

    /// `envs NAME`: the function's environments (all functions' with nil).
    package func environments(functionName: String? = nil) async -> [EnvironmentInfo] {
        pool.environments(functionName: functionName)
    }

    package var currentSettings: RuntimeSettings { settings.withLock { $0 } }

    /// Sets the keep-warm period; idle environments older than it are shut down at once.
    package func setKeepWarm(_ duration: Duration) async {
        settings.withLock { $0.keepWarm = duration }
        pool.setKeepWarm(duration)
    }

    /// Bill INIT on cold starts (AWS since August 2025) or not (the rule before).
    package func setIncludeInitInBilledDuration(_ include: Bool) {
        settings.withLock { $0.includeInitInBilledDuration = include }
    }

    /// Shuts down idle environments unused for longer than the keep-warm period. The pool does
    /// this by itself in the background; tests call it with a chosen `now`.
    @discardableResult
    package func reapIdleEnvironments(now: Date? = nil) async -> Int {
        pool.reapIdle(now: now)
    }

    /// Shuts down the idle environments of one function (after `fn rm`, or to force a cold start).
    package func retireEnvironments(functionName: String?) async {
        await pool.retireIdle(functionName: functionName)
    }

    /// `envs NAME --stop`: the function's idle environments are shut down now, its busy ones
    /// when their invocation ends. Returns how many of each.
    package func stopEnvironments(functionName: String?) async -> (stopped: Int, afterUse: Int) {
        await pool.stop(functionName: functionName)
    }

    /// Shuts down the idle environments of the package's function that run older code or
    /// settings than `current` (after `fn config` or `fn edit`), as an update does on AWS:
    /// `envs` then shows only what the next invoke can use. Environments of `keeping` packages
    /// (published versions) stay.
    package func retireOutdatedEnvironments(current: FunctionPackage, keeping others: [FunctionPackage] = []) async {
        await pool.retireIdle(functionName: current.configuration.functionName,
                              keeping: Set([current.fingerprint()] + others.map { $0.fingerprint() }))
    }

    /// Stops every environment and the Runtime API servers. Call once, before the app exits
    /// (`quit`, Ctrl-C, SIGTERM, SIGHUP); invokes under way and afterwards fail with `.shutDown`.
    package func shutdownAll() async {
        let first = isShutDown.withLock { state -> Bool in
            defer { state = true }
            return !state
        }
        guard first else { return }
        await pool.shutdownAll()
        // The compiled bootstrap goes too (a compile still running ends first): nothing the
        // tutor made outlives shutdown.
        let scratchRoot = currentSettings.scratchRoot
        await Task.detached { BootstrapCache.shared.remove(scratchRoot: scratchRoot) }.value
        try? await group.shutdownGracefully()
    }

    /// SIGKILL to every process group the runtime started, synchronously: for paths where no
    /// async code can run any more (an `atexit` hook, a second Ctrl-C). Returns how many.
    @discardableResult
    package static func killAllProcessesNow() -> Int {
        ProcessRegistry.shared.killAll()
    }

    /// Process ids of the runtime processes alive now (tests check the process tree with it).
    package static var liveProcessIDs: Set<Int32> { ProcessRegistry.shared.all }

    // MARK: - Helpers

    static func errorType(in payload: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: payload) as? [String: Any] else { return nil }
        return object["errorType"] as? String
    }

    /// `Root=1-<epoch hex>-<24 hex>;Parent=<16 hex>;Sampled=0`, the X-Ray trace header format.
    /// Hex by table (one per invocation; `String(format:)` cost 1% of the API benchmark's samples).
    static func traceID(at date: Date) -> String {
        let epoch = UInt32(clamping: Int64(date.timeIntervalSince1970))
        var random = BufferedRandomNumberGenerator()
        let (a, b, c) = (random.next() as UInt64, random.next() as UInt64, random.next() as UInt64)
        return "Root=1-" + Hex.lowercase(bigEndian: epoch) + "-" + Hex.lowercase(bigEndian: a) + Hex.lowercase(bigEndian: UInt32(truncatingIfNeeded: b))
            + ";Parent=" + Hex.lowercase(bigEndian: c) + ";Sampled=0"
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
