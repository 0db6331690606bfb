import Foundation

/// Who owns a TCP socket on the machine's loopback, read from `/proc/net/tcp` (whole: see
/// ``readWholeFile(_:)``). The Lambda API (LocalEndpoint) uses it to serve only its own user,
/// and to tell its own listener from one another user opened on a recorded port.
package enum LoopbackSockets {
    package struct Entry: Sendable, Hashable {
        package var uid: uid_t
        package var inode: UInt64
    }

    /// The socket `127.0.0.1:localPort → 127.0.0.1:remotePort` (any remote when nil; with
    /// `listening`, only a socket in LISTEN state).
    package static func find(localPort: Int, remotePort: Int?, listening: Bool = false) -> Entry? {
        guard let table = readWholeFile("/proc/net/tcp") else { return nil }
        let local = String(format: "0100007F:%04X", localPort)
        let remote = remotePort.map { String(format: "0100007F:%04X", $0) }
        for line in table.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count > 9, fields[1] == local else { continue }
            if let remote, fields[2] != remote { continue }
            if listening, fields[3] != "0A" { continue }
            guard let uid = uid_t(fields[7]), let inode = UInt64(fields[9]) else { continue }
            return Entry(uid: uid, inode: inode)
        }
        return nil
    }

    /// Whether process `pid` holds the socket with `inode` open.
    package static func process(_ pid: pid_t, holds inode: UInt64) -> Bool {
        PeerCheck.process(pid, holdsSocket: inode)
    }
}
