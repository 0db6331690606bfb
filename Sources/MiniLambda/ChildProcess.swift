import CProcessSpawn
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// How a child process ended.
package enum ProcessExit: Sendable, Hashable {
    case exited(Int32)
    case signaled(Int32)

    init(waitStatus status: Int32) {
        if status & 0x7f == 0 {
            self = .exited((status >> 8) & 0xff)
        } else {
            self = .signaled(status & 0x7f)
        }
    }
}

/// What to start: an executable (looked up on PATH if not absolute), its arguments and its
/// complete environment.
struct LaunchSpec: Sendable {
    var executable: String
    var arguments: [String]
    var environment: [String: String]
    var workingDirectory: String
    /// RLIMIT_AS in bytes (0: none). Used for Python, where it turns runaway allocation into a
    /// MemoryError; V8 reserves far more address space than it uses, so Node gets none.
    var addressSpaceLimit: UInt64 = 0
    /// A folder the child sees read-only (the task root: Lambda's file system is read-only
    /// outside /tmp). Best effort; ``ChildProcess/isolationFailure`` says when it could not be done.
    var readOnlyDirectory: String?
    /// With ``readOnlyDirectory``: a private tmpfs on /tmp with these mount options, and the
    /// environment to run with when it is in place (``environment`` is the fallback).
    var privateTmp: (options: String, environment: [String: String])?
    /// With ``readOnlyDirectory``: a root of the function's own to build and enter first (see
    /// ``OwnRoot``); if it cannot be built, ``privateTmp`` and ``readOnlyDirectory`` still apply.
    var ownRoot: OwnRoot?
    /// Act as a system that refuses namespaces (``RuntimeSettings/Isolation/refuseNamespaces``).
    var refuseNamespaces = false
}

/// A running child in its own process group, with its stdout and stderr merged into one pipe.
///
/// The child is forked on one long-lived thread (``ProcessSpawner``) because PR_SET_PDEATHSIG
/// fires when the *thread* that forked exits, not the process: forking from a pool thread
/// that later retires would kill healthy environments.
final class ChildProcess: Sendable {
    let pid: pid_t
    /// The read end of the child's stdout+stderr pipe (non-blocking, close-on-exec); an
    /// ``EnvironmentOutput`` takes ownership of it.
    let outputFD: Int32
    /// Why the child runs without its mount namespace (``LaunchSpec/readOnlyDirectory`` possibly
    /// writable, no private /tmp): the kernel refused it, as in containers without CAP_SYS_ADMIN.
    /// Nil when it is in place or was not asked for.
    let isolationFailure: String?
    /// True when the child has a private /tmp (``LaunchSpec/privateTmp`` or
    /// ``LaunchSpec/ownRoot`` asked and granted).
    let hasPrivateTmp: Bool
    /// True when the child runs in its own root (``LaunchSpec/ownRoot`` asked and built).
    let hasOwnRoot: Bool
    /// Why ``LaunchSpec/ownRoot`` could not be built, when it was asked for and was not.
    let ownRootFailure: String?
    /// The sandbox the process is pid 1 of (``launchSandboxed(_:)``), nil for a plain child.
    let sandbox: SandboxHandle?
    private let exit = Mutex<ExitState>(ExitState())
    /// Whether ``freeze()`` stopped the process group (no sandbox).
    private let groupFrozen = Mutex(false)

    private struct ExitState {
        var status: ProcessExit?
        /// The largest resident set of the process and the descendants it reaped, from `wait4`.
        var peakKilobytes = 0
        var waiters: [CheckedContinuation<ProcessExit, Never>] = []
        var handlers: [@Sendable (ProcessExit) -> Void] = []
    }

    init(pid: pid_t, outputFD: Int32, isolationFailure: String?, hasPrivateTmp: Bool, hasOwnRoot: Bool, ownRootFailure: String?,
         sandbox: SandboxHandle? = nil) {
        self.pid = pid
        self.outputFD = outputFD
        self.isolationFailure = isolationFailure
        self.hasPrivateTmp = hasPrivateTmp
        self.hasOwnRoot = hasOwnRoot
        self.ownRootFailure = ownRootFailure
        self.sandbox = sandbox
    }

