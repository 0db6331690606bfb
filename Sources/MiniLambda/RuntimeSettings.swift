import Foundation

/// Knobs of the mini runtime that are the tutor's own choices, not Lambda facts.
public struct RuntimeSettings: Sendable {
    /// How long an idle environment stays warm before it is shut down. Lambda does not publish
    /// this; learners can shorten it to see cold starts come back.
    public var keepWarm: Duration
    /// Most environments alive at once (all functions together), to protect a small machine.
    public var maxEnvironments: Int
    /// Where environments get their private task and temp folders.
    public var scratchRoot: URL
    /// Bill INIT on cold starts, as AWS does since August 2025; off shows the old rule.
    public var includeInitInBilledDuration: Bool
    /// Run another bootstrap instead of ours (the conformance test runs `awslambdaric`).
    public var bootstrapOverrides: [FunctionRuntime.Family: BootstrapCommand]
    /// How often a running invocation's memory is checked against its memory size.
    public var memoryCheckInterval: Duration
    /// Extra address space granted to Python above the memory size (RLIMIT_AS counts virtual
    /// memory, which is larger than what is resident); the RSS check enforces the real limit.
    public var pythonAddressSpaceHeadroomMB: Int

    public init(keepWarm: Duration = .seconds(600), maxEnvironments: Int = 10,
                scratchRoot: URL = RuntimeSettings.defaultScratchRoot(),
                includeInitInBilledDuration: Bool = true,
                bootstrapOverrides: [FunctionRuntime.Family: BootstrapCommand] = [:],
                memoryCheckInterval: Duration = .milliseconds(50), pythonAddressSpaceHeadroomMB: Int = 256) {
        self.keepWarm = keepWarm
        self.maxEnvironments = maxEnvironments
        self.scratchRoot = scratchRoot
        self.includeInitInBilledDuration = includeInitInBilledDuration
        self.bootstrapOverrides = bootstrapOverrides
        self.memoryCheckInterval = memoryCheckInterval
        self.pythonAddressSpaceHeadroomMB = pythonAddressSpaceHeadroomMB
    }

    /// `$LAMBDA_TUTOR_SCRATCH` if set, else `/var/tmp/lambda-tutor-envs-<uid>`, else (no
    /// writable /var/tmp) `$TMPDIR/lambda-tutor-envs-<uid>`.
    ///
    /// Not under /tmp: each environment gets a private /tmp mounted over the machine's, which
    /// would hide its own code folder if that lived under /tmp too.
    public static func defaultScratchRoot(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let chosen = environment["LAMBDA_TUTOR_SCRATCH"], !chosen.isEmpty {
            return URL(fileURLWithPath: (chosen as NSString).expandingTildeInPath, isDirectory: true)
        }
        let name = "lambda-tutor-envs-\(getuid())"
        if access("/var/tmp", W_OK | X_OK) == 0 {
            return URL(fileURLWithPath: "/var/tmp", isDirectory: true).appendingPathComponent(name, isDirectory: true)
        }
        return FileManager.default.temporaryDirectory.appendingPathComponent(name, isDirectory: true)
    }
}

/// A bootstrap command other than the tutor's own. The handler string is passed in `_HANDLER`
/// and, when `passHandlerAsArgument`, also as the last argument (as `awslambdaric` expects).
public struct BootstrapCommand: Sendable {
    public var executable: String
    public var arguments: [String]
    public var passHandlerAsArgument: Bool

    public init(executable: String, arguments: [String], passHandlerAsArgument: Bool = true) {
        self.executable = executable
        self.arguments = arguments
        self.passHandlerAsArgument = passHandlerAsArgument
    }

    /// The official Python runtime interface client, installed in `python` (a venv's
    /// interpreter): `python -m awslambdaric HANDLER`.
    public static func awslambdaric(python: String) -> BootstrapCommand {
        BootstrapCommand(executable: python, arguments: ["-m", "awslambdaric"])
    }
}
