import CLibEdit
import Foundation

/// Runs cleanup when the tutor is told to stop by SIGTERM, SIGHUP (terminal closed) or SIGQUIT.
///
/// The C handler only writes the signal number to a pipe; a dedicated thread reads it and runs
/// the cleanup (stop child processes, save state), then exits with 128 + signal as shells expect.
package enum TerminationSignals {
    nonisolated(unsafe) private static var installed = false

    /// Installs the handlers once. `cleanup` runs on a background thread and must not need the
    /// main thread (which may be blocked reading input).
    package static func install(cleanup: @escaping @Sendable (Int32) -> Void) {
        guard !installed else { return }
        installed = true
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        let readEnd = fds[0]
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let n = read(readEnd, &byte, 1)
                if n == 1 { break }
                if n < 0, errno == EINTR { continue }
                return
            }
            let signal = Int32(byte)
            cleanup(signal)
            exit(128 + signal)
        }
        thread.name = "lambda-tutor.signals"
        thread.start()
        clibedit_install_termination_handlers(fds[1])
    }
}

/// The signal mask the tutor starts with is inherited from whoever started it. A parent that
/// spawned us from a thread blocking signals (Foundation's `Process` on a Swift task thread
/// does) would leave Ctrl-C and SIGTERM blocked, so the tutor could not be interrupted or
/// stopped. Unblocking them first thing makes behaviour independent of the parent.
package enum SignalMask {
    package static func unblockTerminalSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGWINCH, SIGTSTP, SIGCONT] {
            sigaddset(&set, signal)
        }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
