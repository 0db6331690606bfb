import CProcessSpawn
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The root a sandboxed environment runs in, laid out as Lambda's: the machine's system folders
/// read-only, the code at /var/task and the bootstrap at /var/runtime (read-only), a /tmp of its
/// own (the only place it can write), a /proc of its own pid namespace, a /dev with the usual
/// devices. Not in it at all: /home, /root, /run, /mnt, /media, /srv, /sys, the machine's /tmp
/// and /var, and so the learner's data folder, other functions' code and other environments.
///
/// Where the runtime needs something from elsewhere (an interpreter under a home folder, a venv,
/// a script), that one folder is bound in read-only at its own path; folders that must stay
/// private (the data folder, the environments' folder, the home, `$XDG_RUNTIME_DIR`) are covered
/// by an empty folder if they lie under anything bound in.
enum SandboxLayout {
    /// Top-level folders of the machine bound in (those that exist): programs, libraries,
    /// configuration. Links among them (`/bin → usr/bin`) are kept as links.
    static let machineFolders = ["usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32", "etc", "opt", "nix", "gnu"]

    /// The devices a runtime may use; /dev/tty (the learner's terminal) is not one of them.
    static let devices = ["null", "zero", "full", "random", "urandom"]

    /// Steps for the machine's folders, listed once per process.
    static let machine: [OwnRoot.Step] = {
        var steps: [OwnRoot.Step] = []
        for name in machineFolders {
            let path = "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: steps.append(OwnRoot.Step(kind: CPS_ROOT_BIND_DIR, source: path, path: path))
            case S_IFLNK:
                if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                    steps.append(OwnRoot.Step(kind: CPS_ROOT_SYMLINK, source: target, path: path))
                }
            default: continue
            }
        }
        steps.append(OwnRoot.Step(kind: CPS_ROOT_TMPFS, source: "mode=755,size=64k", path: "/dev"))
        for device in devices {
            steps.append(OwnRoot.Step(kind: CPS_ROOT_DEVICE, source: "/dev/" + device, path: "/dev/" + device))
        }
        for (link, target) in [("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")] {
            steps.append(OwnRoot.Step(kind: CPS_ROOT_SYMLINK, source: target, path: "/dev/" + link))
        }
        steps.append(OwnRoot.Step(kind: CPS_ROOT_PROC, source: "", path: "/proc"))
        steps.append(OwnRoot.Step(kind: CPS_ROOT_MKDIR, source: "", path: "/var"))
        return steps
    }()

    /// The real paths of the bound machine folders, to tell what is visible already.
    static let machineRealPaths: [String] = machine.compactMap { step in
        step.kind == CPS_ROOT_BIND_DIR ? realPath(step.source) : nil
    }

    /// The whole list: the machine, /var/task, /var/runtime (when `runtimeDirectory` is given),
    /// /tmp, then the host paths the runtime needs, with private paths covered. With
    /// `optDirectory` (the function's layers merged), that folder is /opt instead of the machine's.
    static func steps(taskRoot: String, runtimeDirectory: String?, tmpOptions: String, hostPaths: [String], privatePaths: [String],
                      optDirectory: String? = nil) -> [OwnRoot.Step] {
        var steps = optDirectory == nil ? machine : machine.filter { $0.path != "/opt" }
        if let optDirectory { steps.append(OwnRoot.Step(kind: CPS_ROOT_BIND_PATH, source: optDirectory, path: "/opt")) }
        steps.append(OwnRoot.Step(kind: CPS_ROOT_BIND_PATH, source: taskRoot, path: "/var/task"))
        if let runtimeDirectory {
            steps.append(OwnRoot.Step(kind: CPS_ROOT_BIND_PATH, source: runtimeDirectory, path: "/var/runtime"))
        }
        steps.append(OwnRoot.Step(kind: CPS_ROOT_WRITABLE_TMPFS, source: tmpOptions, path: "/tmp"))
        let extra = neededBinds(hostPaths)
        let hidden = Set(privatePaths.compactMap(realPath)).sorted()
        // Covered first where the machine's folders show them, again where an extra bind does.
        for path in hidden where isUnder(path, machineRealPaths) {
            steps.append(OwnRoot.Step(kind: CPS_ROOT_MASK, source: "", path: path))
        }
        for path in extra {
            steps.append(OwnRoot.Step(kind: CPS_ROOT_BIND_PATH, source: path, path: path))
        }
        for path in hidden where isUnder(path, extra) {
            steps.append(OwnRoot.Step(kind: CPS_ROOT_MASK, source: "", path: path))
        }
        return steps
    }

    /// The folders to bind for `paths` (executables, scripts, library folders): each one's
    /// install prefix (`…/venv` for `…/venv/bin/python`), as given and with links resolved,
    /// unless the machine's folders show it already; parents before children, no duplicates.
    static func neededBinds(_ paths: [String]) -> [String] {
        var folders: Set<String> = []
        for path in paths where path.hasPrefix("/") {
            for candidate in [path, realPath(path)].compactMap({ $0 }) {
                guard let folder = prefix(of: candidate), !isUnder(folder, machineRealPaths), folder != "/" else { continue }
                folders.insert(folder)
            }
        }
        let sorted = folders.sorted { $0.count < $1.count }
        var kept: [String] = []
        for folder in sorted where !isUnder(folder, kept) { kept.append(folder) }
        return kept
    }

    /// The folder a path lives in, one level up from a `bin` or `sbin` folder (where a
    /// virtualenv's `pyvenv.cfg` and an install's `lib/` are); a folder stands for itself.
    static func prefix(of path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        if info.st_mode & S_IFMT == S_IFDIR { return path }
        let folder = (path as NSString).deletingLastPathComponent
        let name = (folder as NSString).lastPathComponent
        return name == "bin" || name == "sbin" ? (folder as NSString).deletingLastPathComponent : folder
    }

    static func isUnder(_ path: String, _ folders: [String]) -> Bool {
        folders.contains { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
