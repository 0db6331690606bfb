import CProcessSpawn
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// What to start in a sandbox of its own (``ChildProcess/launchSandboxed(_:)``; the layout comes
/// from ``SandboxLayout``).
struct SandboxSpec: Sendable {
    /// The runtime's executable: a host path that the root shows at the same place.
    var executable: String
    var arguments: [String]
    var environment: [String: String]
    /// Inside the root (/var/task).
    var workingDirectory: String
    var addressSpaceLimit: UInt64
    /// The empty host folder the root is built in, and the steps (targets inside the root).
    var rootDirectory: String
    var steps: [OwnRoot.Step]
    /// Stay in the machine's network namespace (`network=host`): no ports are bound inside.
    var sharesNetwork: Bool
    /// Bound on 127.0.0.1 inside; their listening descriptors come back in the same order.
    var ports: [UInt16]
    var refuseNamespaces: Bool
    var freezer: FreezerCgroup?
}

/// Why a sandbox could not be made, in words for `envs`; `refused` when the system does not
/// allow the namespaces at all (the environment then runs without them).
struct SandboxFailure: Error, Sendable {
    var stage: cps_stage
    var code: Int32
    var step: Int
    var detail: String

    var refused: Bool { stage == CPS_STAGE_CLONE }
    /// Whether the failure is the system's (so no sandbox will work this session), not one
    /// runtime's that cannot start in it.
    var isSystemWide: Bool { stage != CPS_STAGE_EXEC }

    var description: String {
        let reason = String(cString: strerror(code))
        switch stage {
        case CPS_STAGE_CLONE: return "this system refused the namespaces an environment needs (\(reason))"
        case CPS_STAGE_ID_MAP: return "this system refused the environment's user ids (\(reason))"
        case CPS_STAGE_MOUNT: return "the environment's root could not be built at \(detail.isEmpty ? "its folder" : detail) (\(reason))"
        case CPS_STAGE_PIVOT: return "the environment's root could not be entered (\(reason))"
        case CPS_STAGE_NETWORK: return "the environment's network could not be set up (\(reason))"
        case CPS_STAGE_IDENTITY: return "the environment's unprivileged user could not be taken (\(reason))"
        case CPS_STAGE_EXEC: return "the runtime could not be started in the sandbox (\(reason))"
        default: return "the sandbox's first process ended before it reported (\(reason))"
        }
    }
}

/// The tutor's side of a running sandbox: the control socket to its pid 1, the listening
/// sockets pid 1 handed over, and how the environment is frozen.
final class SandboxHandle: Sendable {
    let freezer: FreezerCgroup?
    private let state: Mutex<State>

    private struct State {
        var control: Int32
        var listeners: [Int32]
        var frozen = false
    }

    init(control: Int32, listeners: [Int32], freezer: FreezerCgroup?) {
        self.freezer = freezer
        self.state = Mutex(State(control: control, listeners: listeners))
    }

    /// The listening descriptors, in the order of ``SandboxSpec/ports``; the caller owns them.
    func takeListeners() -> [Int32] {
        state.withLock { state in
            defer { state.listeners = [] }
            return state.listeners
        }
    }

    var isFrozen: Bool { state.withLock { $0.frozen } }

    /// Stops every process of the environment: the freezer cgroup, else SIGSTOP from pid 1.
    func freeze() {
        state.withLock { state in
            guard state.control >= 0, !state.frozen else { return }
            if let freezer, freezer.freeze() {
                state.frozen = true
            } else if cps_send_message(state.control, Int32(CPS_MESSAGE_FREEZE), 0, 0) == 0 {
                state.frozen = true
            }
        }
    }

    func thaw() {
        state.withLock { state in
            guard state.control >= 0, state.frozen else { return }
            state.frozen = false
            if let freezer { freezer.thaw() } else { _ = cps_send_message(state.control, Int32(CPS_MESSAGE_THAW), 0, 0) }
        }
    }