    /// Starts `spec`. Throws ``MiniLambdaError`` with code `.interpreterMissing` when the
    /// executable cannot be found, `.system` for other failures.
    static func launch(_ spec: LaunchSpec) throws(MiniLambdaError) -> ChildProcess {
        guard let path = resolveExecutable(spec.executable, path: spec.environment["PATH"] ?? ProcessInfo.processInfo.environment["PATH"]) else {
            throw MiniLambdaError(.interpreterMissing, "'\(spec.executable)' was not found on PATH; install it to run functions on this runtime")
        }
        var fds: [Int32] = [0, 0]
        guard cps_pipe_cloexec(&fds) == 0 else {
            throw MiniLambdaError(.system, "cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        let devNull = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer {
            close(fds[1])
            if devNull >= 0 { close(devNull) }
        }
        let writeFD = fds[1]
        let argv = [path] + spec.arguments
        let envp = Self.environmentStrings(spec.environment)
        let privateEnvp = spec.privateTmp.map { Self.environmentStrings($0.environment) } ?? []
        let privateTmpOptions = spec.privateTmp?.options
        let root = spec.ownRoot
        let rootSteps = root?.steps ?? []
        let rootKinds = rootSteps.map { Int32($0.kind.rawValue) }
        let rootSources = rootSteps.map(\.source)
        let rootTargets = rootSteps.map { (root?.directory ?? "") + $0.path }
        let rootArgv = root.map { [path] + $0.arguments } ?? []
        let rootEnvp = root.map { Self.environmentStrings($0.environment) } ?? []
        // Formatted here: the forked child may not allocate.
        let uidMap = "\(geteuid()) \(geteuid()) 1\n"
        let gidMap = "\(getegid()) \(getegid()) 1\n"
        let result = ProcessSpawner.shared.spawn { () -> (Int32, pid_t, Int32, Int32) in
            withCStrings(argv) { argvPointer in
                withCStrings(envp) { envPointer in
                    path.withCString { pathPointer in
                        spec.workingDirectory.withCString { cwdPointer in
                            withOptionalCString(spec.readOnlyDirectory) { readOnlyPointer in
                                uidMap.withCString { uidMapPointer in
                                    gidMap.withCString { gidMapPointer in
                                        withOptionalCString(privateTmpOptions) { tmpOptionsPointer in
                                            withCStrings(privateEnvp) { privateEnvPointer in
                                                withOptionalCString(root?.directory) { rootPointer in
                                                    withOptionalCString(root?.workingDirectory) { rootCwdPointer in
                                                        withCStrings(rootSources) { sourcesPointer in
                                                            withCStrings(rootTargets) { targetsPointer in
                                                                withCStrings(rootArgv) { rootArgvPointer in
                                                                    withCStrings(rootEnvp) { rootEnvPointer in
                                                                        rootKinds.withUnsafeBufferPointer { kindsPointer in
                                                                            var request = cps_request(
                                                                                path: pathPointer, argv: argvPointer, envp: envPointer, cwd: cwdPointer,
                                                                                stdin_fd: devNull, output_fd: writeFD,
                                                                                address_space_limit: spec.addressSpaceLimit,
                                                                                read_only_dir: readOnlyPointer, uid_map: uidMapPointer, gid_map: gidMapPointer,
                                                                                private_tmp_options: tmpOptionsPointer, private_envp: privateEnvPointer,
                                                                                root_dir: rootPointer, root_kinds: kindsPointer.baseAddress,
                                                                                root_sources: UnsafeRawPointer(sourcesPointer).assumingMemoryBound(to: UnsafePointer<CChar>?.self),
                                                                                root_targets: UnsafeRawPointer(targetsPointer).assumingMemoryBound(to: UnsafePointer<CChar>?.self),
                                                                                root_steps: Int32(rootKinds.count),
                                                                                root_argv: rootArgvPointer, root_envp: rootEnvPointer, root_cwd: rootCwdPointer,
                                                                                refuse_namespaces: spec.refuseNamespaces ? 1 : 0)
                                                                            var pid: pid_t = 0
                                                                            var isolationErrno: Int32 = 0
                                                                            var rootErrno: Int32 = 0
                                                                            let code = cps_spawn(&request, &pid, &isolationErrno, &rootErrno)
                                                                            return (code, pid, isolationErrno, rootErrno)
                                                                        }
                                                                    }
                                                                }
                                                            }
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        guard result.0 == 0 else {
            close(fds[0])
            throw MiniLambdaError(.system, "cannot start \(path): \(String(cString: strerror(result.0)))")
        }
        let flags = fcntl(fds[0], F_GETFL)
        _ = fcntl(fds[0], F_SETFL, flags | O_NONBLOCK)
        let isolationFailure = result.2 == 0 ? nil : String(cString: strerror(result.2))
        let ownRootFailure = result.3 == 0 ? nil : String(cString: strerror(result.3))
        let hasOwnRoot = spec.readOnlyDirectory != nil && root != nil && result.2 == 0 && result.3 == 0
        let child = ChildProcess(pid: result.1, outputFD: fds[0], isolationFailure: isolationFailure,
                                 hasPrivateTmp: hasOwnRoot || (spec.readOnlyDirectory != nil && spec.privateTmp != nil && result.2 == 0),
                                 hasOwnRoot: hasOwnRoot, ownRootFailure: ownRootFailure)
        child.register()
        return child
    }

    /// Registers a started child and reaps it when it ends (``launch(_:)`` and the sandbox's launch).
    func register() {
        ProcessRegistry.shared.insert(pid, freezer: sandbox?.freezer)
        watchExit()
    }

    /// `KEY=value` strings in a stable order, for execve.
    static func environmentStrings(_ environment: [String: String]) -> [String] {
        environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }

    /// Reaps the child on a thread of its own: `waitpid` blocks, and learners have only a few
    /// environments, so a thread each is cheaper than a SIGCHLD handler shared with the app.
    private func watchExit() {
        let pid = self.pid
        let thread = Thread { [self] in
            var status: Int32 = 0
            var usage = rusage()
            // wait4, not waitpid: its rusage keeps the peak memory of a runtime that exited
            // (sys.exit, process.exit) before /proc could be read for REPORT's Max Memory Used.
            while wait4(pid, &status, 0, &usage) < 0 {
                if errno != EINTR {
                    status = 9 // treat as killed; the pid is gone either way
                    break
                }
            }
            // The runtime is gone, so the environment is: take down whatever the handler forked
            // too, while the group id still names only our processes.
            _ = kill(-pid, SIGKILL)
            ProcessRegistry.shared.remove(pid)
            // A sandbox's pid 1 reports how the runtime ended before it goes.
            if let reported = self.sandbox?.finish() { status = reported }
            let exit = ProcessExit(waitStatus: status)
            let peak = Int(usage.ru_maxrss)
            let (waiters, handlers) = self.exit.withLock { state in
                state.status = exit
                state.peakKilobytes = peak
                defer { state.waiters = []; state.handlers = [] }
                return (state.waiters, state.handlers)
            }
            for handler in handlers { handler(exit) }
            for waiter in waiters { waiter.resume(returning: exit) }
        }
        thread.name = "lambda-env-\(pid)-wait"
        thread.stackSize = 64 * 1024
        thread.start()
    }

    var exitStatus: ProcessExit? { exit.withLock { $0.status } }

    /// Peak resident kB of the process tree as `wait4` reported it when the process was reaped
    /// (0 while it runs).
    var reapedPeakKilobytes: Int { exit.withLock { $0.peakKilobytes } }

    /// Calls `handler` once when the process ends (at once if it already has).
    func onExit(_ handler: @escaping @Sendable (ProcessExit) -> Void) {
        let done = exit.withLock { state -> ProcessExit? in
            if let status = state.status { return status }
            state.handlers.append(handler)
            return nil
        }
        if let done { handler(done) }
    }

    /// Waits until the process has ended and been reaped.
    func waitForExit() async -> ProcessExit {
        await withCheckedContinuation { continuation in
            let done = exit.withLock { state -> ProcessExit? in
                if let status = state.status { return status }
                state.waiters.append(continuation)
                return nil
            }
            if let done { continuation.resume(returning: done) }
        }
    }

    /// Signals the whole process group: the runtime and everything the handler forked.
    func signalGroup(_ signal: Int32) {
        _ = kill(-pid, signal)
    }

    /// Stops every process of the environment while it is idle: the sandbox's way (freezer
    /// cgroup, or SIGSTOP from its pid 1 to the whole namespace), else SIGSTOP to the process
    /// group (what left the group keeps running: the fallback's limit).
    func freeze() {
        if let sandbox { return sandbox.freeze() }
        groupFrozen.withLock { frozen in
            guard !frozen, exitStatus == nil else { return }
            frozen = kill(-pid, SIGSTOP) == 0
        }
    }

    func thaw() {
        if let sandbox { return sandbox.thaw() }
        groupFrozen.withLock { frozen in
            guard frozen else { return }
            frozen = false
            _ = kill(-pid, SIGCONT)
        }
    }

    var isFrozen: Bool { sandbox?.isFrozen ?? groupFrozen.withLock { $0 } }

    static func resolveExecutable(_ name: String, path: String?) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

/// Every process group the runtime has started and not yet reaped, so the app can kill them all
/// synchronously on its way out (a signal handler's dispatch source, `atexit`), even when the
/// async shutdown cannot run.
final class ProcessRegistry: Sendable {
    static let shared = ProcessRegistry()
    private let groups = Mutex<[pid_t: FreezerCgroup?]>([:])

    func insert(_ pid: pid_t, freezer: FreezerCgroup? = nil) { groups.withLock { $0[pid] = .some(freezer) } }
    func remove(_ pid: pid_t) { groups.withLock { _ = $0.removeValue(forKey: pid) } }
    var all: Set<pid_t> { groups.withLock { Set($0.keys) } }

    /// SIGKILL to every group we own (thawed first: a frozen process cannot die). Returns how
    /// many groups were signalled.
    @discardableResult
    func killAll() -> Int {
        let entries = groups.withLock { $0 }
        for case let (_, freezer?) in entries { freezer.thaw() }
        for pid in entries.keys { _ = kill(-pid, SIGKILL) }
        return entries.count
    }
}

/// Runs every fork on one thread that lives as long as the process (see ``ChildProcess``).
final class ProcessSpawner: @unchecked Sendable {
    // @unchecked: `queue` and `pending` are only touched with `condition` locked.
    static let shared = ProcessSpawner()

    private let condition = NSCondition()
    private var pending: [() -> Void] = []

    private init() {
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "lambda-spawner"
        thread.stackSize = 256 * 1024
        thread.start()
    }

    private func loop() {
        while true {
            condition.lock()
            while pending.isEmpty { condition.wait() }
            let work = pending.removeFirst()
            condition.unlock()
            work()
        }
    }

    /// Runs `body` on the spawner thread and waits for its result (a fork takes well under a
    /// millisecond, so blocking the caller is fine).
    func spawn<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        let done = NSCondition()
        let result = Mutex<T?>(nil)
        let finished = Mutex(false)
        condition.lock()
        pending.append {
            let value = body()
            done.lock()
            result.withLock { $0 = value }
            finished.withLock { $0 = true }
            done.signal()
            done.unlock()
        }
        condition.signal()
        condition.unlock()
        done.lock()
        while !finished.withLock({ $0 }) { done.wait() }
        done.unlock()
        return result.withLock { $0! }
    }
}

/// Calls `body` with a NULL-terminated C array of the strings, valid only inside `body`.
func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

/// `string.withCString`, or a null pointer for nil (C's "not asked").
func withOptionalCString<R>(_ string: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let string else { return body(nil) }
    return string.withCString { body($0) }
}
