import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a child process with posix_spawn and reaps it with waitpid.
///
/// Tests use this instead of Foundation's `Process`, whose SIGCHLD-based reaping missed exits
/// here when several suites spawned processes at once (a zombie child, `waitUntilExit` never
/// returning). waitpid on the child's own pid cannot miss.
package struct SpawnedProcess {
    package struct Output: Sendable {
        package let status: Int32
        package let stdout: String
        package let stderr: String
        /// True when the deadline passed and the child was killed.
        package let timedOut: Bool
    }

    package struct Failure: Error, CustomStringConvertible {
        package let description: String
    }

    /// Runs `arguments[0]` (an absolute path) to completion.
    /// - Parameters:
    ///   - input: written to the child's stdin, which is then closed (nil: /dev/null).
    ///   - capture: capture stdout and stderr (otherwise both go to /dev/null).
    ///   - timeout: a hang guard; the child is killed with SIGKILL when it passes.
    package static func run(_ arguments: [String], environment: [String: String], input: Data? = nil,
                           capture: Bool = true, timeout: TimeInterval = 120) throws -> Output {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }

        var inPipe: [Int32] = [-1, -1], outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        if input != nil {
            guard pipe(&inPipe) == 0 else { throw Failure(description: "pipe failed") }
            posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
            posix_spawn_file_actions_addclose(&actions, inPipe[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        if capture {
            guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw Failure(description: "pipe failed") }
            posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
            posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
            posix_spawn_file_actions_addclose(&actions, outPipe[0])
            posix_spawn_file_actions_addclose(&actions, errPipe[0])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }

        // Nothing else is inherited: a parallel test's pipe leaking into this child would keep
        // that test's reader from ever seeing end of file.
        closeInheritedDescriptors(&actions)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // The child starts with no blocked signals and default dispositions, whatever the
        // spawning thread had (Swift task threads block some).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        // The parent's copies of the child's ends must close, or EOF never comes.
        for fd in [inPipe[0], outPipe[1], errPipe[1]] where fd >= 0 { close(fd) }
        guard rc == 0 else {
            for fd in [inPipe[1], outPipe[0], errPipe[0]] where fd >= 0 { close(fd) }
            throw Failure(description: "cannot start \(arguments[0]): \(String(cString: strerror(rc)))")
        }
        let out = capture ? FDCollector(outPipe[0]) : nil
        let err = capture ? FDCollector(errPipe[0]) : nil
        if let input {
            let writer = inPipe[1]
            Thread.detachNewThread {
                input.withUnsafeBytes { buffer in
                    var offset = 0
                    while offset < buffer.count {
                        let n = write(writer, buffer.baseAddress! + offset, buffer.count - offset)
                        if n <= 0 { break }
                        offset += n
                    }
                }
                close(writer)
            }
        }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        var timedOut = false
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0, errno != EINTR { break }
            if Date() > deadline, !timedOut {
                timedOut = true
                kill(pid, SIGKILL)
            }
            usleep(5_000)
        }
        let exitStatus: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Output(status: exitStatus, stdout: out?.finish() ?? "", stderr: err?.finish() ?? "", timedOut: timedOut)
    }
}

/// Reads a file descriptor to EOF on a background thread, so a full pipe never blocks the child.
final class FDCollector: @unchecked Sendable {
    // @unchecked: `data` is written by the reader thread before `done` is signalled and read
    // only after waiting on it.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ fd: Int32) {
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(fd, &buffer, buffer.count)
                if n > 0 {
                    self.data.append(buffer, count: n)
                } else if n < 0, errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            close(fd)
            self.done.signal()
        }
    }

    func finish() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
