import Foundation
import LambdaService
import LocalEndpoint
import Synchronization
import TutorSupport

/// The session's function URL listener (``FunctionURLServer``): started by the first `fn url`,
/// `route add` or `api start` of a session (and by `serve`), stopped when the tutor quits.
/// When another tutor already serves this data folder (its note names its URL port), that one
/// answers the URLs — it reads the same configs from the data folder — and none is started here.
final class FunctionURLService: Sendable {
    private let server = Mutex<FunctionURLServer?>(nil)

    static func of(_ session: Session) -> FunctionURLService {
        var created = false
        let service = session.service { () -> FunctionURLService in
            created = true
            return FunctionURLService()
        }
        if created { session.onShutdown { await service.stop() } }
        return service
    }

    var running: FunctionURLServer? { server.withLock { $0 } }

    /// Where the URLs answer: this tutor's listener (started if need be), or the one of the
    /// tutor serving the data folder. `ownOnly` (for `api start`) always starts one here.
    func host(_ session: Session, ownOnly: Bool = false) async throws -> (host: FunctionURLHost, servedBy: Int32?) {
        let restID = FunctionURLHost.restAPIID(for: session.dataHome.root)
        if let running { return (running.gateway.host, nil) }
        if !ownOnly, let record = Command.servedElsewhere(session), let urlPort = record.urlPort {
            return (FunctionURLHost(port: urlPort, restAPIID: restID), record.pid)
        }
        let lambda = RuntimeService.of(session).lambda
        let console = session.console
        // LAMBDA_TUTOR_URL_PORT changes the default (tests set 0: any free port).
        let preferred = session.environment["LAMBDA_TUTOR_URL_PORT"].flatMap { Int($0) }.flatMap { (0...65_535).contains($0) ? $0 : nil }
        let started: FunctionURLServer
        do {
            started = try await FunctionURLServer.start(port: preferred ?? FunctionURLServer.defaultPort, fallback: preferred == nil) { port in
                FunctionURLGateway(service: lambda, host: FunctionURLHost(port: port, restAPIID: restID)) { notice in
                    console.say("[url] " + notice)
                }
            }
        } catch {
            throw CommandError("cannot start the function URL listener: \(error)")
        }
        // Two commands may start it at once; the first one's stays.
        let kept = server.withLock { current -> FunctionURLServer? in
            if let current { return current }
            current = started
            return nil
        }
        if let kept {
            await started.stop()
            return (kept.gateway.host, nil)
        }
        return (started.gateway.host, nil)
    }

    /// At the start of an interactive tutor: when the data folder has a function URL or a
    /// route, the listener starts in the background, so the URLs of an earlier session answer
    /// again without a command (a folder without any costs one read of each `service.json`).
    /// The check runs here, before the first prompt, and the task only when there is something
    /// to serve: a task at every start started libdispatch's worker thread and event loop, which
    /// an idle tutor then kept (BENCHMARKS.md, Start-up).
    static func resumeIfConfigured(_ session: Session) {
        let registry = FunctionRegistry(dataHome: session.dataHome)
        let configured = registry.names().contains { name in
            let file = registry.root.appendingPathComponent(name).appendingPathComponent("service.json")
            guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8) else { return false }
            return text.contains("\"functionURLs\"") || text.contains("\"proxyRoutes\"")
        }
        guard configured else { return }
        Task.detached {
            do {
                _ = try await FunctionURLService.of(session).host(session)
            } catch {
                session.console.warning("the function URLs of this data folder are not served: \(error)")
            }
        }
    }

    func stop() async {
        guard let running = server.withLock({ current -> FunctionURLServer? in
            defer { current = nil }
            return current
        }) else { return }
        await running.stop()
    }
}
