import Foundation
import LambdaModel
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// One execution environment's Runtime API endpoint, an HTTP/1.1 server that only that
/// environment's runtime can reach.
///
/// In a sandbox the listening socket is bound inside the environment's own network namespace
/// (127.0.0.1:9001, as on Lambda) and handed to the tutor, which serves it from outside: no
/// process outside the environment can connect to it. Without a network namespace of its own it
/// is an ephemeral port on the machine's loopback, and a ``PeerCheck`` closes every connection
/// that does not come from the environment's own processes.
///
/// The paths, headers, status codes and error bodies follow the Lambda Runtime API
/// (`shared/reference/lambda-wire-contracts.md` §1). `/next` is a long poll: it is answered
/// when an invocation arrives, never with an error while the runtime is healthy.
final class RuntimeAPIServer: Sendable {
    static let apiVersion = "/2018-06-01"
    /// Where a runtime finds the Runtime API inside a sandbox, as on Lambda.
    static let insidePort: UInt16 = 9001

    /// Where the listening socket comes from.
    enum Listener: Sendable {
        /// A socket bound and listening inside the environment's network namespace.
        case adopted(descriptor: Int32)
        /// An ephemeral port on the machine's loopback, guarded by a peer check.
        case loopback(PeerCheck)
    }

    let broker: InvocationBroker
    /// `host:port` for `AWS_LAMBDA_RUNTIME_API`, as the runtime sees it.
    let address: String
    /// The peer check of a loopback endpoint (nil inside a network namespace).
    let peerCheck: PeerCheck?
    private let listener: any Channel
    private let connections: ConnectionTracker

    private init(broker: InvocationBroker, listener: any Channel, address: String, peerCheck: PeerCheck?, connections: ConnectionTracker) {
        self.broker = broker
        self.listener = listener
        self.address = address
        self.peerCheck = peerCheck
        self.connections = connections
    }

    /// Starts serving `broker` on `listener`.
    static func start(group: any EventLoopGroup, broker: InvocationBroker, listener: Listener) async throws(MiniLambdaError) -> RuntimeAPIServer {
        let tracker = ConnectionTracker()
        var peerCheck: PeerCheck?
        if case .loopback(let check) = listener { peerCheck = check }
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 16)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            // A TCP-level option: `.socketOption(.tcp_nodelay)` would set SOL_SOCKET's
            // option 1, SO_DEBUG, which only root may set (everyone else's runtimes were
            // cut off at their first request).
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { [peerCheck] channel in
                let serve: @Sendable () -> EventLoopFuture<Void> = {
                    tracker.add(channel)
                    channel.closeFuture.whenComplete { _ in tracker.remove(channel) }
                    return channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
                        try pipeline.addHandler(RuntimeAPIHandler(broker: broker))
                    }
                }
                // Outside a network namespace: only the environment's own processes.
                guard let peerCheck else { return serve() }
                return peerCheck.decide(clientPort: channel.remoteAddress?.port, on: channel.eventLoop).flatMap { allowed in
                    allowed ? serve() : channel.eventLoop.makeFailedFuture(RefusedPeer())
                }
            }
        do {
            switch listener {
            case .adopted(let descriptor):
                let channel = try await bootstrap.withBoundSocket(descriptor).get()
                return RuntimeAPIServer(broker: broker, listener: channel, address: "127.0.0.1:\(insidePort)", peerCheck: nil, connections: tracker)
            case .loopback(let check):
                let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
                guard let port = channel.localAddress?.port else {
                    try? await channel.close()
                    throw MiniLambdaError(.system, "the Runtime API listener has no port")
                }
                check.listening(on: port)
                return RuntimeAPIServer(broker: broker, listener: channel, address: "127.0.0.1:\(port)", peerCheck: check, connections: tracker)
            }
        } catch let error as MiniLambdaError {
            throw error
        } catch {
            throw MiniLambdaError(.system, "cannot start the Runtime API on 127.0.0.1: \(error)")
        }
    }

    /// Stops listening and closes every connection (a parked `/next` included).
    func close() async {
        try? await listener.close()
        let open = connections.channels.withLock { Array($0.values) }
        for channel in open { try? await channel.close() }
    }
}

/// A connection to a loopback Runtime API from outside the environment, closed unread.
struct RefusedPeer: Error {}

/// The accepted connections of one endpoint, so closing it leaves no socket behind.
private final class ConnectionTracker: Sendable {
    let channels = Mutex<[ObjectIdentifier: any Channel]>([:])
    func add(_ channel: any Channel) { channels.withLock { $0[ObjectIdentifier(channel)] = channel } }
    func remove(_ channel: any Channel) { channels.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(channel)) } }
}

