// lambda-tutor-apibench: the Lambda API's figures, side by side in one run (Benchmarks/api.sh).
//
//   lambda-tutor-apibench [--invokes N] [--seconds S]
//
// 1. the floor: a bare keep-alive HTTP/1.1 round trip on loopback (a SwiftNIO server that
//    answers 200 with an empty body), with the same blocking keep-alive client
// 2. a warm invoke of a no-op Python handler straight through LambdaService (no HTTP)
// 3. the same invoke through the Lambda API (POST …/invocations), one keep-alive client, as
//    `serve` runs it (on the invoker's event loops) and, for reference, with the API on an
//    event loop of its own and its tasks on the concurrency pool (the design before b0ef4aa)
// 4. throughput: invokes/s through the API with 1 and with 2 concurrent keep-alive clients
//    (and with 2 for the reference)
// 5. the settings read Invoke starts with: from disk against the service's cached copy
import Foundation
import LambdaService
import LocalEndpoint
import MiniLambda
import NIOCore
import NIOHTTP1
import NIOPosix

var invokes = 2000
var seconds = 3.0
var iterator = CommandLine.arguments.dropFirst().makeIterator()
while let argument = iterator.next() {
    switch argument {
    case "--invokes": invokes = Int(iterator.next() ?? "") ?? invokes
    case "--seconds": seconds = Double(iterator.next() ?? "") ?? seconds
    default:
        FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
        exit(2)
    }
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted[Int((p / 100 * Double(sorted.count - 1)).rounded())]
}

func ms(_ duration: Duration) -> Double {
    let (whole, atto) = duration.components
    return Double(whole) * 1000 + Double(atto) / 1e15
}

func row(_ name: String, _ samples: [Double]) {
    let label = name.padding(toLength: 50, withPad: " ", startingAt: 0)
    print(label + String(format: " p50 %.3f ms  p99 %.3f ms  (%d)", percentile(samples, 50), percentile(samples, 99), samples.count))
}

/// The floor: answers every request with 200 and no body.
final class EmptyResponder: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .end = unwrapInboundIn(data) else { return }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Length", value: "0")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}

/// Blocking round trips on one keep-alive connection, off the Swift concurrency pool.
/// Samples written by one thread and read after it signals: @unchecked is safe for that hand-over.
final class Samples: @unchecked Sendable { var values: [Double] = [] }

func timed(port: Int, count: Int, _ request: @escaping @Sendable (LambdaAPIClient) throws -> LambdaAPIClient.Response) -> [Double] {
    let samples = Samples()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        let client = LambdaAPIClient(port: port)
        for _ in 0..<50 { _ = try? request(client) }
        samples.values.reserveCapacity(count)
        for _ in 0..<count {
            let start = ContinuousClock.now
            let response = try! request(client)
            samples.values.append(ms(start.duration(to: .now)))
            precondition(response.status == 200 && response.headers["x-amz-function-error"] == nil, "request failed: \(response.status)")
        }
        done.signal()
    }
    thread.start()
    done.wait()
    return samples.values
}

/// Invokes per second with `clients` keep-alive connections for `seconds`.
func throughput(port: Int, clients: Int, seconds: Double) -> Double {
    let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: clients)
    counts.initialize(repeating: 0)
    defer { counts.deallocate() }
    let group = DispatchGroup()
    let start = Date()
    nonisolated(unsafe) let shared = counts
    for index in 0..<clients {
        group.enter()
        Thread {
            let client = LambdaAPIClient(port: port)
            let payload = Data("{}".utf8)
            while Date().timeIntervalSince(start) < seconds {
                let response = try! client.invoke("noop", payload: payload)
                precondition(response.status == 200)
                shared[index] += 1
            }
            group.leave()
        }.start()
    }
    group.wait()
    return Double(counts.reduce(0, +)) / Date().timeIntervalSince(start)
}

let scratch = URL(fileURLWithPath: access("/var/tmp", W_OK) == 0 ? "/var/tmp" : NSTemporaryDirectory())
    .appendingPathComponent("lambda-tutor-apibench-\(getpid())")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
defer { try? FileManager.default.removeItem(at: scratch) }

