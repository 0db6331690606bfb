import Foundation
import TutorSupport

/// Knobs of the mini runtime that are the tutor's own choices, not Lambda facts.
package struct RuntimeSettings: Sendable {
    /// How long an idle environment stays warm before it is shut down. Lambda does not publish
    /// this; learners can shorten it to see cold starts come back.
    package var keepWarm: Duration
    /// Most environments alive at once (all functions together), to protect a small machine.
    package var maxEnvironments: Int
    /// Where environments get their private task and temp folders. Checked before use (see
    /// ``PrivateFolder``): it must be the learner's own and writable by no one else.
    package var scratchRoot: URL
    /// Bill INIT on cold starts, as AWS does since August 2025; off shows the old rule.
    package var includeInitInBilledDuration: Bool
    /// Run another bootstrap instead of ours (the conformance test runs `awslambdaric`).
    package var bootstrapOverrides: [FunctionRuntime.Family: BootstrapCommand]
    /// How often a running invocation's memory is checked against its memory size.
    package var memoryCheckInterval: Duration
    /// Extra address space granted to Python above the memory size (RLIMIT_AS counts virtual
    /// memory, which is larger than what is resident); the RSS check enforces the real limit.
    package var pythonAddressSpaceHeadroomMB: Int
    /// Whether environments run in a sandbox of their own (namespaces); see ``Isolation``.
    package var isolation: Isolation
    /// Folders of the machine no function may see even where the machine's folders are bound
    /// in (the learner's data folder, home and runtime folder are added by the ``Invoker``).
    package var privatePaths: [URL]
    /// Ports the tutor serves inside each sandbox besides the Runtime API; see ``InsideService``.
    package var insideServices: [InsideService]
    /// Freeze idle environments with a freezer cgroup where the tutor may make one (root);
    /// false, or where it may not, their pid 1 stops them with SIGSTOP instead.
    package var freezesWithCgroup = true
    /// Where the workers read the time of day (log times, the deadline they hand the runtime,
    /// an environment's last use for keep-warm), injected so tests can move time instead of
    /// sleeping. Durations (REPORT figures, timeouts) use Swift's `ContinuousClock`.
    package var wallClock: any WallClock

    /// Whether the tutor puts each environment in a sandbox of user, mount, pid, IPC and network
    /// namespaces (the default), or behaves as on a system that refuses them.
    package enum Isolation: Sendable, Hashable {
        /// A sandbox where the system allows one; where it refuses, the environment runs
        /// without one, and `envs` and the first invoke say what that gives up.
        case sandboxWhereAvailable
        /// As if the system refused namespaces: the fallback path, for tests and for comparison.
        case refuseNamespaces
    }

    package init(keepWarm: Duration = .seconds(600), maxEnvironments: Int = 10,
                scratchRoot: URL = RuntimeSettings.defaultScratchRoot(),
                includeInitInBilledDuration: Bool = true,
                bootstrapOverrides: [FunctionRuntime.Family: BootstrapCommand] = [:],
                memoryCheckInterval: Duration = .milliseconds(50), pythonAddressSpaceHeadroomMB: Int = 256,
                isolation: Isolation = RuntimeSettings.defaultIsolation(), privatePaths: [URL] = [],
                insideServices: [InsideService] = [], wallClock: any WallClock = SystemWallClock()) {
        self.keepWarm = keepWarm
        self.maxEnvironments = maxEnvironments
        self.scratchRoot = scratchRoot
        self.includeInitInBilledDuration = includeInitInBilledDuration
        self.bootstrapOverrides = bootstrapOverrides
        self.memoryCheckInterval = memoryCheckInterval
        self.pythonAddressSpaceHeadroomMB = pythonAddressSpaceHeadroomMB
        self.isolation = isolation
        self.privatePaths = privatePaths
        self.insideServices = insideServices
        self.wallClock = wallClock
    }

    /// `LAMBDA_TUTOR_NAMESPACES=off` behaves as a system that refuses namespaces (to try the
    /// fallback, and for the tests that drive the binary); anything else uses them.
    package static func defaultIsolation(environment: [String: String] = ProcessInfo.processInfo.environment) -> Isolation {
        environment["LAMBDA_TUTOR_NAMESPACES"] == "off" ? .refuseNamespaces : .sandboxWhereAvailable
    }

    /// `$LAMBDA_TUTOR_SCRATCH` if set; else `$XDG_RUNTIME_DIR/lambda-tutor` when that folder is
    /// the learner's own (a tmpfs that goes at logout); else `environments` in the data folder.
    ///
    /// Never a fixed name in a shared folder such as /var/tmp, which another user could create
    /// first. Each environment sees its own folder under it only as /var/task and /tmp.
    package static func defaultScratchRoot(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let chosen = environment["LAMBDA_TUTOR_SCRATCH"], !chosen.isEmpty {
            return URL(fileURLWithPath: (chosen as NSString).expandingTildeInPath, isDirectory: true)
        }
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/"), PrivateFolder.isPrivate(runtime) {
            return URL(fileURLWithPath: runtime, isDirectory: true).appendingPathComponent("lambda-tutor", isDirectory: true)
        }
        return DataHome.resolve(environment: environment).root.appendingPathComponent("environments", isDirectory: true)
    }

    /// The ids a function runs as inside its user namespace: unprivileged, the same for every
    /// learner (the tutor's choice; any ids but 0 would do).
    package static let sandboxUserID: UInt32 = 993
    package static let sandboxGroupID: UInt32 = 990
    /// What those ids are outside when the tutor runs as root: ids no account uses, so the
    /// function owns nothing of the machine (anyone else's tutor maps the learner's own ids).
    package static let rootSandboxHostUserID: UInt32 = 2_000_000_993
    package static let rootSandboxHostGroupID: UInt32 = 2_000_000_990
}

