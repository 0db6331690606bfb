import Foundation
import MiniLambda
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The Lambda API on HTTP/1.1 with keep-alive, bound to 127.0.0.1 only: what
/// `lambda-tutor serve` and the REPL's `api start` run, and what the AWS CLI and boto3 reach
/// with `--endpoint-url`.
///
/// It ignores `Authorization` (SigV4 from any dummy credentials is fine, as with other local
/// emulators) and never listens beyond loopback. On a shared machine any local user can connect
/// to a loopback port, and CreateFunction runs code: so each connection's socket owner is read
/// from /proc/net/tcp and only the tutor's own user is served (``SameUser``).
package final class LambdaAPIServer: Sendable {
    /// The port `serve` tries first, when free.
    package static let defaultPort = 9001
    /// The largest body read: a CreateFunction carrying the largest direct-upload zip in base64.
    package static var maxBodyBytes: Int { CodeArchive.zippedLimit / 3 * 4 + 1_048_576 }

    package let port: Int
    package var endpoint: String { "http://127.0.0.1:\(port)" }
    private let channel: any Channel
    /// The server's own loop group; nil when it serves on the invoker's loop.
    private let ownGroup: MultiThreadedEventLoopGroup?
    private let connections: Connections

    private init(port: Int, channel: any Channel, ownGroup: MultiThreadedEventLoopGroup?, connections: Connections) {
        self.port = port
        self.channel = channel
        self.ownGroup = ownGroup
        self.connections = connections
    }

    package struct StartError: Error, CustomStringConvertible {
        package var description: String
    }

    /// Listens on `port` (0: any free port), or — with `fallback` — on a free port when `port`
    /// is taken.
    ///
    /// `invoker`: the workers' loops (``Invoker/loops``). The server then serves its connections
    /// on those loops and runs a synchronous invoke on its connection's loop, so a warm invoke
    /// is read, handed to its runtime, answered and written back on one thread. Stop the server
    /// before the invoker.
    package static func start(_ api: any EndpointHandling, port: Int, fallback: Bool = false,
                              invoker: InvokeLoops? = nil) async throws -> LambdaAPIServer {
        let ownGroup = invoker == nil ? MultiThreadedEventLoopGroup(numberOfThreads: 1) : nil
        let group: any EventLoopGroup = invoker?.group ?? ownGroup!
        let connections = Connections()
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            // TCP_NODELAY at the TCP level (see RuntimeAPIServer: the socket-level constant is SO_DEBUG).
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                // Any local user can connect to a loopback port; only this one's clients are served.
                guard SameUser.allows(channel) else {
                    return channel.eventLoop.makeFailedFuture(SameUser.Refused())
                }
                connections.add(channel)
                channel.closeFuture.whenComplete { _ in connections.remove(channel) }
                return channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
                    try pipeline.addHandler(LambdaAPIHandler(api: api, invokeExecutor: invoker?.executor(for: channel.eventLoop)))
                }
            }
        do {
            let channel: any Channel
            do {
                channel = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
            } catch where fallback && port != 0 {
                channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
            }
            guard let bound = channel.localAddress?.port else {
                try? await channel.close()
                throw StartError(description: "the API listener has no port")
            }
            return LambdaAPIServer(port: bound, channel: channel, ownGroup: ownGroup, connections: connections)
        } catch let error as StartError {
            try? await ownGroup?.shutdownGracefully()
            throw error
        } catch {
            try? await ownGroup?.shutdownGracefully()
            throw StartError(description: "cannot listen on 127.0.0.1:\(port): \(error)")
        }
    }

    /// Stops listening, closes every connection and the event loop.
    package func stop() async {
        try? await channel.close()
        for open in connections.all() { try? await open.close() }
        try? await ownGroup?.shutdownGracefully()
    }
}

/// The connection comes from a process of the user the tutor runs as: its socket's owner in
/// /proc/net/tcp. Another user's connection is closed before a byte is read.
enum SameUser {
    struct Refused: Error {}