/// Parses one request at a time (the HTTP pipeline handler serialises keep-alive requests) and
/// routes it to the broker.
private final class RuntimeAPIHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let broker: InvocationBroker
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    private var bodyBytes = 0
    private let limit = Limits.syncResponseBytes

    init(broker: InvocationBroker) {
        self.broker = broker
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            self.body = nil
            self.bodyBytes = 0
        case .body(var chunk):
            bodyBytes += chunk.readableBytes
            // Past the limit we only count: the request will be refused with 413.
            if bodyBytes <= limit {
                if body == nil {
                    body = chunk
                } else {
                    body!.writeBuffer(&chunk)
                }
            }
        case .end:
            guard let head else { return }
            self.head = nil
            route(context: context, head: head)
        }
    }

    private static let prefix = Array((RuntimeAPIServer.apiVersion + "/runtime/").utf8)

    private func route(context: ChannelHandlerContext, head: HTTPRequestHead) {
        // On the bytes, twice per invocation: Character-wise splitting and comparing was 2.5%
        // of the event loop's time in the API benchmark.
        var path = head.uri.utf8[...]
        if let query = path.firstIndex(of: UInt8(ascii: "?")) { path = path[..<query] }
        guard path.starts(with: Self.prefix) else {
            write(context: context, reply: path.elementsEqual("/ping".utf8) ? .init(status: 200, body: "") : .notFound)
            return
        }
        let route = path.dropFirst(Self.prefix.count).split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        let errorType = head.headers.first(name: "Lambda-Runtime-Function-Error-Type")
        let bytes = body.map { Data($0.readableBytesView) } ?? Data()
        body = nil
        func part(_ index: Int, is word: String) -> Bool { route[index].elementsEqual(word.utf8) }

        switch (head.method, route.count) {
        case (.GET, 2) where part(0, is: "invocation") && part(1, is: "next"):
            let responder = ChannelNextResponder(context: context, handler: self)
            if let reply = broker.next(responder) { write(context: context, reply: reply) }
        case (.POST, 3) where part(0, is: "invocation") && part(2, is: "response"):
            let tooLarge = bodyBytes > limit
            write(context: context, reply: broker.response(id: String(Substring(route[1])), body: bytes, size: bodyBytes, tooLarge: tooLarge))
        case (.POST, 3) where part(0, is: "invocation") && part(2, is: "error"):
            write(context: context, reply: broker.error(id: String(Substring(route[1])), body: bytes, errorType: errorType))
        case (.POST, 2) where part(0, is: "init") && part(1, is: "error"):
            write(context: context, reply: broker.initError(body: bytes, errorType: errorType))
        default:
            write(context: context, reply: .notFound)
        }
    }

    fileprivate func write(context: ChannelHandlerContext, reply: InvocationBroker.Reply) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        var buffer = context.channel.allocator.buffer(capacity: reply.body.utf8.count)
        buffer.writeString(reply.body)
        writeResponse(context: context, status: .init(statusCode: reply.status), headers: headers, body: buffer)
    }

    fileprivate func writeResponse(context: ChannelHandlerContext, status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer) {
        var headers = headers
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        let head = HTTPResponseHead(version: .http1_1, status: status, headers: headers)
        // One flush for head, body and end, so the response goes out in one segment.
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}

/// Answers a parked `/next` from any thread by hopping onto the connection's event loop.
private struct ChannelNextResponder: NextResponder {
    private let context: NIOLoopBound<ChannelHandlerContext>
    private let handler: NIOLoopBound<RuntimeAPIHandler>
    private let eventLoop: any EventLoop

    init(context: ChannelHandlerContext, handler: RuntimeAPIHandler) {
        self.eventLoop = context.eventLoop
        self.context = NIOLoopBound(context, eventLoop: context.eventLoop)
        self.handler = NIOLoopBound(handler, eventLoop: context.eventLoop)
    }

    func send(_ invocation: Invocation) {
        if eventLoop.inEventLoop {
            write(invocation)
        } else {
            eventLoop.execute { self.write(invocation) }
        }
    }

    private func write(_ invocation: Invocation) {
        let context = self.context.value
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: invocation.contentType)
        headers.add(name: "Lambda-Runtime-Aws-Request-Id", value: invocation.requestID)
        headers.add(name: "Lambda-Runtime-Deadline-Ms", value: String(invocation.deadlineEpochMs))
        headers.add(name: "Lambda-Runtime-Invoked-Function-Arn", value: invocation.invokedFunctionArn)
        headers.add(name: "Lambda-Runtime-Trace-Id", value: invocation.traceID)
        if let clientContext = invocation.clientContext, !clientContext.isEmpty {
            headers.add(name: "Lambda-Runtime-Client-Context", value: clientContext)
        }
        if let identity = invocation.cognitoIdentity, !identity.isEmpty {
            headers.add(name: "Lambda-Runtime-Cognito-Identity", value: identity)
        }
        if let tenant = invocation.tenantID, !tenant.isEmpty {
            headers.add(name: "Lambda-Runtime-Aws-Tenant-Id", value: tenant)
        }
        var buffer = context.channel.allocator.buffer(capacity: invocation.payload.count)
        buffer.writeBytes(invocation.payload)
        handler.value.writeResponse(context: context, status: .ok, headers: headers, body: buffer)
    }
}