    /// After pid 1 was reaped: the runtime's wait status pid 1 reported (nil when it had no
    /// time to), and everything of the sandbox closed.
    func finish() -> Int32? {
        let (control, listeners) = state.withLock { state -> (Int32, [Int32]) in
            defer { state.control = -1; state.listeners = []; state.frozen = false }
            return (state.control, state.listeners)
        }
        for fd in listeners { close(fd) }
        var status: Int32?
        if control >= 0 {
            var message = cps_message()
            while cps_poll_message(control, &message) == 1 {
                if message.kind == Int32(CPS_MESSAGE_EXITED) { status = message.value }
            }
            close(control)
        }
        freezer?.remove()
        return status
    }
}

extension ChildProcess {
    /// Starts `spec` as pid 1's runtime in a sandbox of its own. Throws ``SandboxFailure`` when
    /// the sandbox cannot be made (nothing is left running then); the caller falls back.
    static func launchSandboxed(_ spec: SandboxSpec) throws(SandboxFailure) -> ChildProcess {
        var fds: [Int32] = [0, 0]
        guard cps_pipe_cloexec(&fds) == 0 else { throw SandboxFailure(stage: CPS_STAGE_EXEC, code: errno, step: 0, detail: "") }
        let devNull = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer {
            close(fds[1])
            if devNull >= 0 { close(devNull) }
        }
        let tutorIsRoot = geteuid() == 0
        let outsideUID = tutorIsRoot ? RuntimeSettings.rootSandboxHostUserID : geteuid()
        let outsideGID = tutorIsRoot ? RuntimeSettings.rootSandboxHostGroupID : getegid()
        // A root tutor also maps root, for pid 1 alone: it builds the root (files it creates
        // need an owner the namespace knows), then becomes the unprivileged user like the runtime.
        let rootLine = tutorIsRoot ? "0 0 1\n" : ""
        let arena = CStringArena()
        var request = cps_sandbox_request()
        request.path = arena.string(spec.executable)
        request.argv = arena.array([spec.executable] + spec.arguments)
        request.envp = arena.array(ChildProcess.environmentStrings(spec.environment))
        request.cwd = arena.string(spec.workingDirectory)
        request.stdin_fd = devNull
        request.output_fd = fds[1]
        request.address_space_limit = spec.addressSpaceLimit
        request.root_dir = arena.string(spec.rootDirectory)
        let kinds = spec.steps.map { Int32($0.kind.rawValue) }
        request.root_sources = arena.constArray(spec.steps.map(\.source))
        request.root_targets = arena.constArray(spec.steps.map { spec.rootDirectory + $0.path })
        request.root_steps = Int32(kinds.count)
        request.share_network = spec.sharesNetwork ? 1 : 0
        request.port_count = Int32(spec.ports.count)
        request.uid_map = arena.string(rootLine + "\(RuntimeSettings.sandboxUserID) \(outsideUID) 1\n")
        request.gid_map = arena.string(rootLine + "\(RuntimeSettings.sandboxGroupID) \(outsideGID) 1\n")
        request.deny_setgroups = tutorIsRoot ? 0 : 1
        request.drop_to_inside = tutorIsRoot ? 1 : 0
        request.inside_uid = RuntimeSettings.sandboxUserID
        request.inside_gid = RuntimeSettings.sandboxGroupID
        request.init_fd = InitProgram.descriptor
        request.freezer_procs_fd = spec.freezer?.procsFD ?? -1
        request.freezer_state_fd = spec.freezer?.stateFD ?? -1
        request.freezer_cgroup_fd = spec.freezer?.cgroupFD ?? -1
        request.refuse_namespaces = spec.refuseNamespaces ? 1 : 0
        let ports = spec.ports
        let sendable = UnsafeSendable(request)
        let outcome = ProcessSpawner.shared.spawn { () -> (Int32, UnsafeSendable<cps_sandbox_result>) in
            var request = sendable.value
            var result = cps_sandbox_result()
            let code = kinds.withUnsafeBufferPointer { kindsPointer in
                ports.withUnsafeBufferPointer { portsPointer in
                    request.root_kinds = kindsPointer.baseAddress
                    request.ports = portsPointer.baseAddress
                    return cps_spawn_sandbox(&request, &result)
                }
            }
            return (code, UnsafeSendable(result))
        }
        withExtendedLifetime(arena) {}
        spec.freezer?.closeProcs()
        let result = outcome.1.value
        guard outcome.0 == 0 else {
            close(fds[0])
            let stage = cps_stage(rawValue: UInt32(result.failed_stage))
            let step = Int(result.failed_step)
            let detail = stage == CPS_STAGE_MOUNT && spec.steps.indices.contains(step) ? spec.steps[step].path : ""
            throw SandboxFailure(stage: stage, code: outcome.0, step: step, detail: detail)
        }
        let flags = fcntl(fds[0], F_GETFL)
        _ = fcntl(fds[0], F_SETFL, flags | O_NONBLOCK)
        let listeners = withUnsafeBytes(of: result.listen_fds) { Array($0.bindMemory(to: Int32.self).prefix(spec.sharesNetwork ? 0 : ports.count)) }
        let handle = SandboxHandle(control: result.control_fd, listeners: listeners, freezer: spec.freezer)
        let child = ChildProcess(pid: result.pid, outputFD: fds[0], isolationFailure: nil, hasPrivateTmp: true, hasOwnRoot: true,
                                 ownRootFailure: nil, sandbox: handle)
        child.register()
        return child
    }
}