var load = [Double](repeating: 0, count: 3)
getloadavg(&load, 3)
print(String(format: "load average before: %.2f %.2f %.2f; %d cores", load[0], load[1], load[2], ProcessInfo.processInfo.activeProcessorCount))

// 1. The floor.
let floorGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
let floorChannel = try await ServerBootstrap(group: floorGroup)
    .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
    .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.configureHTTPServerPipeline()
            try channel.pipeline.syncOperations.addHandler(EmptyResponder())
        }
    }
    .bind(host: "127.0.0.1", port: 0).get()
let floorPort = floorChannel.localAddress!.port!
let floor = timed(port: floorPort, count: invokes) { try $0.send("POST", "/2015-03-31/functions/noop/invocations", body: Data("{}".utf8)) }
try await floorChannel.close().get()
try await floorGroup.shutdownGracefully()

// 2–4. The API over a warm no-op Python function.
let registry = FunctionRegistry(root: scratch.appendingPathComponent("functions"))
let invoker = Invoker(settings: RuntimeSettings(scratchRoot: scratch.appendingPathComponent("envs")), privatePaths: registry.privatePaths)
let service = LambdaService(functions: registry, invoker: invoker)
try registry.create(name: "noop", runtime: .python, handler: "app.handler")
try registry.writeCode("noop", file: "app.py", contents: "def handler(event, context):\n    return {}\n")
let payload = Data("{}".utf8)
for _ in 0..<50 { _ = try await service.invoke("noop", payload: payload) }
var direct: [Double] = []
for _ in 0..<invokes {
    let start = ContinuousClock.now
    _ = try await service.invoke("noop", payload: payload)
    direct.append(ms(start.duration(to: .now)))
}
// The reference for the API's design: the same server on an event loop of its own, each
// request's task on the concurrency pool (how every request was served before b0ef4aa).
let ownLoop = try await LambdaAPIServer.start(LambdaAPI(service: service), port: 0)
let apiOwnLoop = timed(port: ownLoop.port, count: invokes) { try $0.invoke("noop", payload: Data("{}".utf8)) }
let twoOwnLoop = throughput(port: ownLoop.port, clients: 2, seconds: seconds)
await ownLoop.stop()
// As `serve` and `api start` run it: on the invoker's loops, a synchronous invoke's task on
// its connection's loop.
let server = try await LambdaAPIServer.start(LambdaAPI(service: service), port: 0, invoker: invoker.loops)
let api = timed(port: server.port, count: invokes) { try $0.invoke("noop", payload: Data("{}".utf8)) }
let one = throughput(port: server.port, clients: 1, seconds: seconds)
let two = throughput(port: server.port, clients: 2, seconds: seconds)
await server.stop()

// The settings read Invoke does first through the API: from disk and decoded each time, against
// the service's copy cached by the file's stamp.
var fromDisk: [Double] = []
var cached: [Double] = []
for _ in 0..<invokes {
    var start = ContinuousClock.now
    _ = try registry.configuration("noop")
    fromDisk.append(ms(start.duration(to: .now)))
    start = ContinuousClock.now
    _ = try service.getFunctionConfiguration(name: "noop")
    cached.append(ms(start.duration(to: .now)))
}
await service.shutdown()

row("bare keep-alive HTTP round trip (floor)", floor)
row("warm invoke, LambdaService (no HTTP)", direct)
row("warm invoke through the Lambda API, keep-alive", api)
row("  the same, API on its own loop (reference)", apiOwnLoop)
row("function.json read and decoded", fromDisk)
row("the same, from the service's cache", cached)
print(String(format: "API overhead over the floor at p50: %.3f ms; goal: API p50 <= 0.300 ms", percentile(api, 50) - percentile(floor, 50)))
print(String(format: "API overhead over the no-HTTP invoke at p50: %.3f ms", percentile(api, 50) - percentile(direct, 50)))
print(String(format: "throughput through the API: 1 client %.0f invokes/s, 2 clients %.0f invokes/s; goal: >= 3900 with 2", one, two))
print(String(format: "  the same, API on its own loop (reference): 2 clients %.0f invokes/s", twoOwnLoop))
getloadavg(&load, 3)
print(String(format: "load average after: %.2f %.2f %.2f", load[0], load[1], load[2]))
