import CProcessSpawn
import Foundation
import LambdaModel
import NIOCore
import Synchronization
import TutorSupport

/// Starting an environment: its folders, its Runtime API endpoint, and its runtime, in a
/// sandbox where the system allows one and as a plain child process where it does not.
extension ExecutionEnvironment {
    /// Creates the folders, starts the endpoint and spawns the runtime. INIT then runs in the
    /// child; ``awaitInit(limit:)`` waits for it.
    static func start(function: FunctionPackage, fingerprint: String, settings: RuntimeSettings, group: any EventLoopGroup,
                      reusing identity: (id: String, logStreamName: String, createdAt: Date)? = nil) async throws(MiniLambdaError) -> ExecutionEnvironment {
        StartTrace.begin()
        let id = identity?.id ?? Self.newID()
        let createdAt = identity?.createdAt ?? settings.wallClock.now()
        let logStreamName = identity?.logStreamName ?? LogFormatter.logStreamName(environmentID: id, created: createdAt, version: function.version)
        try PrivateFolder.prepare(settings.scratchRoot)
        StartTrace.mark("scratch-checked")
        let directory = settings.scratchRoot.appendingPathComponent(ScratchFolders.name(environmentID: id), isDirectory: true)
        let folders = Folders(directory: directory)
        // Tried unless this session already learnt the system refuses; a refusal the settings
        // ask for goes through the same path (cps_spawn_sandbox refuses), without being learnt.
        let sandboxed = settings.isolation == .refuseNamespaces || SandboxSupport.shared.failure == nil
        do {
            let manager = FileManager.default
            try manager.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            try manager.copyItem(at: function.codeDirectory, to: folders.task)
            StartTrace.mark("code-copied")
            if !function.layerDirectories.isEmpty {
                try LayerFolder.merge(function.layerDirectories, into: folders.opt)
            }
            try manager.createDirectory(at: folders.tmp, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            try manager.createDirectory(at: folders.root, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
            // A root tutor's sandbox runs as an id of its own, which must be able to read its code
            // (the folder above stays the tutor's alone).
            if geteuid() == 0 {
                ScratchFolders.openForReading(folders.task.path)
                if !function.layerDirectories.isEmpty { ScratchFolders.openForReading(folders.opt.path) }
            }
            StartTrace.mark("folders-made")
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw MiniLambdaError(.system, "cannot prepare the environment's folders under \(settings.scratchRoot.path): \(error.localizedDescription)")
        }
        let broker = InvocationBroker()
        var failure: SandboxFailure?
        if sandboxed {
            do {
                return try await startSandboxed(function: function, fingerprint: fingerprint, settings: settings, group: group, broker: broker,
                                                id: id, createdAt: createdAt, logStreamName: logStreamName, folders: folders)
            } catch let refusal as SandboxFailure {
                // A refusal of the system's is remembered for the session: every later cold start
                // goes straight to the fallback. A runtime that cannot start in the sandbox is
                // this function's problem only.
                failure = refusal
                if refusal.isSystemWide, settings.isolation == .sandboxWhereAvailable { SandboxSupport.shared.record(refusal) }
            } catch let error as MiniLambdaError {
                try? FileManager.default.removeItem(at: directory)
                throw error
            } catch {
                try? FileManager.default.removeItem(at: directory)
                throw MiniLambdaError(.system, "cannot start the environment: \(error)")
            }
        }
        var reason = (failure ?? SandboxSupport.shared.failure)?.description ?? "no sandbox could be made"
        if settings.isolation == .refuseNamespaces { reason += ", as the tutor was asked to act (LAMBDA_TUTOR_NAMESPACES=off)" }
        do {
            return try await startUnsandboxed(function: function, fingerprint: fingerprint, settings: settings, group: group, broker: broker,
                                              id: id, createdAt: createdAt, logStreamName: logStreamName, folders: folders, reason: reason)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    /// The environment's folder and what is in it.
    struct Folders {
        var directory: URL
        var task: URL { directory.appendingPathComponent("task", isDirectory: true) }
        var tmp: URL { directory.appendingPathComponent("tmp", isDirectory: true) }
        var runtime: URL { directory.appendingPathComponent("runtime", isDirectory: true) }
        var root: URL { directory.appendingPathComponent("root", isDirectory: true) }
        /// The function's layers merged, shown read-only at /opt (only made when it has layers).
        var opt: URL { directory.appendingPathComponent("opt", isDirectory: true) }
    }

    // MARK: - In a sandbox

    private static func startSandboxed(function: FunctionPackage, fingerprint: String, settings: RuntimeSettings, group: any EventLoopGroup,
                                       broker: InvocationBroker, id: String, createdAt: Date, logStreamName: String,
                                       folders: Folders) async throws -> ExecutionEnvironment {
        let configuration = function.configuration
        let sharesNetwork = configuration.network == .host
        // Outside a network namespace of its own, the endpoint is a guarded loopback port.
        let peerCheck = sharesNetwork ? PeerCheck() : nil
        var server: RuntimeAPIServer?
        if let peerCheck { server = try await RuntimeAPIServer.start(group: group, broker: broker, listener: .loopback(peerCheck)) }
        let runtimeAPI = server?.address ?? "127.0.0.1:\(RuntimeAPIServer.insidePort)"
        let services = sharesNetwork ? [] : settings.insideServices
        // Sharing the machine's network, it reaches the services on the machine's loopback.
        let outside = sharesNetwork ? await InsideService.outsideEnvironment(settings.insideServices) : [:]
        let freezer = settings.freezesWithCgroup ? FreezerCgroup.create(environmentID: id) : nil
        StartTrace.mark("freezer")
        var spec: SandboxSpec
        do {
            spec = try sandboxSpec(configuration: configuration, runtimeAPI: runtimeAPI, folders: folders, logStreamName: logStreamName,
                                   settings: settings, services: services, freezer: freezer, identity: function.identity,
                                   optDirectory: function.layerDirectories.isEmpty ? nil : folders.opt.path)
        } catch {
            freezer?.remove()
            await server?.close()
            throw error
        }
        spec.environment.merge(outside) { _, new in new }
        StartTrace.mark("spec")
        let spawnedAt = ContinuousClock.now
        let process: ChildProcess
        do {
            process = try ChildProcess.launchSandboxed(spec)
            StartTrace.mark("spawned")
        } catch {
            freezer?.remove()
            await server?.close()
            throw error
        }
        peerCheck?.watch(rootPID: process.pid)
        process.onExit { status in broker.close(.exited(status)) }
        var stops: [@Sendable () async -> Void] = []
        let listeners = process.sandbox?.takeListeners() ?? []
        if !sharesNetwork {
            do {
                server = try await RuntimeAPIServer.start(group: group, broker: broker, listener: .adopted(descriptor: listeners[0]))
            } catch {
                process.signalGroup(SIGKILL)
                _ = await process.waitForExit()
                for fd in listeners.dropFirst() { close(fd) }
                throw error
            }
            for (service, fd) in zip(services, listeners.dropFirst()) { stops.append(await service.adopt(fd, id)) }
        }
        StartTrace.mark("endpoint")
        return ExecutionEnvironment(id: id, configuration: configuration, fingerprint: fingerprint, logStreamName: logStreamName,
                                    createdAt: createdAt, directory: folders.directory, process: process, server: server!, spawnedAt: spawnedAt,
                                    eventLoop: group.next(), settings: settings, unsandboxedReason: nil, insideServices: stops)
    }

    /// The sandbox for `configuration`: the runtime as seen inside, the root's steps, the ports.
    static func sandboxSpec(configuration: FunctionConfiguration, runtimeAPI: String, folders: Folders, logStreamName: String,
                            settings: RuntimeSettings, services: [InsideService], freezer: FreezerCgroup?,
                            identity: LambdaVariables.Identity = LambdaVariables.Identity(),
                            optDirectory: String? = nil) throws(MiniLambdaError) -> SandboxSpec {
        let family = configuration.runtime.family
        var environment = LambdaVariables.base(configuration: configuration, runtimeAPI: runtimeAPI, logStreamName: logStreamName,
                                          directory: folders.directory.path, identity: identity)
        for service in services { environment.merge(service.environment) { _, new in new } }
        environment["TMPDIR"] = "/tmp"
        environment["LAMBDA_TASK_ROOT"] = "/var/task"
        var executable: String
        var arguments: [String]
        var runtimeDirectory: String?
        if let override = settings.bootstrapOverrides[family] {
            // "python3" or "node" means the local interpreter itself (not a version manager's
            // shell script, which needs its whole installation).
            let named = override.executable == configuration.runtime.localInterpreter ? LocalInterpreter.executable(for: configuration.runtime) : nil
            // Found on the tutor's PATH: the function's is Lambda's.
            guard let resolved = named ?? ChildProcess.resolveExecutable(override.executable, path: ProcessInfo.processInfo.environment["PATH"]) else {
                throw MiniLambdaError(.interpreterMissing, "'\(override.executable)' was not found on PATH; install it to run functions on this runtime")
            }
            executable = resolved
            arguments = override.arguments + (override.passHandlerAsArgument ? [configuration.handler] : [])
            environment["LAMBDA_RUNTIME_DIR"] = "/var/task"
        } else {
            let bootstrap = try bootstrapPath(family)
            guard let interpreter = LocalInterpreter.executable(for: configuration.runtime) else {
                throw MiniLambdaError(.interpreterMissing, "'\(configuration.runtime.localInterpreter)' was not found on PATH; install it to run \(configuration.runtime) functions")
            }
            executable = interpreter
            // The Python bootstrap compiled once for this interpreter, when it is ready.
            let compiled = family == .python
                ? BootstrapCache.shared.prepared(interpreter: interpreter, bootstrap: bootstrap, scratchRoot: settings.scratchRoot) : nil
            if let compiled {
                runtimeDirectory = compiled.folder
            } else {
                runtimeDirectory = try ScratchFolders.bootstrapFolder(bootstrap, copyingInto: folders.runtime)
            }
            let inside = "/var/runtime/" + (bootstrap as NSString).lastPathComponent
            environment["LAMBDA_RUNTIME_DIR"] = "/var/runtime"
            switch family {
            case .python:
                environment["PYTHONDONTWRITEBYTECODE"] = "1"
                // -s: no user site folder, as there is none on Lambda; without HOME (Lambda sets
                // none) Python would otherwise look the user up in the passwd database at every
                // start, which costs a cold start several milliseconds here.
                arguments = ["-u", "-s", compiled?.script ?? inside]
            case .node:
                arguments = [inside]
            }
        }
        LambdaVariables.addInterpreter(executable, to: &environment)
        var hostPaths = [executable] + arguments.filter { $0.hasPrefix("/") && !$0.hasPrefix("/var/runtime/") }
        for key in ["PYTHONPATH", "NODE_PATH", "LD_LIBRARY_PATH"] {
            // Lambda's own entries (/var/task, /opt/lib …) are the sandbox's, not the machine's.
            hostPaths += (environment[key] ?? "").split(separator: ":").map(String.init)
                .filter { $0.hasPrefix("/") && !LambdaVariables.isLambdaPathEntry($0) }
        }
        if configuration.network == .host { hostPaths.append("/etc/resolv.conf") }
        let process = ProcessInfo.processInfo.environment
        let privatePaths = settings.privatePaths.map(\.path) + [settings.scratchRoot.path, NSHomeDirectory()]
            + [process["HOME"], process["XDG_RUNTIME_DIR"]].compactMap { $0.flatMap { $0.hasPrefix("/") ? $0 : nil } }
        let steps = SandboxLayout.steps(taskRoot: folders.task.path, runtimeDirectory: runtimeDirectory,
                                        tmpOptions: "size=\(configuration.ephemeralStorageMB)m,mode=1777",
                                        hostPaths: hostPaths, privatePaths: privatePaths, optDirectory: optDirectory)
        let limit = family == .python ? UInt64(configuration.memorySize + settings.pythonAddressSpaceHeadroomMB) << 20 : 0
        return SandboxSpec(executable: executable, arguments: arguments, environment: environment, workingDirectory: "/var/task",
                           addressSpaceLimit: limit, rootDirectory: folders.root.path, steps: steps,
                           sharesNetwork: configuration.network == .host,
                           ports: [RuntimeAPIServer.insidePort] + services.map(\.port),
                           refuseNamespaces: settings.isolation == .refuseNamespaces, freezer: freezer)
    }

    // MARK: - Without a sandbox

    private static func startUnsandboxed(function: FunctionPackage, fingerprint: String, settings: RuntimeSettings, group: any EventLoopGroup,
                                         broker: InvocationBroker, id: String, createdAt: Date, logStreamName: String,
                                         folders: Folders, reason: String) async throws(MiniLambdaError) -> ExecutionEnvironment {
        let configuration = function.configuration
        // The bootstrap beside the environment, as /var/runtime is on AWS: the package's
        // copy may sit under /tmp (a checkout there), which a private /tmp would hide.
        if settings.bootstrapOverrides[configuration.runtime.family] == nil {
            let bootstrap = try bootstrapPath(configuration.runtime.family)
            do {
                try FileManager.default.createDirectory(at: folders.runtime, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
                try FileManager.default.copyItem(at: URL(fileURLWithPath: bootstrap),
                                                 to: folders.runtime.appendingPathComponent((bootstrap as NSString).lastPathComponent))
            } catch {
                throw MiniLambdaError(.system, "cannot copy the bootstrap into \(folders.runtime.path): \(error.localizedDescription)")
            }
        }
        let peerCheck = PeerCheck()
        let server = try await RuntimeAPIServer.start(group: group, broker: broker, listener: .loopback(peerCheck))
        var launch: LaunchSpec
        do {
            launch = try Self.launchSpec(configuration: configuration, runtimeAPI: server.address, taskRoot: folders.task.path, tmp: folders.tmp.path,
                                         runtimeDirectory: folders.runtime.path, rootDirectory: folders.root.path,
                                         logStreamName: logStreamName, settings: settings, identity: function.identity,
                                         optDirectory: function.layerDirectories.isEmpty ? nil : folders.opt.path)
        } catch {
            await server.close()
            throw error
        }
        launch.refuseNamespaces = settings.isolation == .refuseNamespaces
        // No network namespace of its own: it reaches the services on the machine's loopback.
        launch.environment.merge(await InsideService.outsideEnvironment(settings.insideServices)) { _, new in new }
        let spawnedAt = ContinuousClock.now
        let process: ChildProcess
        do {
            process = try ChildProcess.launch(launch)
        } catch {
            await server.close()
            throw error
        }
        peerCheck.watch(rootPID: process.pid)
        process.onExit { status in broker.close(.exited(status)) }
        return ExecutionEnvironment(id: id, configuration: configuration, fingerprint: fingerprint, logStreamName: logStreamName,
                                    createdAt: createdAt, directory: folders.directory, process: process, server: server, spawnedAt: spawnedAt,
                                    eventLoop: group.next(), settings: settings, unsandboxedReason: reason, insideServices: [])
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

    /// The plain child process of a system that refuses namespaces (``ChildProcess/launch(_:)``):
    /// a mount namespace and a root of its own where that much is allowed.
    static func launchSpec(configuration: FunctionConfiguration, runtimeAPI: String, taskRoot: String, tmp: String,
                           runtimeDirectory: String, rootDirectory: String, logStreamName: String,
                           settings: RuntimeSettings, identity: LambdaVariables.Identity = LambdaVariables.Identity(),
                           optDirectory: String? = nil) throws(MiniLambdaError) -> LaunchSpec {
        let family = configuration.runtime.family
        let parent = ProcessInfo.processInfo.environment
        var environment = LambdaVariables.base(configuration: configuration, runtimeAPI: runtimeAPI, logStreamName: logStreamName,
                                          directory: (taskRoot as NSString).deletingLastPathComponent, identity: identity)
        environment["TMPDIR"] = tmp
        environment["LAMBDA_TASK_ROOT"] = taskRoot

        var executable: String
        var arguments: [String]
        if let override = settings.bootstrapOverrides[family] {
            // Found on the tutor's PATH: the function's is Lambda's.
            executable = ChildProcess.resolveExecutable(override.executable, path: parent["PATH"]) ?? override.executable
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
                arguments = ["-u", "-s", bootstrap]
            case .node:
                arguments = [bootstrap]
            }
        }
        LambdaVariables.addInterpreter(executable, to: &environment)
        let limit = family == .python ? UInt64(configuration.memorySize + settings.pythonAddressSpaceHeadroomMB) << 20 : 0
        // A private /tmp hides everything under the machine's /tmp from the function, so it
        // is only asked for when nothing the function needs lives there.
        var privateTmp: (options: String, environment: [String: String])?
        let resolvedExecutable = executable.hasPrefix("/") ? executable
            : ChildProcess.resolveExecutable(executable, path: parent["PATH"]) ?? executable
        let needed = [taskRoot, resolvedExecutable] + arguments.filter { $0.hasPrefix("/") }
        if !needed.contains(where: { Self.isUnderTmp($0) }) {
            var isolated = environment
            isolated["TMPDIR"] = "/tmp"
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
            inside["LAMBDA_TASK_ROOT"] = "/var/task"
            inside["LAMBDA_RUNTIME_DIR"] = ownBootstrap ? "/var/runtime" : "/var/task"
            // The layers, when there are any, in place of the machine's /opt.
            var steps = optDirectory == nil ? OwnRoot.machine : OwnRoot.machine.filter { $0.path != "/opt" }
            if let optDirectory { steps.append(OwnRoot.Step(kind: CPS_ROOT_BIND_READ_ONLY, source: optDirectory, path: "/opt")) }
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

/// Whether sandboxes can be made here, learnt from the first attempt: after one failed, every
/// later environment of the session goes straight to the fallback (and `envs` says why).
final class SandboxSupport: Sendable {
    static let shared = SandboxSupport()
    private let state = Mutex<SandboxFailure?>(nil)

    var failure: SandboxFailure? { state.withLock { $0 } }

    func record(_ failure: SandboxFailure) { state.withLock { $0 = $0 ?? failure } }
}