/// A port the tutor serves inside every sandbox besides the Runtime API (9001), for what a
/// handler reaches on 127.0.0.1 without leaving its network namespace.
///
/// The hook for the tutor's own AWS endpoint (Lambda, SQS and SNS for boto3 inside a handler,
/// `AWS_ENDPOINT_URL=http://127.0.0.1:4566`): the sandbox binds `port` inside, as it binds the
/// Runtime API, and hands the listening descriptor to `adopt`, which serves it (e.g. with NIO's
/// `ServerBootstrap.withBoundSocket`) and returns how to stop it. `environment` is added to the
/// function's environment variables. Environments that share the machine's network
/// (`network=host`) get no inside ports: they reach the endpoint on the machine's loopback,
/// and get `outsideEnvironment` instead (asked at each start, since that port may change),
/// as do environments the system gives no sandbox.
package struct InsideService: Sendable {
    package var port: UInt16
    package var environment: [String: String]
    package var adopt: @Sendable (_ listeningDescriptor: Int32, _ environmentID: String) async -> (@Sendable () async -> Void)
    /// The variables for an environment on the machine's network (e.g. the endpoint's loopback URL).
    package var outsideEnvironment: (@Sendable () async -> [String: String])?

    package init(port: UInt16, environment: [String: String] = [:],
                outsideEnvironment: (@Sendable () async -> [String: String])? = nil,
                adopt: @escaping @Sendable (_ listeningDescriptor: Int32, _ environmentID: String) async -> (@Sendable () async -> Void)) {
        self.port = port
        self.environment = environment
        self.outsideEnvironment = outsideEnvironment
        self.adopt = adopt
    }

    /// Every service's variables for an environment outside a network namespace of its own.
    static func outsideEnvironment(_ services: [InsideService]) async -> [String: String] {
        var environment: [String: String] = [:]
        for service in services {
            if let variables = await service.outsideEnvironment?() { environment.merge(variables) { _, new in new } }
        }
        return environment
    }
}

/// A bootstrap command other than the tutor's own. The handler string is passed in `_HANDLER`
/// and, when `passHandlerAsArgument`, also as the last argument (as `awslambdaric` expects).
package struct BootstrapCommand: Sendable {
    package var executable: String
    package var arguments: [String]
    package var passHandlerAsArgument: Bool

    package init(executable: String, arguments: [String], passHandlerAsArgument: Bool = true) {
        self.executable = executable
        self.arguments = arguments
        self.passHandlerAsArgument = passHandlerAsArgument
    }

    /// The official Python runtime interface client, installed in `python` (a venv's
    /// interpreter): `python -m awslambdaric HANDLER`.
    package static func awslambdaric(python: String) -> BootstrapCommand {
        BootstrapCommand(executable: python, arguments: ["-m", "awslambdaric"])
    }
}