/// `lambda-tutor-init`, the sandboxes' pid 1, opened once (O_PATH) from beside the tutor's own
/// executable, or from PATH. Without it pid 1 still works, but stays a copy of the tutor's
/// memory (pages the tutor writes later are then copied once per environment): install it
/// beside `lambda-tutor`.
enum InitProgram {
    static let descriptor: Int32 = {
        var candidates: [String] = []
        if let own = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append((own as NSString).deletingLastPathComponent + "/lambda-tutor-init")
        }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append("\(directory)/lambda-tutor-init")
        }
        for candidate in candidates where access(candidate, X_OK) == 0 {
            let fd = cps_open_path(candidate)
            if fd >= 0 { return fd }
        }
        return -1
    }()

    static var isAvailable: Bool { descriptor >= 0 }
}

/// C strings and string arrays that live as long as the arena (for a request handed to C).
final class CStringArena {
    private var allocations: [UnsafeMutablePointer<CChar>] = []
    private var arrays: [UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>] = []

    func string(_ text: String) -> UnsafePointer<CChar> {
        let copy = strdup(text)!
        allocations.append(copy)
        return UnsafePointer(copy)
    }

    /// A NULL-terminated `char *const *`.
    func array(_ strings: [String]) -> UnsafePointer<UnsafeMutablePointer<CChar>?> {
        let buffer = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: strings.count + 1)
        for (index, text) in strings.enumerated() {
            let copy = strdup(text)!
            allocations.append(copy)
            buffer[index] = copy
        }
        buffer[strings.count] = nil
        arrays.append(buffer)
        return UnsafePointer(buffer)
    }

    /// A `const char *const *` of `strings.count` entries (and a NULL after them).
    func constArray(_ strings: [String]) -> UnsafePointer<UnsafePointer<CChar>?> {
        UnsafeRawPointer(array(strings)).assumingMemoryBound(to: UnsafePointer<CChar>?.self)
    }

    deinit {
        for pointer in allocations { free(pointer) }
        for array in arrays { array.deallocate() }
    }
}

/// A value moved to the spawner thread and back. @unchecked: it holds raw pointers into an
/// arena that outlives the call, and the caller waits for the spawner thread to finish with it.
struct UnsafeSendable<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
