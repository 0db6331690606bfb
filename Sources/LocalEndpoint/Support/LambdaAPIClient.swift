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

    package init(port: Int) {
        self.port = port
    }

    deinit { if socket >= 0 { close(socket) } }

    /// `POST /2015-03-31/functions/NAME/invocations` with the Invoke API's headers.
    package func invoke(_ name: String, payload: Data, invocationType: String = "RequestResponse", logType: String? = nil) throws(Failure) -> Response {
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? name
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
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(socket, &chunk, chunk.count)
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw Failure(description: "the connection to 127.0.0.1:\(port) was closed") }
            buffer.append(contentsOf: chunk[0..<n])
            return
        }
    }

    private func readResponse() throws(Failure) -> Response {
        let separator: [UInt8] = [13, 10, 13, 10]
        var end: Int?
        while end == nil {
            if buffer.count >= 4 {
                for index in 0...(buffer.count - 4) where buffer[index] == 13 && Array(buffer[index..<(index + 4)]) == separator {
                    end = index
                    break
                }
            }
            if end == nil { try fill() }
        }
        let headText = String(decoding: buffer[0..<end!], as: UTF8.self)
        buffer.removeFirst(end! + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw Failure(description: "not an HTTP response: \(headText.prefix(80))") }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < length { try fill() }
        let body = Data(buffer[0..<length])
        buffer.removeFirst(length)
        if headers["connection"]?.lowercased() == "close" { disconnect() }
        return Response(status: status, headers: headers, body: body)
    }
}
