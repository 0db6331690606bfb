import Foundation
import LocalEndpoint
import Testing

/// The blocking client `lambda-tutor invoke` uses to reach a running API (and the API benchmark
/// measures with), against a scripted loopback server that splits its answers across writes.
@Suite(.serialized)
struct LambdaAPIClientTests {
    /// Accepts one connection on 127.0.0.1 and, for each request read, writes the next answer
    /// in the given pieces (a pause between them, so the client reads them separately).
    final class ScriptedServer: @unchecked Sendable {
        let port: Int
        private let listener: Int32
        private let thread: Thread

        init(answers: [[String]]) throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var size = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    bind(fd, pointer, size) == 0 && listen(fd, 1) == 0 && getsockname(fd, pointer, &size) == 0
                }
            }
            guard bound else { close(fd); throw CocoaError(.fileReadUnknown) }
            listener = fd
            port = Int(UInt16(bigEndian: address.sin_port))
            thread = Thread {
                let connection = accept(fd, nil, nil)
                guard connection >= 0 else { return }
                defer { close(connection) }
                var request: [UInt8] = []
                var chunk = [UInt8](repeating: 0, count: 4096)
                for pieces in answers {
                    // Read until one whole request (head and the body its Content-Length names) is in.
                    while true {
                        if let end = request.indices.dropLast(3).first(where: { request[$0..<($0 + 4)].elementsEqual([13, 10, 13, 10]) }) {
                            let head = String(decoding: request[..<end], as: UTF8.self).lowercased()
                            let length = head.components(separatedBy: "content-length: ").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
                            if request.count >= end + 4 + length {
                                request.removeFirst(end + 4 + length)
                                break
                            }
                        }
                        let n = read(connection, &chunk, chunk.count)
                        if n <= 0 { return }
                        request += chunk[0..<n]
                    }
                    for piece in pieces {
                        _ = Array(piece.utf8).withUnsafeBytes { write(connection, $0.baseAddress!, $0.count) }
                        usleep(20_000)
                    }
                }
            }
            thread.start()
        }

        deinit { close(listener) }
    }

    @Test func answersSplitAcrossReadsAreReadWholeAndInOrder() throws {
        let server = try ScriptedServer(answers: [
            ["HTTP/1.1 200 OK\r\nContent-Type: application/json\r", "\nX-Amz-Function-Error:  Unhandled \r\nContent-Length: 7\r\n\r", "\n{\"a\"", ":1}"],
            ["HTTP/1.1 404 Not Found\r\ncontent-length: 2\r\nX-Amzn-ErrorType: ResourceNotFoundException\r\n\r\n{}"],
        ])
        let client = LambdaAPIClient(port: server.port)
        let first = try client.invoke("my-function", payload: Data("{}".utf8))
        #expect(first.status == 200)
        #expect(String(decoding: first.body, as: UTF8.self) == "{\"a\":1}")
        #expect(first.headers["x-amz-function-error"] == "Unhandled", "names lower-cased, values trimmed: \(first.headers)")
        #expect(first.headers["content-type"] == "application/json")
        let second = try client.invoke("my-function", payload: Data("{}".utf8))
        #expect(second.status == 404)
        #expect(second.headers["x-amzn-errortype"] == "ResourceNotFoundException")
        #expect(String(decoding: second.body, as: UTF8.self) == "{}")
    }

    @Test func somethingThatIsNotHTTPIsAFailure() throws {
        let server = try ScriptedServer(answers: [["SSH-2.0-OpenSSH\r\n\r\n"]])
        let client = LambdaAPIClient(port: server.port)
        #expect(throws: LambdaAPIClient.Failure.self) { try client.invoke("f", payload: Data("{}".utf8)) }
    }
}
