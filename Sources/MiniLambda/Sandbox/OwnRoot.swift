import CProcessSpawn
import Foundation

/// A root file system of the function's own, as a Lambda environment has: the machine's
/// folders bound in, the code at /var/task and the bootstrap at /var/runtime (read-only), a
/// tmpfs at /tmp. Built by the child in its mount namespace (`cps_spawn`).
struct OwnRoot: Sendable {
    struct Step: Sendable {
        var kind: cps_root_step
        /// Host path, symlink text or tmpfs options, depending on `kind`.
        var source: String
        /// Path inside the new root.
        var path: String
    }

    /// An empty folder the root is built in.
    var directory: String
    var steps: [Step]
    /// Arguments, environment and working directory as seen inside the root.
    var arguments: [String]
    var environment: [String: String]
    var workingDirectory: String

    /// The machine's top-level folders, files and links (and those of /var), as steps: what a
    /// function may see of the machine besides its own /tmp, /var/task and /var/runtime.
    /// Listed once per process.
    static let machine: [Step] = {
        var steps: [Step] = []
        func carry(_ folder: String, skipping: Set<String>) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
            for name in names.sorted() where !skipping.contains(name) {
                let path = folder == "/" ? "/" + name : folder + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: steps.append(Step(kind: CPS_ROOT_BIND_DIR, source: path, path: path))
                case S_IFREG: steps.append(Step(kind: CPS_ROOT_BIND_FILE, source: path, path: path))
                case S_IFLNK:
                    if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                        steps.append(Step(kind: CPS_ROOT_SYMLINK, source: target, path: path))
                    }
                default: continue
                }
            }
        }
        carry("/", skipping: ["tmp", "var"])
        steps.append(Step(kind: CPS_ROOT_MKDIR, source: "", path: "/var"))
        carry("/var", skipping: ["task", "runtime"])
        return steps
    }()
}
