import Foundation
import LambdaModel
import LambdaService
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
import TutorSupport

/// The function URLs and the REST-style API on HTTP/1.1, bound to 127.0.0.1 only, on a port
/// of their own beside the Lambda API's: what `curl http://<url-id>.lambda-url.us-east-1.localhost:9002/`
/// reaches. Requests are told apart by `Host` (``FunctionURLHost``), so the path is the
/// request's own.
///
/// A function URL with `AuthType NONE` is public on AWS; here it runs the learner's code for
/// whoever connects, so, as the Lambda API does, only connections from the tutor's own user
/// are served (``SameUser``): another local user's are closed before a byte is read.
package final class FunctionURLServer: Sendable {
    /// The port tried first, when free: the one after the Lambda API's.
    package static let defaultPort = 9002
    /// The largest body kept: Lambda's synchronous request limit (the event around it is
    /// checked again, whole, before the invoke).
    static var maxBodyBytes: Int { Limits.syncRequestBytes }

    package let port: Int
    package let gateway: FunctionURLGateway
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup
    private let connections: Connections

    private init(port: Int, gateway: FunctionURLGateway, channel: any Channel, group: MultiThreadedEventLoopGroup, connections: Connections) {
        self.port = port
        self.gateway = gateway
        self.channel = channel
        self.group = group
        self.connections = connections
    }

    /// Listens on `port` (0: any free port), or — with `fallback` — on a free port when `port`
    /// is taken; `makeGateway` gets the port bound, since the URLs name it.
    package static func start(port: Int, fallback: Bool = false,
                             makeGateway: @escaping @Sendable (Int) -> FunctionURLGateway) async throws -> FunctionURLServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let connections = Connections()
        let box = GatewayBox()
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                guard SameUser.allows(channel), let gateway = box.gateway else {
                    return channel.eventLoop.makeFailedFuture(SameUser.Refused())
                }
                connections.add(channel)
                channel.closeFuture.whenComplete { _ in connections.remove(channel) }
                return channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
                    try pipeline.addHandler(FunctionURLHandler(gateway: gateway))
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
                throw LambdaAPIServer.StartError(description: "the function URL listener has no port")
            }
            let gateway = makeGateway(bound)
            box.set(gateway)
            return FunctionURLServer(port: bound, gateway: gateway, channel: channel, group: group, connections: connections)
        } catch let error as LambdaAPIServer.StartError {
            try? await group.shutdownGracefully()
            throw error
        } catch {
            try? await group.shutdownGracefully()
            throw LambdaAPIServer.StartError(description: "cannot listen on 127.0.0.1:\(port): \(error)")
        }
    }

    /// Stops listening, closes every connection and the event loop.
    package func stop() async {
        try? await channel.close()
        for open in connections.all() { try? await open.close() }
        try? await group.shutdownGracefully()
    }
}

/// The gateway, set once the port is known (a connection before that is refused).
private final class GatewayBox: Sendable {
    private let value = Mutex<FunctionURLGateway?>(nil)
    var gateway: FunctionURLGateway? { value.withLock { $0 } }
    func set(_ gateway: FunctionURLGateway) { value.withLock { $0 = gateway } }
}

/// Reads one request with every header kept in order, hands it to the gateway off the event
/// loop, and writes the answer back on it.
private final class FunctionURLHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let gateway: FunctionURLGateway
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    private var bodyBytes = 0

    init(gateway: FunctionURLGateway) {
        self.gateway = gateway
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = nil
            bodyBytes = 0
        case .body(var chunk):
            bodyBytes += chunk.readableBytes
            if bodyBytes <= FunctionURLServer.maxBodyBytes {
                if body == nil { body = chunk } else { body!.writeBuffer(&chunk) }
            } else {
                body = nil
            }
        case .end:
            guard let head else { return }
            self.head = nil
            let bytes = body.map { Data($0.readableBytesView) } ?? Data()
            body = nil
            let version = "HTTP/\(head.version.major).\(head.version.minor)"
            let request = ProxyHTTPRequest(method: head.method.rawValue, target: head.uri, headers: head.headers.map { (name: $0.name, value: $0.value) },
                                           body: bytes, bodyTruncated: bodyBytes > FunctionURLServer.maxBodyBytes,
                                           sourceIP: context.channel.remoteAddress?.ipAddress ?? "127.0.0.1", httpProtocol: version,
                                           receivedAt: gateway.service.wallClock.now())
            let keepAlive = head.isKeepAlive
            let isHead = head.method == .HEAD
            let loop = context.eventLoop
            let bound = NIOLoopBound((context, self), eventLoop: loop)
            let gateway = self.gateway
            Task {
                let response = await gateway.handle(request)
                loop.execute {
                    let (context, handler) = bound.value
                    handler.write(response, keepAlive: keepAlive, omitBody: isHead, context: context)
                }
            }
        }
    }

    private func write(_ response: APIResponse, keepAlive: Bool, omitBody: Bool, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        for (name, value) in response.headers where name.lowercased() != "content-length" && name.lowercased() != "transfer-encoding" {
            headers.add(name: name, value: value)
        }
        headers.add(name: "Content-Length", value: String(response.body.count))
        headers.add(name: "Date", value: Self.httpDate(gateway.service.wallClock.now()))
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if !omitBody, !response.body.isEmpty {
            var buffer = context.channel.allocator.buffer(capacity: response.body.count)
            buffer.writeBytes(response.body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }

    /// `Wed, 02 Dec 2026 14:55:03 GMT`: `date` (the service's clock) as the `Date` header writes it.
    private static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