    static func allows(_ channel: any Channel) -> Bool {
        guard let client = channel.remoteAddress?.port, let server = channel.localAddress?.port,
              let socket = LoopbackSockets.find(localPort: client, remotePort: server) else { return false }
        // A tutor run as root maps its sandboxes' user to an id no account has; its handlers
        // on the machine's network (network=host) reach the endpoint from that id.
        return socket.uid == geteuid() || (geteuid() == 0 && socket.uid == RuntimeSettings.rootSandboxHostUserID)
    }
}

/// The accepted connections, so stopping leaves no socket behind.
final class Connections: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])
    func add(_ channel: any Channel) { channels.withLock { $0[ObjectIdentifier(channel)] = channel } }
    func remove(_ channel: any Channel) { channels.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(channel)) } }
    func all() -> [any Channel] { channels.withLock { Array($0.values) } }
}

/// Reads one request (the pipeline handler serialises keep-alive requests), hands it to the
/// API off the event loop, and writes the answer back on it. Internal: the inside endpoint
/// (InsideEndpoint) serves sandboxes' listeners with it too.
final class LambdaAPIHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let api: any EndpointHandling
    /// Where synchronous invokes run (the invoker's loop, which this connection is on), or nil
    /// for the global pool.
    private let invokeExecutor: EventLoopTaskExecutor?
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    private var bodyBytes = 0

    init(api: any EndpointHandling, invokeExecutor: EventLoopTaskExecutor? = nil) {
        self.api = api
        self.invokeExecutor = invokeExecutor
    }

    /// A synchronous `POST …/invocations`: the one call that runs on the invoker's loop. Every
    /// other call may read or write files (CreateFunction unzips code) and goes to the pool.
    static func isSynchronousInvoke(method: String, uri: String, invocationType: String?) -> Bool {
        guard method == "POST", invocationType == nil || invocationType == "RequestResponse" else { return false }
        // On the bytes: Character-wise prefix and suffix checks cost a few microseconds here.
        var path = uri.utf8[...]
        if let query = path.firstIndex(of: UInt8(ascii: "?")) { path = path[..<query] }
        return path.starts(with: "/2015-03-31/functions/".utf8) && path.reversed().starts(with: "/invocations".utf8.reversed())
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = nil
            bodyBytes = 0
        case .body(var chunk):
            bodyBytes += chunk.readableBytes
            // Past the cap only the size is kept: the operation answers 413.
            if bodyBytes <= LambdaAPIServer.maxBodyBytes {
                if body == nil { body = chunk } else { body!.writeBuffer(&chunk) }
            } else {
                body = nil
            }
        case .end:
            guard let head else { return }
            self.head = nil
            let bytes = body.map { Data($0.readableBytesView) } ?? Data()
            body = nil
            let request = APIRequest(method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) },
                                     body: bytes, bodyBytes: bodyBytes, bodyTruncated: bodyBytes > LambdaAPIServer.maxBodyBytes)
            let keepAlive = head.isKeepAlive
            let loop = context.eventLoop
            let bound = NIOLoopBound((context, self), eventLoop: loop)
            let api = self.api
            let synchronous = Self.isSynchronousInvoke(method: head.method.rawValue, uri: head.uri,
                                                       invocationType: head.headers.first(name: "X-Amz-Invocation-Type"))
            let executor = synchronous ? invokeExecutor : nil
            Task(executorPreference: executor) {
                let response = await api.handle(request)
                loop.execute {
                    let (context, handler) = bound.value
                    handler.write(response, keepAlive: keepAlive, context: context)
                }
            }
        }
    }

    private func write(_ response: APIResponse, keepAlive: Bool, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        headers.add(name: "Content-Length", value: String(response.body.count))
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        var buffer = context.channel.allocator.buffer(capacity: response.body.count)
        buffer.writeBytes(response.body)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
