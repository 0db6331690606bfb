import Foundation

/// A small blocking HTTP/1.1 client with keep-alive over one loopback connection: how a second
/// tutor on the same data folder sends `invoke NAME` to the API that serves it, and what the
/// API benchmark measures with. Not a general client: it speaks to 127.0.0.1 only and reads
/// bodies by `Content-Length`, as our server sends them.
package final class LambdaAPIClient {
    package struct Response: Sendable {
        package var status: Int
        /// Header names lower-cased.
        package var headers: [String: String]
        package var body: Data
    }

    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    private let port: Int
    private var socket: Int32 = -1
    private var buffer: [UInt8] = []
    /// What one `read` fills, allocated once: a fresh zeroed 64 KB array per read cost more than
    /// the read.
    private var chunk = [UInt8](repeating: 0, count: 65_536)

    package init(port: Int) {
        self.port = port
    }

    deinit { if socket >= 0 { close(socket) } }

    /// `POST /2015-03-31/functions/NAME/invocations` with the Invoke API's headers.
    package func invoke(_ name: String, payload: Data, invocationType: String = "RequestResponse", logType: String? = nil) throws(Failure) -> Response {
        let plain = name.utf8.allSatisfy { $0 < 0x80 && (Self.isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")) }
        let encoded = plain ? name : name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? name
        var headers = [("X-Amz-Invocation-Type", invocationType)]
        if let logType { headers.append(("X-Amz-Log-Type", logType)) }
        return try send("POST", "/2015-03-31/functions/\(encoded)/invocations", headers: headers, body: payload)
    }

    package func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: Data = Data()) throws(Failure) -> Response {
        // A reused connection the server has closed is replaced before anything is sent; once
        // a request is written it is never sent again (an invoke must not run twice).
        if socket >= 0, peerClosed() { disconnect() }
        return try attempt(method, path, headers: headers, body: body)
    }

    private func peerClosed() -> Bool {
        var byte: UInt8 = 0
        let n = recv(socket, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
    }

    private func attempt(_ method: String, _ path: String, headers: [(String, String)], body: Data) throws(Failure) -> Response {
        if socket < 0 { try connect() }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        try writeAll(Array(head.utf8) + [UInt8](body))
        return try readResponse()
    }

    private func connect() throws(Failure) {
        let fd = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw Failure(description: "cannot connect to 127.0.0.1:\(port): \(reason)")
        }
        socket = fd
        buffer.removeAll()
    }

    private func disconnect() {
        if socket >= 0 { close(socket) }
        socket = -1
        buffer.removeAll()
    }

    private func writeAll(_ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(socket, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw Failure(description: "the connection to 127.0.0.1:\(port) was closed") }
            offset += n
        }
    }

    private func fill() throws(Failure) {
        while true {
            let n = chunk.withUnsafeMutableBytes { read(socket, $0.baseAddress!, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw Failure(description: "the connection to 127.0.0.1:\(port) was closed") }
            buffer.append(contentsOf: chunk[0..<n])
            return
        }
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Where the head ends (the blank line's CR LF CR LF), searched from `start`.
    private func headEnd(from start: Int) -> Int? {
        guard buffer.count >= 4 else { return nil }
        var index = max(0, start)
        while index <= buffer.count - 4 {
            if buffer[index] == 13, buffer[index + 1] == 10, buffer[index + 2] == 13, buffer[index + 3] == 10 { return index }
            index += 1
        }
        return nil
    }

    /// The head's lines on the bytes (header names and values are ASCII here, as our server
    /// writes them); Foundation's `components(separatedBy:)` and `trimmingCharacters` cost more
    /// than the round trip's own system calls in the API benchmark.
    private func readResponse() throws(Failure) -> Response {
        var searched = 0
        var end = headEnd(from: 0)
        while end == nil {
            searched = max(0, buffer.count - 3)
            try fill()
            end = headEnd(from: searched)
        }
        let head = buffer[0..<end!]
        var lines = head.split(separator: 10, omittingEmptySubsequences: false).map { $0.last == 13 ? $0.dropLast() : $0 }
        let statusLine = lines.isEmpty ? [] : lines.removeFirst().split(separator: UInt8(ascii: " "))
        guard statusLine.count >= 2, let status = Int(String(decoding: statusLine[1], as: UTF8.self)) else {
            let text = String(decoding: head.prefix(80), as: UTF8.self)
            throw Failure(description: "not an HTTP response: \(text)")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = APIRequest.lowercased(String(decoding: line[..<colon], as: UTF8.self))
            var value = line[line.index(after: colon)...]
            while let first = value.first, first == 32 || first == 9 { value = value.dropFirst() }
            while let last = value.last, last == 32 || last == 9 { value = value.dropLast() }
            headers[name] = String(decoding: value, as: UTF8.self)
        }
        buffer.removeFirst(end! + 4)
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < length { try fill() }
        let body = Data(buffer[0..<length])
        buffer.removeFirst(length)
        if headers["connection"]?.lowercased() == "close" { disconnect() }
        return Response(status: status, headers: headers, body: body)
    }
}
