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

    /// `clock` is the service's wall clock (request times, `Date` headers, LastModified).
    static func run(clock: any WallClock = SystemWallClock(), _ body: (FunctionURLHarness) async throws -> Void) async throws {
        let directory = try TemporaryDirectory(prefix: "function-urls")
        let registry = FunctionRegistry(root: directory.url.appendingPathComponent("functions"), clock: clock)
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
