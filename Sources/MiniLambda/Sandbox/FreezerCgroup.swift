import CProcessSpawn
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One environment's freezer cgroup: how a root tutor freezes an idle environment, as Lambda
/// does between invocations. The runtime is put in it before it execs (so everything it forks
/// is in it too); pid 1 stays outside, so it can always thaw and kill.
///
/// Two kinds, the first one available wins:
/// - **cgroup v2** (`cgroup.freeze`, on a pure v2 system at /sys/fs/cgroup, on a hybrid one at
///   /sys/fs/cgroup/unified): the runtime is cloned straight into the cgroup
///   (`CLONE_INTO_CGROUP`). Moving a process in through `cgroup.procs` instead waits for the
///   kernel's RCU grace period (11.5 ms at the median on this project's machine, 0.06 ms at
///   best), on the path of every cold start; cloning into the cgroup takes no such wait.
/// - **cgroup v1** (the `freezer` hierarchy): the runtime joins through `cgroup.procs`.
///
/// Only root may make cgroups there; everyone else's environments are stopped with SIGSTOP
/// by their pid 1 instead (``SandboxHandle/freeze()``).
final class FreezerCgroup: Sendable {
    enum Version: Sendable { case v1, v2 }

    /// A hierarchy cgroups can be made in.
    struct Hierarchy: Sendable {
        var version: Version
        var path: String
        var stateFile: String { version == .v2 ? "cgroup.freeze" : "freezer.state" }
        var frozen: String { version == .v2 ? "1" : "FROZEN" }
        var thawed: String { version == .v2 ? "0" : "THAWED" }
        /// This tutor's folder in it, `lambda-tutor-PID.START`, created on first use.
        var tutorFolder: String { path + "/lambda-tutor-" + TutorInstance.token }
    }

    /// The cgroup folder.
    let path: String
    let hierarchy: Hierarchy
    /// `freezer.state` or `cgroup.freeze`, open for writing; pid 1 has a copy to thaw with
    /// before it kills all.
    let stateFD: Int32
    /// v2: the cgroup's folder (O_PATH), which the runtime is cloned into; -1 for v1.
    let cgroupFD: Int32
    /// `cgroup.procs`, open for writing, until the runtime has joined (``closeProcs()``): the
    /// way in for v1, and for v2 on a kernel without `CLONE_INTO_CGROUP`.
    private let procs: Mutex<Int32>
    var procsFD: Int32 { procs.withLock { $0 } }

    private init(path: String, hierarchy: Hierarchy, stateFD: Int32, cgroupFD: Int32, procsFD: Int32) {
        self.path = path
        self.hierarchy = hierarchy
        self.stateFD = stateFD
        self.cgroupFD = cgroupFD
        self.procs = Mutex(procsFD)
    }

    /// The hierarchies present and writable, best first.
    static let hierarchies: [Hierarchy] = {
        guard geteuid() == 0 else { return [] }
        var found: [Hierarchy] = []
        for path in ["/sys/fs/cgroup", "/sys/fs/cgroup/unified"] where access(path + "/cgroup.controllers", R_OK) == 0 {
            if access(path + "/cgroup.procs", W_OK) == 0 { found.append(Hierarchy(version: .v2, path: path)) }
            break
        }
        let v1 = "/sys/fs/cgroup/freezer"
        if access(v1 + "/cgroup.procs", W_OK) == 0 { found.append(Hierarchy(version: .v1, path: v1)) }
        return found
    }()

    /// A new cgroup for environment `id`, or nil where no freezer hierarchy is mounted or
    /// writable (not root, or a container): then freezing is done with signals.
    static func create(environmentID id: String, version: Version? = nil) -> FreezerCgroup? {
        for hierarchy in hierarchies where version == nil || hierarchy.version == version {
            if let made = create(environmentID: id, in: hierarchy) { return made }
        }
        return nil
    }

    private static func create(environmentID id: String, in hierarchy: Hierarchy) -> FreezerCgroup? {
        let folder = hierarchy.tutorFolder
        if mkdir(folder, 0o700) != 0, errno != EEXIST { return nil }
        let path = folder + "/env-" + id
        guard mkdir(path, 0o700) == 0 else { return nil }
        let state = open(path + "/" + hierarchy.stateFile, O_WRONLY | O_CLOEXEC)
        let procs = open(path + "/cgroup.procs", O_WRONLY | O_CLOEXEC)
        let directory = hierarchy.version == .v2 ? cps_open_path(path) : -1
        guard state >= 0, procs >= 0, hierarchy.version == .v1 || directory >= 0 else {
            for fd in [state, procs, directory] where fd >= 0 { close(fd) }
            rmdir(path)
            return nil
        }
        return FreezerCgroup(path: path, hierarchy: hierarchy, stateFD: state, cgroupFD: directory, procsFD: procs)
    }

    /// Once the runtime runs (in the cgroup): the ways in are not needed any more.
    func closeProcs() {
        procs.withLock { fd in
            if fd >= 0 { close(fd) }
            fd = -1
        }
    }

    @discardableResult
    func freeze() -> Bool { cps_write_freezer(stateFD, hierarchy.frozen) == 0 }

    func thaw() { _ = cps_write_freezer(stateFD, hierarchy.thawed) }

    /// Once every process of the environment is gone: the cgroup goes, and with the last one
    /// this tutor's folder.
    func remove() {
        thaw()
        closeProcs()
        close(stateFD)
        if cgroupFD >= 0 { close(cgroupFD) }
        // The kernel may take a moment to let go of the last task.
        for _ in 0..<50 {
            if rmdir(path) == 0 || errno == ENOENT { break }
            usleep(1000)
        }
        rmdir(hierarchy.tutorFolder)
    }

    /// Cgroups of tutors that are provably gone (``TutorInstance/isDead(_:)``), in every
    /// hierarchy: thawed, and removed when empty. Processes left in them (there should be none:
    /// pid 1 kills all) are thawed so they can end.
    static func removeStale() {
        for hierarchy in hierarchies {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: hierarchy.path) else { continue }
            for entry in entries where entry.hasPrefix("lambda-tutor-") {
                guard TutorInstance.isDead(entry.dropFirst("lambda-tutor-".count)) else { continue }
                let folder = hierarchy.path + "/" + entry
                for environment in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where environment.hasPrefix("env-") {
                    let path = folder + "/" + environment
                    let fd = open(path + "/" + hierarchy.stateFile, O_WRONLY | O_CLOEXEC)
                    if fd >= 0 {
                        _ = cps_write_freezer(fd, hierarchy.thawed)
                        close(fd)
                    }
                    rmdir(path)
                }
                rmdir(folder)
            }
        }
    }
}
