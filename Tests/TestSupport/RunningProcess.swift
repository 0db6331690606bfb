import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process started the way a shell starts one, with its stdin to write to and its
/// stdout and stderr collected as they arrive.
///
/// posix_spawn with an empty signal mask and default signal actions (test threads block some
/// signals, and Foundation's `Process` passes that on, hiding exactly what SIGTERM/SIGINT tests
/// check), every descriptor above 2 closed in the child (a parallel test's pipe leaking into
/// it would keep that test's stdin from ever reaching end of input), and reaping by waitpid on
/// the child's own pid (Foundation's SIGCHLD-based reaping missed exits under parallel suites).
package final class RunningProcess: @unchecked Sendable {
    // @unchecked: `out`, `err`, `open` and `status` are only touched with `lock` held; the
    // pipes and pid are immutable after init.
    package let pid: pid_t
    private let input: FileHandle
    private let lock = NSCondition()
    private var out = Data()
    private var err = Data()
    private var open = 2
    private var status: Int32?
    private var killedByDeadline = false

    package struct Failure: Error, CustomStringConvertible {
        package let description: String
    }

    /// Starts `arguments[0]` (an absolute path).
    package init(_ arguments: [String], environment: [String: String]) throws {
        let stdinPipe = Pipe(), stdoutPipe = Pipe(), stderrPipe = Pipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe.fileHandleForReading.fileDescriptor, 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe.fileHandleForWriting.fileDescriptor, 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe.fileHandleForWriting.fileDescriptor, 2)
        closeInheritedDescriptors(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        try? stdinPipe.fileHandleForReading.close()
        try? stdoutPipe.fileHandleForWriting.close()
        try? stderrPipe.fileHandleForWriting.close()
        guard code == 0 else {
            throw Failure(description: "cannot start \(arguments[0]): \(String(cString: strerror(code)))")
        }
        self.pid = pid
        self.input = stdinPipe.fileHandleForWriting
        for (handle, isError) in [(stdoutPipe.fileHandleForReading, false), (stderrPipe.fileHandleForReading, true)] {
            Thread.detachNewThread { [self] in
                while true {
                    let data = handle.availableData
                    lock.lock()
                    if data.isEmpty { open -= 1 } else if isError { err.append(data) } else { out.append(data) }
                    lock.broadcast()
                    lock.unlock()
                    if data.isEmpty { return }
                }
            }
        }
    }

    /// True when ``waitForExit(deadline:)`` had to kill the process.
    package var timedOut: Bool { lock.withLock { killedByDeadline } }

    package var output: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
    package var errors: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

    /// Writes to the child's stdin (a broken pipe is ignored: the child may have exited).
    package func send(_ text: String) {
        Glibc.signal(SIGPIPE, SIG_IGN)
        try? input.write(contentsOf: Data(text.utf8))
    }

    package func closeInput() { try? input.close() }

    package func signal(_ number: Int32) { _ = Glibc.kill(pid, number) }

    /// Waits until stdout contains `text`; the deadline only guards against a hang.
    package func waitForOutput(containing text: String, deadline: TimeInterval = 120) -> Bool {
        let limit = Date().addingTimeInterval(deadline)
        lock.lock()
        defer { lock.unlock() }
        while !String(decoding: out, as: UTF8.self).contains(text) {
            if open == 0 || !lock.wait(until: limit) { return false }
        }
        return true
    }

    /// Waits for the process to exit and returns its status (128 + N for signal N). The
    /// deadline only guards against a hang: the process is then killed, which the status shows.
    package func waitForExit(deadline: TimeInterval = 180) -> Int32 {
        if let status = lock.withLock({ status }) { return status }
        let guardKill = DispatchWorkItem { [self] in
            lock.withLock { killedByDeadline = true }
            _ = Glibc.kill(pid, SIGKILL)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + deadline, execute: guardKill)
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0, errno == EINTR {}
        guardKill.cancel()
        let exit = raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
        lock.lock()
        status = exit
        while open > 0, lock.wait(until: Date().addingTimeInterval(5)) {}
        lock.unlock()
        return exit
    }

    /// SIGKILL and reap, if it is still running (for `defer` in tests).
    package func kill() {
        if lock.withLock({ status }) == nil {
            _ = Glibc.kill(pid, SIGKILL)
            _ = waitForExit()
        }
    }
}

/// Adds a close action for every descriptor above 2 open in this process, so the child
/// inherits only stdin, stdout and stderr. (glibc's closefrom action is not visible to Swift.)
func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
    for fd in Int32(3)..<Int32(1024) where fcntl(fd, F_GETFD) >= 0 {
        posix_spawn_file_actions_addclose(&actions, fd)
    }
}
