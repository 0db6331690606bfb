import Foundation
import LambdaService
@testable import LocalEndpoint
import MiniLambda
import TestSupport
import Testing
import TutorSupport

/// Requests no SDK would send: each gets AWS's error code and message, and the server stays up.
@Suite(.serialized)
struct MalformedRequestTests {
    @Test func badRequestsGetAWSErrorsAndTheServerStaysUp() async throws {
        try await APIHarness.run { h in
            let client = OneClient(port: h.server.port)
            func send(_ method: String, _ path: String, _ body: String = "", headers: [(String, String)] = []) async throws -> LambdaAPIClient.Response {
                try await client.send(method, path, headers: headers, body: Data(body.utf8))
            }
            let notJSON = try await send("POST", "/2015-03-31/functions", "{not json")
            #expect(notJSON.status == 400 && notJSON.headers["x-amzn-errortype"] == "InvalidRequestContentException")
            let wrongType = try await send("POST", "/2015-03-31/functions", "{\"FunctionName\": 5}")
            #expect(wrongType.status == 400 && wrongType.headers["x-amzn-errortype"] == "InvalidRequestContentException")
            let missingRole = try await send("POST", "/2015-03-31/functions", "{\"FunctionName\": \"x\"}")
            #expect(missingRole.status == 400 && String(decoding: missingRole.body, as: UTF8.self).contains("'role' failed to satisfy constraint: Member must not be null"))
            let array = try await send("PUT", "/2015-03-31/functions/x/configuration", "[1, 2]")
            #expect(array.status == 400)
            let badType = try await send("POST", "/2015-03-31/functions/x/invocations", "{}", headers: [("X-Amz-Invocation-Type", "Sometimes")])
            #expect(badType.status == 400 || badType.status == 404)
            let badContext = try await send("POST", "/2015-03-31/functions/x/invocations", "{}", headers: [("X-Amz-Client-Context", "%%%")])
            #expect(badContext.status == 400 || badContext.status == 404)
            let unknown = try await send("GET", "/2099-01-01/whatever")
            #expect(unknown.status == 404 && unknown.headers["x-amzn-errortype"] == "UnknownOperationException")
            #expect(String(decoding: unknown.body, as: UTF8.self).contains("GET /2099-01-01/whatever"))
            let wrongMethod = try await send("PATCH", "/2015-03-31/functions/x")
            #expect(wrongMethod.headers["x-amzn-errortype"] == "UnknownOperationException")
            let badName = try await send("GET", "/2015-03-31/functions/..%2Fetc")
            #expect(badName.status == 400 && badName.headers["x-amzn-errortype"] == "InvalidParameterValueException")
            // Still serving, on the same keep-alive connection.
            let list = try await send("GET", "/2015-03-31/functions")
            #expect(list.status == 200 && String(decoding: list.body, as: UTF8.self) == "{\"Functions\":[]}")
        }
    }

    @Test func garbageOnTheWireClosesOnlyThatConnection() async throws {
        try await APIHarness.run { h in
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(h.server.port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            #expect(connected == 0)
            let junk = Array("\u{01}\u{02} NOT HTTP AT ALL\r\n\r\n".utf8)
            _ = junk.withUnsafeBytes { write(fd, $0.baseAddress, junk.count) }
            var buffer = [UInt8](repeating: 0, count: 512)
            let n = read(fd, &buffer, buffer.count)
            #expect(n > 0 && String(decoding: buffer[0..<max(n, 0)], as: UTF8.self).hasPrefix("HTTP/1.1 400"))
            close(fd)
            let list = try await OneClient(port: h.server.port).send("GET", "/2015-03-31/functions")
            #expect(list.status == 200)
        }
    }

    @Test func anotherLocalUserIsNotServed() async throws {
        let other = UnprivilegedTutor.otherUser()
        guard !other.isEmpty else {
            try Test.cancel("skipped: only root can run a client as another user here")
        }
        try await APIHarness.run { h in
            let script = "import urllib.request,sys\ntry:\n print(urllib.request.urlopen('http://127.0.0.1:\(h.server.port)/2015-03-31/functions', timeout=10).status)\nexcept Exception as e:\n print('refused', type(e).__name__)"
            let result = await OwnThread.run { PythonVenv.run(other[0], Array(other.dropFirst()) + ["/usr/bin/python3", "-c", script]) }
            #expect(result.output.hasPrefix("refused"), "\(result.output)")
            // The tutor's own user still is.
            let own = try await OneClient(port: h.server.port).send("GET", "/2015-03-31/functions")
            #expect(own.status == 200)
        }
    }
}

/// One keep-alive client whose blocking calls run on a thread of their own (never on the
/// cooperative pool the server's tasks need). @unchecked: the calls are awaited one by one.
final class OneClient: @unchecked Sendable {
    private let client: LambdaAPIClient

    init(port: Int) { client = LambdaAPIClient(port: port) }

    func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: Data = Data()) async throws -> LambdaAPIClient.Response {
        try await OwnThread.run { Result { try self.client.send(method, path, headers: headers, body: body) } }.get()
    }
}
