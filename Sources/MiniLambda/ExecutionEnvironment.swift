import CProcessSpawn
import Foundation
import LambdaModel
import NIOCore
import Synchronization
import TutorSupport

/// What `envs NAME` shows about one environment.
package struct EnvironmentInfo: Sendable, Hashable {
    package enum State: String, Sendable, Hashable {
        case initializing, idle, busy, stopped
    }

    package var id: String
    package var functionName: String
    package var state: State
    package var createdAt: Date
    package var lastUsedAt: Date
    package var invocations: Int
    package var peakMemoryMB: Int
    package var memorySizeMB: Int
    package var logStreamName: String
    package var processID: Int32
    /// True when the function sees a /tmp of its own (a tmpfs in its mount namespace) and a
    /// read-only code folder, as on AWS.
    package var privateTmp: Bool
    /// How the environment differs from Lambda's layout (its own root with the code at
    /// /var/task, a private /tmp) and why; nil when it does not.
    package var isolationNote: String?
    /// True when it runs in a sandbox of its own (user, mount, pid, IPC and network
    /// namespaces): nothing outside it can reach its Runtime API, it sees only its own files and
    /// processes. False on a system that refused the namespaces.
    package var sandboxed: Bool
    /// True while it is idle and stopped, as Lambda freezes an environment between invocations:
    /// nothing it started runs until the next invocation thaws it.
    package var frozen: Bool
    /// The network it has (a setting of the tutor's).
    package var network: TutorNetwork
}

