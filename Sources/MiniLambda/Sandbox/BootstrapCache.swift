import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Our Python bootstrap, compiled once per tutor process and interpreter instead of at every
/// cold start. /var/runtime is read-only inside the sandbox (and the runtime runs with
/// `PYTHONDONTWRITEBYTECODE`), so Python otherwise compiles the 21 KB bootstrap at every start
/// of an environment — about 1.5–4 ms of each cold start (BENCHMARKS.md, "Runtime: cold start").
///
/// The compiled copy lives in a folder of this tutor's under ``RuntimeSettings/scratchRoot``
/// (already checked private by ``PrivateFolder``), named like an environment's folder
/// (``ScratchFolders/name(environmentID:)``) so a dead tutor's copy is cleaned at the next
/// start like its environments. The folder holds `bootstrap.py` (for tracebacks' source lines)
/// and `bootstrap.pyc`, and is bound read-only at /var/runtime in place of the package's
/// `Bootstraps/python`. It is used only while it is a real folder of ours that no one else can
/// write, holding regular files of ours no one else can write; otherwise, or while the compile
/// has not finished, the environment runs the `.py` as before.
///
/// The compile runs on a thread of its own, outside the sandbox, as the tutor's user, on the
/// package's own source: the first cold start does not wait for it.
final class BootstrapCache: @unchecked Sendable {
    // @unchecked: `entries` is only touched with `lock` held.
    static let shared = BootstrapCache()

    /// The folder to bind at /var/runtime and the script to run there.
    struct Prepared: Equatable {
        var folder: String
        var script: String
    }

    private enum Entry {
        case compiling
        case ready(String)
        case failed
    }

    private let lock = NSLock()
    private let done = NSCondition()
    private var entries: [String: Entry] = [:]

    static let compiledName = "bootstrap.pyc"

    /// The compiled bootstrap for `interpreter`, if it is ready and still safe to use; starts
    /// compiling it (once per interpreter, source and scratch root) when it is not there yet.
    func prepared(interpreter: String, bootstrap: String, scratchRoot: URL) -> Prepared? {
        let key = [interpreter, bootstrap, scratchRoot.path].joined(separator: "\u{0}")
        lock.lock()
        let entry = entries[key]
        if entry == nil { entries[key] = .compiling }
        lock.unlock()
        switch entry {
        case .ready(let folder):
            guard Self.isSafe(folder) else { return nil }
            return Prepared(folder: folder, script: "/var/runtime/" + Self.compiledName)
        case .compiling, .failed:
            return nil
        case nil:
            let thread = Thread { [self] in
                let result = Self.compile(interpreter: interpreter, bootstrap: bootstrap, scratchRoot: scratchRoot)
                lock.lock()
                entries[key] = result.map { .ready($0) } ?? .failed
                lock.unlock()
                done.lock()
                done.broadcast()
                done.unlock()
            }
            thread.start()
            return nil
        }
    }

    /// Waits until no compile is running (for tests and the benchmark, which want to measure
    /// cold starts with the compiled bootstrap in place).
    /// The deadline is on the monotonic clock (a wall clock set back would stretch it);
    /// NSCondition only waits until a wall-clock date, so it waits in short slices.
    func waitForCompiles(timeout: Duration = .seconds(30)) {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        done.lock()
        defer { done.unlock() }
        while isCompiling(), clock.now < deadline {
            _ = done.wait(until: Date(timeIntervalSinceNow: 0.05))
        }
    }

    /// Removes the compiled copies under `scratchRoot` (at an Invoker's shutdown: it leaves
    /// nothing behind in its scratch folder); a later cold start there compiles again.
    func remove(scratchRoot: URL) {
        waitForCompiles()
        let suffix = "\u{0}" + scratchRoot.path
        lock.lock()
        let folders = entries.compactMap { key, entry -> String? in
            guard key.hasSuffix(suffix), case .ready(let folder) = entry else { return nil }
            return folder
        }
        entries = entries.filter { !$0.key.hasSuffix(suffix) }
        lock.unlock()
        for folder in folders { try? FileManager.default.removeItem(atPath: folder) }
    }

    private func isCompiling() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return entries.values.contains { if case .compiling = $0 { return true } else { return false } }
    }

    /// Copies the source beside a `.pyc` compiled with the name it has inside the sandbox
    /// (/var/runtime/bootstrap.py, so tracebacks read as on Lambda). Returns the folder.
    private static func compile(interpreter: String, bootstrap: String, scratchRoot: URL) -> String? {
        guard (try? PrivateFolder.check(scratchRoot.path)) != nil else { return nil }
        let folder = scratchRoot.appendingPathComponent(ScratchFolders.name(environmentID: ExecutionEnvironment.newID()), isDirectory: true).path
        // 0755 and 0644: a root tutor's sandbox reads them as an id of its own; no one else can
        // reach them through the private scratch root above.
        guard mkdir(folder, 0o755) == 0 else { return nil }
        let source = folder + "/bootstrap.py"
        let compiled = folder + "/" + compiledName
        do {
            try FileManager.default.copyItem(atPath: bootstrap, toPath: source)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            return nil
        }
        chmod(source, 0o644)
        // The tutor's own spawner (as the environments'), not Foundation's Process, so only
        // one mechanism forks and reaps children here. -I -S: no environment variables, user
        // site or site packages take part in the compile; none of the tutor's variables
        // either: the compile is no environment's process.
        let spec = LaunchSpec(executable: interpreter,
                              arguments: ["-I", "-S", "-c",
                                          "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], dfile='/var/runtime/bootstrap.py', doraise=True)",
                                          source, compiled],
                              environment: ["PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"], workingDirectory: folder)
        guard let process = try? ChildProcess.launch(spec) else {
            try? FileManager.default.removeItem(atPath: folder)
            return nil
        }
        close(process.outputFD)
        let ended = DispatchSemaphore(value: 0)
        let status = Mutex<ProcessExit?>(nil)
        process.onExit { exit in
            status.withLock { $0 = exit }
            ended.signal()
        }
        ended.wait()
        chmod(compiled, 0o644)
        guard status.withLock({ $0 }) == .exited(0), isSafe(folder) else {
            try? FileManager.default.removeItem(atPath: folder)
            return nil
        }
        return folder
    }

    /// The folder and both files are ours, of the right kind, and no one else can write them.
    static func isSafe(_ folder: String) -> Bool {
        func owned(_ path: String, _ kind: mode_t) -> Bool {
            var info = stat()
            return lstat(path, &info) == 0 && info.st_mode & S_IFMT == kind && info.st_uid == geteuid() && info.st_mode & 0o022 == 0
        }
        return owned(folder, S_IFDIR) && owned(folder + "/bootstrap.py", S_IFREG) && owned(folder + "/" + compiledName, S_IFREG)
    }
}
