import CProcessSpawn
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One environment's cgroup (v1) in the `freezer` hierarchy: how a root tutor freezes an idle
/// environment, as Lambda does between invocations. The runtime joins it before it execs (so
/// everything it forks is in it too); pid 1 stays outside, so it can always thaw and kill.
///
/// Only root may make cgroups there; everyone else's environments are stopped with SIGSTOP
/// by their pid 1 instead (``SandboxHandle/freeze()``).
final class FreezerCgroup: Sendable {
    /// The cgroup folder.
    let path: String
    /// `freezer.state`, open for writing; pid 1 has a copy to thaw with before it kills all.
    let stateFD: Int32
    /// `cgroup.procs`, open for writing, until the runtime has joined (``closeProcs()``).
    private let procs: Mutex<Int32>

    var procsFD: Int32 { procs.withLock { $0 } }

    private init(path: String, stateFD: Int32, procsFD: Int32) {
        self.path = path
        self.stateFD = stateFD
        self.procs = Mutex(procsFD)
    }

    static let hierarchy = "/sys/fs/cgroup/freezer"

    /// This tutor's folder in the hierarchy, `lambda-tutor-PID.START`, created on first use.
    static var tutorFolder: String { hierarchy + "/lambda-tutor-" + TutorInstance.token }

    /// A new cgroup for environment `id`, or nil where the freezer hierarchy is not mounted or
    /// not writable (not root, or a container): then freezing is done with signals.
    static func create(environmentID id: String) -> FreezerCgroup? {
        guard geteuid() == 0, access(hierarchy + "/cgroup.procs", W_OK) == 0 else { return nil }
        let folder = tutorFolder
        if mkdir(folder, 0o700) != 0, errno != EEXIST { return nil }
        let path = folder + "/env-" + id
        guard mkdir(path, 0o700) == 0 else { return nil }
        let state = open(path + "/freezer.state", O_WRONLY | O_CLOEXEC)
        let procs = open(path + "/cgroup.procs", O_WRONLY | O_CLOEXEC)
        guard state >= 0, procs >= 0 else {
            if state >= 0 { close(state) }
            if procs >= 0 { close(procs) }
            rmdir(path)
            return nil
        }
        return FreezerCgroup(path: path, stateFD: state, procsFD: procs)
    }

    func closeProcs() {
        procs.withLock { fd in
            if fd >= 0 { close(fd) }
            fd = -1
        }
    }

    @discardableResult
    func freeze() -> Bool { cps_write_freezer(stateFD, "FROZEN") == 0 }

    func thaw() { _ = cps_write_freezer(stateFD, "THAWED") }

    /// Once every process of the environment is gone: the cgroup goes, and with the last one
    /// this tutor's folder.
    func remove() {
        thaw()
        closeProcs()
        close(stateFD)
        // The kernel may take a moment to let go of the last task.
        for _ in 0..<50 {
            if rmdir(path) == 0 || errno == ENOENT { break }
            usleep(1000)
        }
        rmdir(Self.tutorFolder)
    }

    /// Cgroups of tutors that are provably gone (``TutorInstance/isDead(_:)``): thawed, and
    /// removed when empty. Processes left in them (there should be none: pid 1 kills all) are
    /// thawed so they can end.
    static func removeStale() {
        guard geteuid() == 0, let entries = try? FileManager.default.contentsOfDirectory(atPath: hierarchy) else { return }
        for entry in entries where entry.hasPrefix("lambda-tutor-") {
            guard TutorInstance.isDead(entry.dropFirst("lambda-tutor-".count)) else { continue }
            let folder = hierarchy + "/" + entry
            for environment in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where environment.hasPrefix("env-") {
                let path = folder + "/" + environment
                let fd = open(path + "/freezer.state", O_WRONLY | O_CLOEXEC)
                if fd >= 0 {
                    _ = cps_write_freezer(fd, "THAWED")
                    close(fd)
                }
                rmdir(path)
            }
            rmdir(folder)
        }
    }
}