/// One execution environment: a sandbox (``SandboxLayout``, ``ChildProcess/launchSandboxed(_:)``)
/// whose runtime talks to this environment's own Runtime API endpoint, or, where the system
/// refuses namespaces, a plain child process in its own session. It lives through INIT, any
/// number of INVOKEs one at a time (frozen in between), and SHUTDOWN.
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
    let output: EnvironmentOutput
    /// When the process was started: INIT is measured from here to the first `/next`.
    let spawnedAt: ContinuousClock.Instant
    /// Why it runs without a sandbox (nil when it has one).
    let unsandboxedReason: String?
    /// How to stop what ``RuntimeSettings/insideServices`` serve inside it.
    private let insideServices: Mutex<[@Sendable () async -> Void]>
    /// The loop its Runtime API is served on (the pool prefers an environment on the caller's).
    let eventLoop: any EventLoop
    private let settings: RuntimeSettings
    private let mutable: Mutex<Mutable>
    private let watchdog = Mutex<RepeatedTask?>(nil)
    /// The process tree's memory; a sandbox's pid 1 is the tutor's, not the function's, and does not count.
    private let memory: MemoryWatch

    private struct Mutable {
        var state: EnvironmentInfo.State = .initializing
        var invocations = 0
        var lastUsedAt: Date
        var peakKilobytes = 0
        var killedForMemory = false
        /// The running invocation and its deadline; nil while idle.
        var running: (requestID: String, deadline: ContinuousClock.Instant)?
        /// Refused Runtime API connections already told in the log.
        var reportedRefusals = 0
    }

    init(id: String, configuration: FunctionConfiguration, fingerprint: String, logStreamName: String, createdAt: Date,
         directory: URL, process: ChildProcess, server: RuntimeAPIServer, spawnedAt: ContinuousClock.Instant,
         eventLoop: any EventLoop, settings: RuntimeSettings, unsandboxedReason: String?,
         insideServices: [@Sendable () async -> Void]) {
        self.id = id
        self.configuration = configuration
        self.fingerprint = fingerprint
        self.logStreamName = logStreamName
        self.createdAt = createdAt
        self.directory = directory
        self.process = process
        self.server = server
        self.output = EnvironmentOutput(fd: process.outputFD, clock: settings.wallClock)
        self.spawnedAt = spawnedAt
        self.eventLoop = eventLoop
        self.settings = settings
        self.unsandboxedReason = unsandboxedReason
        self.insideServices = Mutex(insideServices)
        self.mutable = Mutex(Mutable(lastUsedAt: settings.wallClock.now()))
        self.memory = MemoryWatch(root: process.pid, includingRoot: process.sandbox == nil)
        server.broker.onRuntimeIdle { [weak self] in self?.freezeIfIdle() }
    }

    // MARK: - INIT

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
            $0.lastUsedAt = settings.wallClock.now()
            $0.running = (invocation.requestID, deadline)
        }
        // Busy first, then thawed: a freeze decided before this cannot land after it.
        process.thaw()
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
            process.thaw()
            process.signalGroup(SIGKILL)
            let status = await process.waitForExit()
            // The status as reaped, which may say more than the exit seen first (or a kill).
            if case .exited = abort { completion.outcome = .aborted(.exited(status)) }
            recordPeakMemory()
        case .responseTooLarge:
            // Lambda resets the environment after a response it refused: the next invoke is cold.
            // The runtime first gets its 413 and may log it; what it writes until it asks for the
            // next event (half a second at most) still belongs to this invocation.
            let until = ContinuousClock.now.advanced(by: .milliseconds(500))
            while !broker.runtimeIsWaiting, process.exitStatus == nil, ContinuousClock.now < until {
                try? await Task.sleep(for: .milliseconds(5))
            }
            // Back on `/next` it may be frozen already, and a process a v1 freezer holds cannot die.
            process.thaw()
            process.signalGroup(SIGKILL)
            _ = await process.waitForExit()
            recordPeakMemory()
        case .undelivered, .response, .functionError:
            // Undelivered: the environment was closed before; the pool retires it on checkin.
            break
        }
        mutable.withLock {
            $0.lastUsedAt = settings.wallClock.now()
            if $0.state == .busy { $0.state = broker.phase == .closed ? .stopped : .idle }
        }
        freezeIfIdle()
        return completion
    }

    /// Freezes the environment once it is idle after an invocation and its runtime waits on
    /// `/next` again: Lambda's freeze, so a handler's background work runs only while an
    /// invocation does. Called when either happens; the check and the freeze are one step
    /// under the environment's lock, so an invocation that starts meanwhile always thaws after.
    ///
    /// Also while the invocation's caller has not yet taken the answer (still `busy`, the
    /// runtime already back on `/next`): on a loaded machine that can take longer than a timer
    /// the handler left behind, which must not run then. The next invocation sets its own
    /// request id under the same lock before it thaws, so this never freezes it.
    func freezeIfIdle() {
        let broker = server.broker
        mutable.withLock { state in
            guard state.invocations > 0, broker.runtimeIsWaiting else { return }
            switch state.state {
            case .idle:
                break
            case .busy:
                guard let running = state.running, broker.hasAnswered(running.requestID) else { return }
            case .initializing, .stopped:
                return
            }
            process.freeze()
        }
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
        guard process.exitStatus == nil, let figures = memory.figures() else { return }
        let resident = figures.resident
        let peak = max(resident, figures.peak)
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
        // A sandbox's pid 1 is the tutor's, not the function's: its memory does not count.
        // Once the process is gone, /proc has nothing: wait4's figure is the one left.
        let measured = (process.exitStatus == nil ? memory.figures()?.peak : nil) ?? process.reapedPeakKilobytes
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
                            memorySizeMB: configuration.memorySize, logStreamName: logStreamName, processID: runtimePID,
                            privateTmp: process.hasPrivateTmp, isolationNote: isolationNote, sandboxed: process.sandbox != nil,
                            frozen: process.isFrozen, network: configuration.network)
        }
    }

    /// The runtime's process: the process itself, or in a sandbox pid 1's first child.
    var runtimePID: Int32 {
        guard process.sandbox != nil else { return process.pid }
        let children = readWholeFile("/proc/\(process.pid)/task/\(process.pid)/children") ?? ""
        return children.split(separator: " ").first.flatMap { Int32($0) } ?? process.pid
    }

    /// How this environment differs from a Lambda environment's isolation and layout, in words
    /// for `envs` and the first invoke; nil when it does not.
    var isolationNote: String? {
        if process.sandbox != nil {
            guard configuration.network == .host else { return nil }
            return "it shares this machine's network (network=host, a setting of the tutor's): it reaches the internet and this machine's services, its Runtime API is a port on 127.0.0.1 that only its own processes may use, and other local users can reach any port it listens on"
        }
        var note = "environments are not isolated from other local users here: \(unsandboxedReason ?? "no sandbox could be made"). Each runs as you and sees the machine's files as you do, your data folder included; other users see its processes; its Runtime API is a port on 127.0.0.1, which the tutor opens only to the environment's own processes; and what it starts is stopped with it only while the tutor runs"
        if process.hasOwnRoot { return note }
        if process.hasPrivateTmp {
            note += ". Its own root could not be built either (\(process.ownRootFailure ?? "unknown")): /tmp is private and the code read-only, but the code is not at /var/task"
        } else if let failure = process.isolationFailure {
            note += ". Nor could it have a private mount namespace (\(failure)), so it has a folder of its own that TMPDIR points to instead of a private /tmp, and its code folder may be writable"
        } else {
            note += ". The interpreter or its bootstrap is under the machine's /tmp, which a private /tmp would hide, so it has a folder of its own that TMPDIR points to instead"
        }
        return note
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
        // A stopped process takes SIGTERM only once it runs again.
        process.thaw()
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
        for stop in insideServices.withLock({ services in defer { services = [] }; return services }) { await stop() }
        try? FileManager.default.removeItem(at: directory)
        memory.close()
        return remaining
    }

    /// Connections to the Runtime API refused since the last call because they came from
    /// outside the environment (only where it is a port on the machine's loopback).
    func takeRefusedConnections() -> Int {
        let total = server.peerCheck?.refusedCount ?? 0
        return mutable.withLock { state in
            defer { state.reportedRefusals = total }
            return total - state.reportedRefusals
        }
    }

}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    var milliseconds: Double { Double(nanoseconds) / 1_000_000 }
}
