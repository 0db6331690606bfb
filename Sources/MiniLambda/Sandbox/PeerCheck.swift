import Foundation
import NIOCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Who may talk to an environment's Runtime API when it is a port on the machine's loopback
/// (no network namespace of its own: the system refused one, or `network=host`): only
/// processes of that environment. Any local process of any user can connect to such a port;
/// without this check the first `GET /next` won the event, secrets and all.
///
/// For each connection the client's socket is looked up in `/proc/net/tcp` (by the client's
/// port and ours) and its inode searched among the open files of the environment's processes.
/// A connection from anywhere else is closed before a byte is read.
final class PeerCheck: Sendable {
    private let state = Mutex<State>(State())

    private struct State {
        var rootPID: pid_t?
        var serverPort: Int?
        var refused = 0
    }

    /// The environment's first process (its runtime, or a sandbox's pid 1), once it runs.
    func watch(rootPID: pid_t) { state.withLock { $0.rootPID = rootPID } }

    func listening(on port: Int) { state.withLock { $0.serverPort = port } }

    /// Connections refused so far.
    var refusedCount: Int { state.withLock { $0.refused } }

    /// Whether the connection from `clientPort` comes from a process of the environment, on
    /// `eventLoop`. A connection that arrives before the tutor knows the environment's first
    /// process (the runtime can connect the moment it runs, while the spawn call is still
    /// returning) waits for it, up to two seconds, unread.
    func decide(clientPort: Int?, on eventLoop: any EventLoop, attempt: Int = 0) -> EventLoopFuture<Bool> {
        let known = state.withLock { $0.rootPID != nil }
        if known || attempt >= 400 { return eventLoop.makeSucceededFuture(allows(clientPort: clientPort)) }
        return eventLoop.scheduleTask(in: .milliseconds(5)) {}.futureResult.flatMap { [self] in
            decide(clientPort: clientPort, on: eventLoop, attempt: attempt + 1)
        }
    }

    /// Whether the connection from `clientPort` comes from a process of the environment.
    func allows(clientPort: Int?) -> Bool {
        let (root, server) = state.withLock { ($0.rootPID, $0.serverPort) }
        guard let root, let server, let clientPort,
              let inode = Self.socketInode(localPort: clientPort, remotePort: server),
              Self.tree(of: root).contains(where: { Self.process($0, holdsSocket: inode) })
        else {
            state.withLock { $0.refused += 1 }
            return false
        }
        return true
    }

    /// The inode of the loopback TCP socket `127.0.0.1:localPort → 127.0.0.1:remotePort`.
    static func socketInode(localPort: Int, remotePort: Int) -> UInt64? {
        guard let table = readWholeFile("/proc/net/tcp") else { return nil }
        let local = String(format: "0100007F:%04X", localPort)
        let remote = String(format: "0100007F:%04X", remotePort)
        for line in table.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count > 9, fields[1] == local, fields[2] == remote else { continue }
            return UInt64(fields[9])
        }
        return nil
    }

    /// `pid` and its descendants (through `/proc/PID/task/TID/children` of every thread).
    static func tree(of pid: pid_t) -> [pid_t] {
        var seen: [pid_t] = []
        var queue = [pid]
        while let next = queue.popLast(), seen.count < 4096 {
            guard !seen.contains(next) else { continue }
            seen.append(next)
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(next)/task")) ?? []
            for task in tasks {
                guard let text = readWholeFile("/proc/\(next)/task/\(task)/children") else { continue }
                queue += text.split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            }
        }
        return seen
    }

    static func process(_ pid: pid_t, holdsSocket inode: UInt64) -> Bool {
        let folder = "/proc/\(pid)/fd"
        guard let directory = opendir(folder) else { return false }
        defer { closedir(directory) }
        let wanted = "socket:[\(inode)]"
        var buffer = [CChar](repeating: 0, count: 64)
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.first?.isNumber == true else { continue }
            let n = readlink(folder + "/" + name, &buffer, buffer.count - 1)
            guard n > 0 else { continue }
            if String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) == wanted { return true }
        }
        return false
    }
}

/// A whole file read with read(2) until end of file: /proc files say their size is 0, and
/// Foundation's readers stop after the first page of them (`/proc/net/tcp` is longer than that
/// on a busy machine, and the line wanted was often past it).
func readWholeFile(_ path: String) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var data = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 16384)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n > 0 {
            data.append(contentsOf: chunk[0..<n])
        } else if n == 0 {
            return String(decoding: data, as: UTF8.self)
        } else if errno != EINTR {
            return nil
        }
    }
}
