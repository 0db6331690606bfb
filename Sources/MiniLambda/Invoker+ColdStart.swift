import Foundation
import NIOCore
import NIOPosix
import LambdaModel
import TutorSupport

/// INIT in a new environment, and what a failed INIT turns into: its own file because the
/// retry inside the invocation (`Phase: invoke`) and the INIT_REPORT rules make it a concern
/// of its own.
extension Invoker {
    enum ColdStart {
        case ready(ExecutionEnvironment, initDurationMs: Double, log: TimedLog)
        case failed(InvocationResult, TimedLog)
    }

    /// INIT in a new environment. If it fails or runs past the INIT limit, Lambda tries once more
    /// inside the invocation (a "suppressed init", `Phase: invoke`, under the function timeout);
    /// if that fails too, the invocation fails with the init error.
    /// `loop`: one of the invoker's loops to serve the new environment's Runtime API on (the
    /// caller's), or nil for the next one.
    func coldStart(package: FunctionPackage, fingerprint: String, settings: RuntimeSettings,
                   requestID: String, qualifier: String? = nil, loop: (any EventLoop)? = nil) async throws(MiniLambdaError) -> ColdStart {
        let configuration = package.configuration
        var lines = TimedLog(clock: settings.wallClock)
        let platform = PlatformLog(package, qualifier: qualifier)
        let startedAt = settings.wallClock.now()
        let first = try await startTracked(package: package, fingerprint: fingerprint, settings: settings, loop: loop)
        lines.append(platform.initStart(logStreamName: first.logStreamName, at: startedAt), at: startedAt)
        let firstSignal = await first.awaitInit(limit: .seconds(Limits.initTimeoutSeconds))
        let firstMs = first.spawnedAt.duration(to: .now).milliseconds
        if case .ready(let at) = firstSignal {
            StartTrace.end("init-done")
            lines.append(first.output.takeLines().lines)
            return .ready(first, initDurationMs: first.spawnedAt.duration(to: at).milliseconds, log: lines)
        }
        pool.untrack(first)
        lines.append(LogFormatter.lines(await first.shutdown(grace: .zero)))
        try Self.throwIfStopped(firstSignal)
        let firstFailure = InitFailure(signal: firstSignal, requestID: requestID, timeoutSeconds: Double(Limits.initTimeoutSeconds), at: settings.wallClock.now())
        // A timed-out INIT reports the limit, as AWS does, not the tutor's delay in stopping it.
        let firstReportedMs = firstFailure.timedOut ? Double(Limits.initTimeoutSeconds) * 1000 : firstMs
        lines.append(platform.initReport(durationMs: firstReportedMs, phase: "init", status: firstFailure.reportStatus, errorType: firstFailure.reportedErrorType,
                                               at: settings.wallClock.now()))

        if Task.isCancelled {
            throw MiniLambdaError(.cancelled, "the cold start was interrupted; its environment was stopped")
        }
        // The retry runs in the same sandbox (same log stream) as part of the invocation.
        let second = try await startTracked(package: package, fingerprint: fingerprint, settings: settings, loop: loop,
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
        let failure = InitFailure(signal: secondSignal, requestID: requestID, timeoutSeconds: Double(configuration.timeout), at: settings.wallClock.now())
        let secondReportedMs = failure.timedOut ? Double(configuration.timeout) * 1000 : secondMs
        lines.append(platform.initReport(durationMs: secondReportedMs, phase: "invoke", status: failure.reportStatus, errorType: failure.reportedErrorType,
                                               at: settings.wallClock.now()))
        lines.append(platform.start(requestID: requestID, at: settings.wallClock.now()))
        lines.append(failure.extraLines)
        let status: InvocationResult.Status = failure.timedOut ? .timeout : .platformError
        let durationMs = failure.timedOut ? Double(configuration.timeout) * 1000 : secondMs
        let endedAt = settings.wallClock.now()
        lines.append(platform.end(requestID: requestID, status: status, durationMs: durationMs, producedBytes: failure.payload.count, at: endedAt),
                     at: endedAt)

        var result = InvocationResult(
            requestID: requestID, functionName: configuration.functionName, statusCode: 200, payload: failure.payload,
            functionError: "Unhandled", errorType: failure.errorType, status: status, executedVersion: package.version, logLines: [],
            logResult: nil, coldStart: true, initDurationMs: nil, durationMs: durationMs, billedDurationMs: 0,
            initIncludedInBilledDuration: false, memorySizeMB: configuration.memorySize,
            maxMemoryUsedMB: min(MemoryProbe.megabytes(kilobytes: peak), configuration.memorySize), costUSD: 0,
            logGroupName: configuration.logGroupName, logStreamName: second.logStreamName, environmentID: second.id, droppedOutputBytes: 0)
        applyBilling(&result, includeInit: false, ephemeralMB: configuration.ephemeralStorageMB)
        lines.append(platform.report(requestID: requestID, durationMs: result.durationMs, billedMs: result.billedDurationMs,
                                     memorySizeMB: result.memorySizeMB, maxMemoryUsedMB: result.maxMemoryUsedMB, initDurationMs: nil,
                                     status: status, errorType: failure.errorType, at: endedAt), at: endedAt)
        result.logLines = lines.lines
        return .failed(result, lines)
    }

    /// Starts an environment for a cold start and lets the pool know, so that ``shutdownAll()``
    /// stops it too while its INIT runs.
    func startTracked(package: FunctionPackage, fingerprint: String, settings: RuntimeSettings, loop: (any EventLoop)? = nil,
                      reusing identity: (id: String, logStreamName: String, createdAt: Date)? = nil) async throws(MiniLambdaError) -> ExecutionEnvironment {
        // One loop for the environment's Runtime API, its watchdog and its freezes.
        let environment = try await ExecutionEnvironment.start(function: package, fingerprint: fingerprint, settings: settings,
                                                               group: loop ?? loopForNewEnvironment(caller: nil), reusing: identity)
        guard pool.track(environment) else {
            await environment.shutdown(grace: .zero)
            throw MiniLambdaError(.shutDown, "the runtime was shut down while the function's environment was starting")
        }
        return environment
    }

    /// INIT ended because the tutor stopped the environment (quit, Ctrl-C), not because of the
    /// function: no INIT retry, and no error that reads as the function's.
    static func throwIfStopped(_ signal: InitSignal) throws(MiniLambdaError) {
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
    struct InitFailure {
        var payload: Data
        var errorType: String
        var timedOut = false
        var extraLines: [String] = []
        var reportStatus: String { timedOut ? "timeout" : "error" }
        /// INIT_REPORT names no error type for a timeout, only `Status: timeout`.
        var reportedErrorType: String? { timedOut ? nil : errorType }

        init(signal: InitSignal, requestID: String, timeoutSeconds: Double, at date: Date) {
            switch signal {
            case .initError(let body, let header):
                payload = body
                errorType = PlatformError.recordedErrorType(header: header)
            case .aborted(.timedOut):
                payload = PlatformError.timedOut(requestID: requestID, seconds: timeoutSeconds)
                errorType = "Sandbox.Timedout"
                timedOut = true
                extraLines = [LogFormatter.timedOut(requestID: requestID, seconds: timeoutSeconds, at: date)]
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
}
