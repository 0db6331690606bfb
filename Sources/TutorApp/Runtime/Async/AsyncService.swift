import Foundation
import LambdaService
import LocalEndpoint
import LocalServices
import MiniLambda

/// The session's asynchronous side: the clock the learner can speed up (`time scale`), the
/// local SQS queues, and the async invocation queue over the session's Lambda service, with a
/// pump that runs due attempts in the background. Everything lives for the session; at quit
/// the learner is told how many events are still queued and lost.
final class AsyncService: Sendable {
    let clock: ScaledClock
    let queues: LocalQueues
    /// Kinesis-like streams (`stream …`) that stream mappings read.
    let streams: LocalStreams
    /// SNS topics (`topic …`), delivering to the queues and, asynchronously, to functions.
    let topics: LocalTopics
    let invocations: AsyncInvocations
    /// Lambda, SQS and SNS on one endpoint: what `api start` serves and handlers reach.
    let endpoint: AWSEndpoint
    /// SQS event source mappings (`esm …`, the API's event source mapping operations).
    let mappings: EventSourceMappings
    private let pump: Task<Void, Never>
    private let poller: Task<Void, Never>

    init(runtime: RuntimeService, notice: @escaping @Sendable (String) -> Void) {
        clock = ScaledClock()
        queues = LocalQueues(region: LambdaIdentity.region, accountID: LambdaIdentity.accountID, clock: clock)
        streams = LocalStreams(region: LambdaIdentity.region, accountID: LambdaIdentity.accountID, clock: clock)
        topics = LocalTopics(queues: queues, clock: clock)
        let invocations = AsyncInvocations(service: runtime.lambda, queues: queues, topics: topics, clock: clock)
        invocations.deliverNotifications(of: topics)
        self.invocations = invocations
        pump = Task.detached { await invocations.run() }
        let mappings = EventSourceMappings(service: runtime.lambda, queues: queues, streams: streams, topics: topics, clock: clock)
        self.mappings = mappings
        poller = Task.detached { await mappings.run() }
        endpoint = AWSEndpoint(lambda: LambdaAPI(service: runtime.lambda, async: invocations, mappings: mappings, notice: notice),
                               sqs: SQSAPI(queues: queues), sns: SNSAPI(topics: topics))
    }

    func stop() {
        pump.cancel()
        poller.cancel()
    }

    /// The session's async service; the first call registers the quit warning and the pump's end.
    static func of(_ session: Session) -> AsyncService {
        let runtime = RuntimeService.of(session)
        var created = false
        let console = session.console
        let service = session.service { () -> AsyncService in
            created = true
            return AsyncService(runtime: runtime) { notice in console.say("[api] " + notice) }
        }
        if created {
            session.onShutdown {
                service.stop()
                let left = service.invocations.unfinishedCount
                if left > 0 {
                    console.line("\(left) asynchronous event\(left == 1 ? " is" : "s are") still queued or waiting for a retry; the tutor keeps them for the session only, so \(left == 1 ? "it is" : "they are") lost now.")
                }
            }
        }
        return service
    }

    /// ` ⏩60×` for the prompt and timelines while time runs faster than real time, else "".
    static func scaleBadge(_ session: Session) -> String {
        guard let service = session.existingService(AsyncService.self), service.clock.scale != 1 else { return "" }
        return "⏩\(TimelineView.number(service.clock.scale))×"
    }
}

/// The endpoint inside sandboxes, resolved at each request: the session's queues and topics
/// are made on first use, whoever uses them first (a handler, the REPL, the API).
struct SessionEndpoint: EndpointHandling {
    let session: Session

    func handle(_ request: APIRequest) async -> APIResponse {
        await AsyncService.of(session).endpoint.handle(request)
    }
}
