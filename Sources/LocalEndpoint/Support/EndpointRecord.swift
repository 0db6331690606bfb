import Foundation
import MiniLambda
import TutorSupport

/// The data folder's note of the API serving it (`api-endpoint.json`): while `serve` or a REPL
/// with `api start` runs, other tutors on the same folder send their invocations there, so
/// environments are shared as on AWS.
///
/// Trusted only when it is safe: a regular file (not a link) owned by the learner and readable
/// by no one else, naming a live process whose listening socket on that port belongs to the
/// learner too (read from /proc). Anything else is ignored; a note of a server that is gone is
/// stale and removed.
package struct EndpointRecord: Codable, Sendable, Hashable {
    package var pid: Int32
    package var port: Int
    package var started: String
    /// The port of the same tutor's function URL listener (``FunctionURLServer``); nil in notes
    /// written before it existed.
    package var urlPort: Int?

    package var endpoint: String { "http://127.0.0.1:\(port)" }

    /// `started` is the serving tutor's clock (its LambdaService's), written for people who look.
    package init(pid: Int32 = getpid(), port: Int, urlPort: Int? = nil, started: Date) {
        self.pid = pid
        self.port = port
        self.urlPort = urlPort
        self.started = ISO8601DateFormatter().string(from: started)
    }

    package static func file(in dataHome: DataHome) -> URL { dataHome.root.appendingPathComponent("api-endpoint.json") }

    /// What a look at the folder found.
    package enum Lookup: Sendable, Equatable {
        case none
        case live(EndpointRecord)
        /// A note left by a server that is gone (removed), or one that is not safe to trust.
        case ignored(String)
    }

    /// Records `self` (owner-only, atomic).
    package func save(in dataHome: DataHome) throws(FileError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(self)) ?? Data()
        try AtomicFile.write(data, to: Self.file(in: dataHome), permissions: 0o600)
    }

    /// Removes the note if it is this process's own.
    package static func remove(in dataHome: DataHome, pid: Int32 = getpid()) {
        if case .live(let record) = lookup(in: dataHome, removeStale: false), record.pid == pid {
            unlink(file(in: dataHome).path)
        }
    }

    package static func lookup(in dataHome: DataHome, removeStale: Bool = true) -> Lookup {
        let path = file(in: dataHome).path
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        if descriptor < 0 {
            if errno == ENOENT { return .none }
            return .ignored("\(path) cannot be opened safely (\(String(cString: strerror(errno)))); it is ignored")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .ignored("\(path) is not a regular file; it is ignored") }
        guard info.st_uid == geteuid() else { return .ignored("\(path) belongs to another user; it is ignored") }
        guard info.st_mode & 0o077 == 0 else { return .ignored("\(path) can be read or written by other users; it is ignored") }
        guard info.st_size < 4096 else { return .ignored("\(path) is too large to be the tutor's; it is ignored") }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        let count = bytes.isEmpty ? 0 : read(descriptor, &bytes, bytes.count)
        guard count == bytes.count, let record = try? JSONDecoder().decode(EndpointRecord.self, from: Data(bytes)) else {
            if removeStale { unlink(path) }
            return .ignored("\(path) was damaged and has been removed")
        }
        guard record.isServing() else {
            if removeStale { unlink(path) }
            return .ignored("the API recorded in \(path) (process \(record.pid), port \(record.port)) is no longer running; the stale note was removed")
        }
        return .live(record)
    }

    /// The process is alive and is the one listening on 127.0.0.1:port, as this user.
    func isServing() -> Bool {
        guard pid > 0, kill(pid, 0) == 0,
              let listener = LoopbackSockets.find(localPort: port, remotePort: nil, listening: true), listener.uid == geteuid() else { return false }
        return LoopbackSockets.process(pid, holds: listener.inode)
    }
}
