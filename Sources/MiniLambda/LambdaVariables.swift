import Foundation
import LambdaModel

/// The environment variables a function sees: Lambda's reserved ones, Lambda's defaults for the
/// ones a function may change (`LANG`, `PATH`, `LD_LIBRARY_PATH`, `TZ`), and the one the tutor
/// must add. Nothing else of the tutor's own environment reaches a function.
enum LambdaVariables {
    /// Lambda's `PATH`: the runtime's `bin` first, layers' `/opt/bin` last.
    static let path = "/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin"
    /// Lambda's `LD_LIBRARY_PATH`, layers' `/opt/lib` last.
    static let libraryPath = "/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib"
    /// Entries of Lambda's paths: places inside the environment, never folders of this machine
    /// to bring into the sandbox.
    static let lambdaPathEntries = Set((path + ":" + libraryPath).split(separator: ":").map(String.init))

    /// Whether a path entry is a place inside the environment (Lambda's paths, layers' /opt
    /// folders), not a folder of this machine to bind in.
    static func isLambdaPathEntry(_ entry: String) -> Bool {
        lambdaPathEntries.contains(entry) || entry.hasPrefix("/opt/nodejs/") || entry.hasPrefix("/opt/python")
    }

    /// Lambda's layer folders on NODE_PATH: `/opt/nodejs/nodeNN/node_modules` (the runtime's
    /// major version) then `/opt/nodejs/node_modules`.
    static func nodeLayerPaths(_ runtime: String) -> [String] {
        let major = runtime.dropFirst("nodejs".count).prefix { $0.isNumber }
        return (major.isEmpty ? [] : ["/opt/nodejs/node\(major)/node_modules"]) + ["/opt/nodejs/node_modules"]
    }

    /// The execution role's credentials on AWS. Here they are local stand-ins that say what they
    /// are: an SDK finds credentials (and signs its calls to the tutor's endpoint), and AWS
    /// itself would refuse them.
    static let credentials = [
        "AWS_ACCESS_KEY_ID": "ASIALAMBDATUTORLOCAL",
        "AWS_SECRET_ACCESS_KEY": "lambda-tutor-fake-secret-key-not-valid-on-aws",
        "AWS_SESSION_TOKEN": "lambda-tutor-fake-session-token-for-local-use-only-not-valid-on-aws",
    ]

    /// The X-Ray variables Lambda sets. There is no X-Ray daemon here: the address is an unused
    /// loopback port, so an X-Ray SDK's segments go nowhere (with `LOG_ERROR`, as on AWS, a
    /// missing segment is logged, not raised).
    static let xray = [
        "AWS_XRAY_CONTEXT_MISSING": "LOG_ERROR",
        "AWS_XRAY_DAEMON_ADDRESS": "127.0.0.1:2000",
        "_AWS_XRAY_DAEMON_ADDRESS": "127.0.0.1",
        "_AWS_XRAY_DAEMON_PORT": "2000",
    ]

    /// Every variable of a new environment but the folders (`TMPDIR`, `LAMBDA_TASK_ROOT`,
    /// `LAMBDA_RUNTIME_DIR`), which depend on how it is launched. `directory` is the tutor's
    /// folder for the environment.
    /// Which version an environment runs and how it was started: `AWS_LAMBDA_FUNCTION_VERSION`
    /// and `AWS_LAMBDA_INITIALIZATION_TYPE`.
    struct Identity: Sendable, Hashable {
        var version = FunctionVersion.latest
        var initializationType = InitializationType.onDemand
    }

    static func base(configuration: FunctionConfiguration, runtimeAPI: String, logStreamName: String, directory: String,
                     identity: Identity = Identity()) -> [String: String] {
        let parent = ProcessInfo.processInfo.environment
        var environment = configuration.environment
        // Not reserved: the function's own value wins, else Lambda's.
        if environment["PATH"] == nil { environment["PATH"] = path }
        if environment["LD_LIBRARY_PATH"] == nil { environment["LD_LIBRARY_PATH"] = libraryPath }
        if environment["LANG"] == nil { environment["LANG"] = "en_US.UTF-8" }
        if environment["TZ"] == nil { environment["TZ"] = ":UTC" }
        // Where a machine needs them to find its interpreter's modules, the tutor's own.
        for key in ["NODE_PATH", "PYTHONPATH"] where environment[key] == nil {
            if let value = parent[key] { environment[key] = value }
        }
        // Node.js finds layers' modules through NODE_PATH, which Lambda sets to the layers'
        // folders first (Python's are put on sys.path by the bootstrap).
        if configuration.runtime.family == .node, configuration.environment["NODE_PATH"] == nil {
            let layerPaths = nodeLayerPaths(configuration.runtime.identifier).joined(separator: ":")
            environment["NODE_PATH"] = [layerPaths, environment["NODE_PATH"]].compactMap { $0 }.joined(separator: ":")
        }
        environment.merge(credentials) { _, new in new }
        environment.merge(xray) { own, _ in own }
        environment.merge(configuration.logging.runtimeVariables) { _, lambda in lambda }
        environment["AWS_REGION"] = LambdaIdentity.region
        environment["AWS_DEFAULT_REGION"] = LambdaIdentity.region
        environment["AWS_EXECUTION_ENV"] = configuration.runtime.executionEnvironment
        environment["AWS_LAMBDA_FUNCTION_NAME"] = configuration.functionName
        environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = String(configuration.memorySize)
        environment["AWS_LAMBDA_FUNCTION_VERSION"] = identity.version
        environment["AWS_LAMBDA_INITIALIZATION_TYPE"] = identity.initializationType.rawValue
        environment["AWS_LAMBDA_LOG_GROUP_NAME"] = configuration.logGroupName
        environment["AWS_LAMBDA_LOG_STREAM_NAME"] = logStreamName
        environment["AWS_LAMBDA_RUNTIME_API"] = runtimeAPI
        environment["_HANDLER"] = configuration.handler
        // The one variable Lambda has not: the environment's folder on this machine. The tutor
        // (and its tests) tell an environment's processes apart from all others' by it.
        environment["LAMBDA_TUTOR_ENVIRONMENT"] = directory
        return environment
    }

    /// The interpreter's folder at the end of `PATH` when it is not on it already: Lambda's
    /// interpreter lives in /var/lang/bin, this machine's elsewhere, and a handler that starts
    /// `python3` or `node` must find the same one.
    static func addInterpreter(_ executable: String, to environment: inout [String: String]) {
        guard executable.hasPrefix("/") else { return }
        let folder = (executable as NSString).deletingLastPathComponent
        let entries = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        guard !entries.contains(folder) else { return }
        environment["PATH"] = (entries + [folder]).joined(separator: ":")
    }
}
