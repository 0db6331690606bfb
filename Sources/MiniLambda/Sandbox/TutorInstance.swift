import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Names that tell which tutor process made something (a scratch folder, a freezer cgroup), so
/// what a dead tutor left behind can be told apart, provably, from what a live one uses.
///
/// A pid alone is not enough (pids are reused): the token is `PID.START`, START being the
/// process's start time in clock ticks since boot (`/proc/PID/stat`, field 22).
enum TutorInstance {
    /// This process's token.
    static let token: String = "\(getpid()).\(startTime(of: getpid()) ?? 0)"

    /// True only when the process a token names is certainly gone: no process with that pid,
    /// or one that started at another time. A token that does not parse is never dead.
    static func isDead(_ token: Substring) -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let pid = Int32(parts[0]), pid > 0, let start = UInt64(parts[1]) else { return false }
        if pid == getpid() { return false }
        guard let running = startTime(of: pid) else {
            // No /proc entry: gone, unless /proc is not there to ask.
            return kill(pid, 0) != 0 && errno == ESRCH
        }
        return running != start
    }

    /// Field 22 of `/proc/PID/stat`, read after the command name (which may hold spaces).
    static func startTime(of pid: Int32) -> UInt64? {
        guard let text = readWholeFile("/proc/\(pid)/stat"),
              let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After ")": state is field 3, so start time (22) is the 20th.
        guard fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }
}
