import CProcessSpawn
import Foundation

/// What starting an environment's process costs, measured apart from any interpreter (for
/// `lambda-tutor-bench`): the time from asking for a process to its `execve` of `/bin/true`,
/// in a sandbox as environments are started now, the way they were before the sandbox (a
/// mount namespace and a root of its own), and as a plain fork and exec.
package enum SpawnCost {
    package enum Way: String, CaseIterable, Sendable {
        case sandbox = "sandbox: namespaces, root, /proc, loopback, port 9001, pid 1"
        case sandboxCloneIntoCgroup = "the same with its freezer cgroup (v2), the runtime cloned into it (root only)"
        case sandboxJoinCgroup = "the same with its freezer cgroup (v1), the runtime joining through cgroup.procs (root only)"
        case ownRoot = "before the sandbox: mount namespace and root of its own"
        case plain = "plain fork and exec"
    }

    /// One start of `/bin/true` the given way, in ms until it runs; nil when that way is not
    /// available here. The process is reaped afterwards, outside the measurement.
    package static func measure(_ way: Way, in folder: URL) -> Double? {
        let directory = folder.appendingPathComponent(UUID().uuidString)
        let task = directory.appendingPathComponent("task")
        let root = directory.appendingPathComponent("root")
        try? FileManager.default.createDirectory(at: task, withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let environment = ["PATH": "/usr/bin:/bin", "LAMBDA_TUTOR_ENVIRONMENT": directory.path]
        let start = ContinuousClock.now
        let process: ChildProcess
        switch way {
        case .sandbox, .sandboxCloneIntoCgroup, .sandboxJoinCgroup:
            var freezer: FreezerCgroup?
            if way != .sandbox {
                freezer = FreezerCgroup.create(environmentID: UUID().uuidString.lowercased(), version: way == .sandboxJoinCgroup ? .v1 : .v2)
                guard freezer != nil else { return nil }
            }
            let steps = SandboxLayout.steps(taskRoot: task.path, runtimeDirectory: nil, tmpOptions: "size=512m,mode=1777",
                                            hostPaths: ["/bin/true"], privatePaths: [folder.path])
            let spec = SandboxSpec(executable: "/bin/true", arguments: [], environment: environment, workingDirectory: "/var/task",
                                   addressSpaceLimit: 0, rootDirectory: root.path, steps: steps, sharesNetwork: false,
                                   ports: [RuntimeAPIServer.insidePort], refuseNamespaces: false, freezer: freezer)
            guard let launched = try? ChildProcess.launchSandboxed(spec) else {
                freezer?.remove()
                return nil
            }
            process = launched
        case .ownRoot, .plain:
            var steps = OwnRoot.machine
            steps.append(OwnRoot.Step(kind: CPS_ROOT_BIND_READ_ONLY, source: task.path, path: "/var/task"))
            steps.append(OwnRoot.Step(kind: CPS_ROOT_TMPFS, source: "size=512m,mode=1777", path: "/tmp"))
            var spec = LaunchSpec(executable: "/bin/true", arguments: [], environment: environment, workingDirectory: task.path)
            if way == .ownRoot {
                spec.readOnlyDirectory = task.path
                spec.ownRoot = OwnRoot(directory: root.path, steps: steps, arguments: [], environment: environment, workingDirectory: "/var/task")
            }
            guard let launched = try? ChildProcess.launch(spec) else { return nil }
            process = launched
        }
        let elapsed = start.duration(to: .now)
        for fd in process.sandbox?.takeListeners() ?? [] { close(fd) }
        close(process.outputFD)
        process.signalGroup(SIGKILL)
        let finished = DispatchSemaphore(value: 0)
        process.onExit { _ in finished.signal() }
        finished.wait()
        if way == .ownRoot, !process.hasOwnRoot { return nil }
        return elapsed.milliseconds
    }
}

extension SpawnCost {
    /// Starts `executable` in a sandbox the way environments start (with a freezer cgroup when
    /// `freezer` and the system has one) and stops it again: nil when it ran, else why the
    /// sandbox refused it, in the words `envs` uses. For tests of the start's failure paths.
    package static func sandboxOutcome(_ executable: String, in folder: URL, freezer: Bool) -> String? {
        let directory = folder.appendingPathComponent(UUID().uuidString)
        let task = directory.appendingPathComponent("task")
        let root = directory.appendingPathComponent("root")
        try? FileManager.default.createDirectory(at: task, withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cgroup = freezer ? FreezerCgroup.create(environmentID: UUID().uuidString.lowercased()) : nil
        let steps = SandboxLayout.steps(taskRoot: task.path, runtimeDirectory: nil, tmpOptions: "size=16m,mode=1777",
                                        hostPaths: [executable], privatePaths: [folder.path])
        let spec = SandboxSpec(executable: executable, arguments: [], environment: ["PATH": "/usr/bin:/bin"], workingDirectory: "/var/task",
                               addressSpaceLimit: 0, rootDirectory: root.path, steps: steps, sharesNetwork: false,
                               ports: [RuntimeAPIServer.insidePort], refuseNamespaces: false, freezer: cgroup)
        let process: ChildProcess
        do {
            process = try ChildProcess.launchSandboxed(spec)
        } catch {
            cgroup?.remove()
            return error.description
        }
        for fd in process.sandbox?.takeListeners() ?? [] { close(fd) }
        close(process.outputFD)
        process.signalGroup(SIGKILL)
        let finished = DispatchSemaphore(value: 0)
        process.onExit { _ in finished.signal() }
        finished.wait()
        return nil
    }
}
