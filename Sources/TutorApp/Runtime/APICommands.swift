import Foundation
import LambdaService
import LocalEndpoint
import MiniLambda
import Synchronization
import TutorSupport
import LineEditor

/// The session's Lambda API on loopback (`api start`, `serve`): the same registry and invoker
/// as the REPL's `fn` and `invoke`, so the AWS CLI and the REPL see the same functions and
/// share warm environments.
final class APIService: Sendable {
    private let server = Mutex<LambdaAPIServer?>(nil)
    let dataHome: DataHome

    init(dataHome: DataHome) {
        self.dataHome = dataHome
    }

    static func of(_ session: Session) -> APIService {
        var created = false
        let service = session.service { () -> APIService in
            created = true
            return APIService(dataHome: session.dataHome)
        }
        if created {
            // The runtime first, so its shutdown hook runs after this one (hooks run in reverse):
            // the API serves on the invoker's event loop and must close before that loop does.
            let runtime = RuntimeService.of(session)
            session.onShutdown { await service.stop() }
            // Handlers on the machine's network use the learner's endpoint while it runs.
            runtime.inside.preferOutside { [weak service] in service?.running?.endpoint }
        }
        return service
    }

    var running: LambdaAPIServer? { server.withLock { $0 } }

    /// Starts serving `session`'s functions on `port` (nil: 9001 when free, else a free one)
    /// and records the endpoint in the data folder. Refused while another tutor serves it.
    func start(_ session: Session, port: Int?) async throws -> LambdaAPIServer {
        if let running { throw CommandError("the API is already running at \(running.endpoint)", hint: "'api stop' stops it") }
        switch EndpointRecord.lookup(in: dataHome) {
        case .live(let record):
            throw CommandError("another lambda-tutor (process \(record.pid)) already serves this data folder at \(record.endpoint)",
                               hint: "use that one, or stop it first; one Lambda per data folder, so environments are shared")
        case .ignored(let why):
            session.console.warning(why)
        case .none:
            break
        }
        let console = session.console
        let async = AsyncService.of(session)
        // The function URLs answer beside the API, so the FunctionUrl it returns works.
        let urlHost = try await FunctionURLService.of(session).host(session, ownOnly: true).host
        let runtime = RuntimeService.of(session)
        let lambda = LambdaAPI(service: runtime.lambda, async: async.invocations, mappings: async.mappings, urlHost: urlHost) { notice in
            console.say("[api] " + notice)
        }
        // SQS and SNS on the same port, over the session's queues and topics.
        let api = AWSEndpoint(lambda: lambda, sqs: async.endpoint.sqs, sns: async.endpoint.sns)
        // LAMBDA_TUTOR_API_PORT changes the default (tests set 0: any free port).
        let preferred = port ?? session.environment["LAMBDA_TUTOR_API_PORT"].flatMap { Int($0) }.flatMap { (0...65_535).contains($0) ? $0 : nil }
        let started: LambdaAPIServer
        do {
            // On the invoker's loop: a warm invoke crosses no thread (EventLoopTaskExecutor).
            started = try await LambdaAPIServer.start(api, port: preferred ?? LambdaAPIServer.defaultPort, fallback: port == nil,
                                                      invoker: runtime.invoker.loops)
        } catch {
            throw CommandError("cannot start the Lambda API: \(error)", hint: port.map { "port \($0) may be taken; leave out --port for a free one" })
        }
        server.withLock { $0 = started }
        do {
            try EndpointRecord(port: started.port, urlPort: urlHost.port, started: runtime.lambda.wallClock.now()).save(in: dataHome)
        } catch {
            console.warning("\(error.description); other tutors on this data folder will not find the API")
        }
        return started
    }

    /// Stops the server and removes the data folder's note of it. False if none was running.
    @discardableResult
    func stop() async -> Bool {
        guard let running = server.withLock({ current -> LambdaAPIServer? in
            defer { current = nil }
            return current
        }) else { return false }
        EndpointRecord.remove(in: dataHome)
        await running.stop()
        return true
    }
}

extension Command {
    static var apiCommands: [Command] { [api] }

