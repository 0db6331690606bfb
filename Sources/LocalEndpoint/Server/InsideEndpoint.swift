import Foundation
import MiniLambda
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The tutor's AWS endpoint as a handler sees it: `AWS_ENDPOINT_URL=http://127.0.0.1:4566` in
/// every environment, so boto3 (and the AWS SDK for JavaScript v3) inside a handler reach the
/// tutor's Lambda, SQS and SNS — never the internet.
///
/// In a sandbox the port is bound inside the environment's own network namespace (as the
/// Runtime API is, see ``InsideService``) and served here from the listening descriptor: only
/// that environment can reach it, so no same-user check is needed. An environment on the
/// machine's network (`network=host`, or where no sandbox can be made) gets the endpoint on the
/// machine's loopback instead: the learner's own `api start` server when it runs, else a
/// private one started on first need (an ephemeral port, guarded like the API: only the
/// tutor's user is served).
///
/// The endpoint itself is attached late (``attach(_:)``), because it needs the session's
/// queues and async invocations, which need the Lambda service, which needs these settings.
package final class InsideEndpoint: Sendable {
    /// The port inside each sandbox (LocalStack's, so code written for it needs no change).
    package static let port: UInt16 = 4566
    package static var url: String { "http://127.0.0.1:\(port)" }

    private let target = Mutex<(any EndpointHandling)?>(nil)
    private let group = Mutex<MultiThreadedEventLoopGroup?>(nil)
    private let served = Mutex<[ObjectIdentifier: any Channel]>([:])
    /// The learner's own API server's URL when it runs (asked at each environment start).
    private let preferredOutside = Mutex<(@Sendable () -> String?)?>(nil)
    private let outsideServer = Mutex<Task<LambdaAPIServer?, Never>?>(nil)

    package init() {}

    /// The endpoint requests go to from now on.
    package func attach(_ endpoint: any EndpointHandling) { target.withLock { $0 = endpoint } }

    /// Where environments on the machine's network should go when the learner's API runs.
    package func preferOutside(_ url: @escaping @Sendable () -> String?) { preferredOutside.withLock { $0 = url } }

    /// The hook to put in ``RuntimeSettings/insideServices``.
    package var service: InsideService {
        InsideService(port: Self.port, environment: ["AWS_ENDPOINT_URL": Self.url],
                      outsideEnvironment: { [weak self] in
                          guard let url = await self?.outsideURL() else { return [:] }
                          return ["AWS_ENDPOINT_URL": url]
                      },
                      adopt: { [weak self] fd, _ in
                          guard let self else { close(fd); return {} }
                          return await self.serve(fd)
                      })
    }

    /// Stops every listener and the private loopback server.
    package func shutdown() async {
        let channels = served.withLock { channels in defer { channels = [:] }; return Array(channels.values) }
        for channel in channels { try? await channel.close() }
        if let task = outsideServer.withLock({ task in defer { task = nil }; return task }), let server = await task.value {
            await server.stop()
        }
        if let group = group.withLock({ group in defer { group = nil }; return group }) {
            try? await group.shutdownGracefully()
        }
    }

    // MARK: - Serving

    private var handler: Resolving { Resolving(owner: self) }

    /// Answers with the attached endpoint, or 503 before one is attached.
    private struct Resolving: EndpointHandling {
        let owner: InsideEndpoint
        func handle(_ request: APIRequest) async -> APIResponse {
            guard let endpoint = owner.target.withLock({ $0 }) else {
                return APIError(503, "ServiceException", "the tutor's endpoint is not ready yet", type: "Service").response
            }
            return await endpoint.handle(request)
        }
    }

    private var eventLoopGroup: MultiThreadedEventLoopGroup {
        group.withLock { group in
            if let group { return group }
            let made = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            group = made
            return made
        }
    }

    /// Serves one sandbox's listening socket; returns how to stop it (and its connections).
    private func serve(_ fd: Int32) async -> @Sendable () async -> Void {
        let handler = self.handler
        let connections = InsideConnections()
        let bootstrap = ServerBootstrap(group: eventLoopGroup)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                connections.add(channel)
                channel.closeFuture.whenComplete { _ in connections.remove(channel) }
                return channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
                    try pipeline.addHandler(LambdaAPIHandler(api: handler))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.withBoundSocket(fd).get()
        } catch {
            close(fd)
            return {}
        }
        let key = ObjectIdentifier(channel)
        served.withLock { $0[key] = channel }
        return { [weak self] in
            self?.served.withLock { _ = $0.removeValue(forKey: key) }
            try? await channel.close()
            for open in connections.all() { try? await open.close() }
        }
    }

    /// The loopback URL for environments on the machine's network.
    private func outsideURL() async -> String? {
        if let preferred = preferredOutside.withLock({ $0 })?() { return preferred }
        let task = outsideServer.withLock { task -> Task<LambdaAPIServer?, Never> in
            if let task { return task }
            let handler = self.handler
            let started = Task { try? await LambdaAPIServer.start(handler, port: 0) }
            task = started
            return started
        }
        return await task.value?.endpoint
    }
}

/// One sandbox listener's accepted connections.
private final class InsideConnections: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])
    func add(_ channel: any Channel) { channels.withLock { $0[ObjectIdentifier(channel)] = channel } }
    func remove(_ channel: any Channel) { channels.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(channel)) } }
    func all() -> [any Channel] { channels.withLock { Array($0.values) } }
}
