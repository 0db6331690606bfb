import Foundation
import LambdaService
import LocalEndpoint
import LocalServices
import MiniLambda
import Synchronization
import TestSupport
import Testing
import TutorSupport

/// A registry, an invoker and the Lambda API serving them on an ephemeral loopback port, in a
/// fresh temp folder; `run` always stops the server and every environment.
struct APIHarness {
    let directory: TemporaryDirectory
    let registry: FunctionRegistry
    let service: LambdaService
    let asyncInvocations: AsyncInvocations
    /// Event source mappings over `queues` and `streams` (no poller runs: tests call `runDue()`).
    let mappings: EventSourceMappings
    /// SNS topics over `queues`, delivering to functions through `asyncInvocations`.
    let topics: LocalTopics
    let server: LambdaAPIServer
    let notices: NoticeLog

    var endpoint: String { server.endpoint }

    static func run(_ body: (APIHarness) async throws -> Void) async throws {
        let directory = try TemporaryDirectory(prefix: "local-endpoint")
        let registry = FunctionRegistry(root: directory.url.appendingPathComponent("functions"))
        let invoker = Invoker(settings: RuntimeSettings(scratchRoot: directory.url.appendingPathComponent("envs")), privatePaths: registry.privatePaths)
        let service = LambdaService(functions: registry, invoker: invoker)
        let notices = NoticeLog()
        // Event invocations go onto a real async queue (no pump runs: they stay queued, which
        // the tests check); the queue's own rules are LambdaServiceTests' AsyncInvokeTests.
        let clock = ScaledClock()
        let queues = LocalQueues(region: LambdaIdentity.region, accountID: LambdaIdentity.accountID, clock: clock)
        let topics = LocalTopics(queues: queues, clock: clock)
        let asyncInvocations = AsyncInvocations(service: service, queues: queues, topics: topics, clock: clock)
        asyncInvocations.deliverNotifications(of: topics)
        let streams = LocalStreams(region: LambdaIdentity.region, accountID: LambdaIdentity.accountID, clock: clock)
        let mappings = EventSourceMappings(service: service, queues: queues, streams: streams, topics: topics, clock: clock)
        let api = LambdaAPI(service: service, async: asyncInvocations, mappings: mappings) { notices.append($0) }
        // Lambda, SQS and SNS on one port, as the tutor serves them.
        let endpoint = AWSEndpoint(lambda: api, sqs: SQSAPI(queues: queues), sns: SNSAPI(topics: topics))
        let server = try await LambdaAPIServer.start(endpoint, port: 0)
        let harness = APIHarness(directory: directory, registry: registry, service: service, asyncInvocations: asyncInvocations, mappings: mappings,
                                 topics: topics, server: server, notices: notices)
        do {
            try await body(harness)
        } catch {
            await server.stop()
            await service.shutdown()
            throw error
        }
        await server.stop()
        await service.shutdown()
        let left = ProcessTree.processes(mentioning: directory.path)
        #expect(left.isEmpty, "runtime processes left after shutdown: \(left)")
    }
}

/// The API's notices (Event invocations), collected.
final class NoticeLog: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

/// The AWS CLI and boto3 from PyPI, installed once for the whole run into a throwaway venv.
enum AWSClients {
    static let packages = ["awscli==1.46.3", "boto3"]
    static let venv: Result<PythonVenv, any Error> = Result { try PythonVenv.make(packages) }

    /// The venv for the running test: as ``PythonVenv/forTest(_:sourceLocation:)``, a missing
    /// PyPI cancels the test on a developer machine and fails it under CI.
    static func forTest(sourceLocation: SourceLocation = #_sourceLocation) async throws -> PythonVenv {
        // pip runs for half a minute: off the cooperative pool.
        let venv = await OwnThread.run { Self.venv }
        switch venv {
        case .success(let venv):
            return venv
        case .failure(PythonVenv.Failure.pypiUnreachable(let output)):
            try PythonVenv.unreachable(Self.packages, output: output, sourceLocation: sourceLocation)
        case .failure(let error):
            throw error
        }
    }

    /// Runs a boto3 driver (Clients/NAME.py) against `endpoint` and reads the one JSON object it
    /// prints last: each recorded call by its key.
    static func driverResults(_ venv: PythonVenv, _ driver: String, endpoint: String,
                              sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: [String: Any]] {
        let python = venv.python
        let run = await OwnThread.run { PythonVenv.run(python, [driver, endpoint]) }
        #expect(run.status == 0, "\(run.output)", sourceLocation: sourceLocation)
        let line = try #require(run.output.split(separator: "\n").last, sourceLocation: sourceLocation)
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: [String: Any]], sourceLocation: sourceLocation)
    }

    /// Runs `aws ARGS…` against `endpoint` with dummy credentials, in `directory`.
    static func aws(_ venv: PythonVenv, _ arguments: [String], endpoint: String, in directory: String) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: venv.directory.path + "/venv/bin/aws")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("AWS_") { environment.removeValue(forKey: key) }
        environment["AWS_ACCESS_KEY_ID"] = "test"
        environment["AWS_SECRET_ACCESS_KEY"] = "test"
        environment["AWS_DEFAULT_REGION"] = "us-east-1"
        environment["AWS_ENDPOINT_URL_LAMBDA"] = endpoint
        environment["AWS_MAX_ATTEMPTS"] = "1"
        environment["HOME"] = directory
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