    static let api = Command(
        "api", group: .runtime,
        summary: "Serve the Lambda API on 127.0.0.1 for the AWS CLI and boto3",
        usage: ["api", "api start [--port N]", "api stop"],
        discussion: """
        `api start` serves the Lambda REST API (2015-03-31), and SQS (JSON protocol) and SNS on the same port, on 127.0.0.1 — port 9001 when it is free, else a free \
        one (LAMBDA_TUTOR_API_PORT changes that default) — over the same functions and warm environments as `fn` and `invoke`. Point the stock AWS CLI or boto3 at \
        it with --endpoint-url (or AWS_ENDPOINT_URL_LAMBDA) and any dummy credentials. While it runs, \
        `lambda-tutor invoke NAME` in another shell on the same data folder goes through it. `api` shows the endpoint \
        and how to use it; `api stop` stops it (so does quitting). `lambda-tutor serve` does the same in the foreground.
        """,
        examples: ["api start", "api", "api stop"],
        options: [OptionSpec("port", value: "N", help: "api start: the port to listen on (default 9001, or a free one; 0: any free port)")],
        complete: { request, _ in request.precedingWords.count == 1 ? ["start", "stop"] : [] },
        run: { context in
            try context.arguments.expectAtMost(1)
            let service = APIService.of(context.session)
            switch context.arguments.positional(0) {
            case nil:
                if let running = service.running {
                    context.console.line(APIGuide.text(endpoint: running.endpoint, style: context.console.style))
                    if let urls = FunctionURLService.of(context.session).running {
                        context.console.line(servedURLsText(RuntimeService.of(context.session).lambda, host: urls.gateway.host, style: context.console.style))
                    }
                } else if case .live(let record) = EndpointRecord.lookup(in: context.session.dataHome) {
                    context.console.say("The API is not running in this tutor; lambda-tutor process \(record.pid) serves this data folder at \(record.endpoint).")
                    context.console.line(APIGuide.text(endpoint: record.endpoint, style: context.console.style))
                } else {
                    context.console.say("The Lambda API is not running. 'api start' serves it on 127.0.0.1 for the AWS CLI and boto3.")
                }
            case "start":
                let port = try context.arguments.option("port").map { try Arguments.integer($0, "--port", in: 0...65_535) }
                let started = try await service.start(context.session, port: port)
                context.console.line(APIGuide.text(endpoint: started.endpoint, style: context.console.style))
                if let urls = FunctionURLService.of(context.session).running {
                    context.console.line(servedURLsText(RuntimeService.of(context.session).lambda, host: urls.gateway.host, style: context.console.style))
                }
            case "stop":
                guard context.arguments.option("port") == nil else { throw CommandError("--port goes with 'api start'") }
                if await service.stop() {
                    context.console.say("The Lambda API is stopped.")
                } else {
                    context.console.say("The Lambda API was not running in this tutor.")
                }
            case let other?:
                throw CommandError("api has no subcommand '\(other)'", hint: Suggestions.didYouMean(other, in: ["start", "stop"]) ?? "see 'help api'")
            }
        })
}

extension Command {
    /// The API of another tutor process serving this data folder, if one is running (a stale
    /// or unsafe note is reported once and ignored).
    static func servedElsewhere(_ session: Session) -> EndpointRecord? {
        switch EndpointRecord.lookup(in: session.dataHome) {
        case .live(let record) where record.pid != getpid():
            return record
        case .ignored(let why):
            session.console.warning(why)
            return nil
        default:
            return nil
        }
    }

    /// `invoke NAME` through the serving tutor's Invoke API (with a Tail log, so START … REPORT
    /// and the figures come back). The log tail is at most 4 KB, as on AWS; the full log stays
    /// with the serving tutor ('logs NAME' there).
    static func remoteInvoke(_ name: String, payload: Data, port: Int, options: InvokeOptions) async throws -> InvocationResult {
        do {
            // A blocking socket: on a thread of its own, not the cooperative pool.
            var result = try await OwnThread.run { () -> Result<InvocationResult, RemoteInvocation.Failure> in
                do throws(RemoteInvocation.Failure) {
                    return .success(try RemoteInvocation.invoke(name, payload: payload, port: port))
                } catch {
                    return .failure(error)
                }
            }.get()
            if options.logType != .tail { result.logResult = nil }
            return result
        } catch {
            throw CommandError("\(error.code): \(error.message)", hint: "sent to the tutor serving this data folder at 127.0.0.1:\(port)")
        }
    }
}
