import Foundation
import LambdaService
import LocalEndpoint
import MiniLambda
import TestSupport
import Testing
import TutorSupport

/// A registry, an invoker, the Lambda API and the function URL listener beside it, each on an
/// ephemeral loopback port in a fresh temp folder; `run` always stops both servers and every
/// environment, and checks no runtime process is left.
struct FunctionURLHarness {
    let directory: TemporaryDirectory
    let registry: FunctionRegistry
    let service: LambdaService
    let server: LambdaAPIServer
    let urls: FunctionURLServer
    let notices: NoticeLog

    var endpoint: String { server.endpoint }
    var host: FunctionURLHost { urls.gateway.host }

    static func run(_ body: (FunctionURLHarness) async throws -> Void) async throws {
        let directory = try TemporaryDirectory(prefix: "function-urls")
        let registry = FunctionRegistry(root: directory.url.appendingPathComponent("functions"))
        let invoker = Invoker(settings: RuntimeSettings(scratchRoot: directory.url.appendingPathComponent("envs")), privatePaths: registry.privatePaths)
        let service = LambdaService(functions: registry, invoker: invoker)
        let notices = NoticeLog()
        let urls = try await FunctionURLServer.start(port: 0) { port in
            FunctionURLGateway(service: service, host: FunctionURLHost(port: port)) { notices.append($0) }
        }
        let api = LambdaAPI(service: service, urlHost: urls.gateway.host) { notices.append($0) }
        let server: LambdaAPIServer
        do {
            server = try await LambdaAPIServer.start(api, port: 0)
        } catch {
            await urls.stop()
            throw error
        }
        let harness = FunctionURLHarness(directory: directory, registry: registry, service: service, server: server, urls: urls, notices: notices)
        do {
            try await body(harness)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
        let left = ProcessTree.processes(mentioning: directory.path)
        #expect(left.isEmpty, "runtime processes left after shutdown: \(left)")
    }

    private func stop() async {
        await server.stop()
        await urls.stop()
        await service.shutdown()
    }

    /// A Python function `name` from `source` (`app.py`, handler `app.handler`).
    func python(_ name: String, _ source: String) throws {
        let folder = directory.url.appendingPathComponent("src-\(name)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try source.write(to: folder.appendingPathComponent("app.py"), atomically: true, encoding: .utf8)
        _ = try service.createFunction(name: name, runtime: .python, handler: "app.handler", code: .copy(folder))
    }
}

/// One HTTP exchange made by curl (a real client; it resolves `*.localhost` to 127.0.0.1 by
/// itself, as the README tells learners).
struct CurlExchange {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }

    func values(_ name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    func json() -> [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }

    /// `curl -s -X METHOD [-H …] [--data-binary @file] URL`, body and headers kept apart.
    static func run(_ url: String, method: String = "GET", headers: [String] = [], body: Data? = nil,
                    in directory: TemporaryDirectory) async -> CurlExchange? {
        let id = UUID().uuidString
        let bodyFile = directory.url.appendingPathComponent("curl-\(id).body")
        let headerFile = directory.url.appendingPathComponent("curl-\(id).headers")
        var arguments = ["-s", "-S", "--max-time", "60", "-X", method, "-D", headerFile.path, "-o", bodyFile.path]
        for header in headers { arguments += ["-H", header] }
        if let body {
            let upload = directory.url.appendingPathComponent("curl-\(id).upload")
            try? body.write(to: upload)
            arguments += ["--data-binary", "@" + upload.path]
        }
        arguments.append(url)
        let command = arguments
        let run = await OwnThread.run { PythonVenv.run("curl", command) }
        guard run.status == 0, let head = try? String(contentsOf: headerFile, encoding: .utf8) else { return nil }
        let lines = head.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        guard let statusLine = lines.first, let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") else { return nil }
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return CurlExchange(status: status, headers: headers, body: (try? Data(contentsOf: bodyFile)) ?? Data())
    }
}
