import Curriculum
import Foundation
import Synchronization
import LambdaModel
import LambdaEvents
import LambdaService
import LineEditor
import LocalEndpoint
import MiniLambda
import TerminalUI
import TutorSupport

/// The session's mini Lambda: the Lambda service over the learner's functions and its one
/// invoker (environments, logs), created on first use and shut down (no process left behind)
/// when the session stops.
final class RuntimeService: Sendable {
    let lambda: LambdaService
    let invoker: Invoker
    /// The latest `invoke`'s result, for a lesson's "predict, then run" step to compare with.
    let lastInvocation = Mutex<InvocationResult?>(nil)

    /// The tutor's Lambda, SQS and SNS endpoint inside every sandbox (`AWS_ENDPOINT_URL`).
    let inside: InsideEndpoint

    /// The learner's functions on disk (code files, handler files: what the editor needs).
    var registry: FunctionRegistry { lambda.functions }

    init(dataHome: DataHome) {
        let inside = InsideEndpoint()
        self.inside = inside
        (lambda, invoker) = LambdaService.local(dataHome: dataHome, settings: RuntimeSettings(insideServices: [inside.service]))
    }

    /// The session's runtime; the first call also registers its shutdown.
    static func of(_ session: Session) -> RuntimeService {
        var created = false
        let service = session.service { () -> RuntimeService in
            created = true
            return RuntimeService(dataHome: session.dataHome)
        }
        if created {
            // Registered outside `service`'s lock (onShutdown takes the same lock).
            session.onShutdown {
                await service.lambda.shutdown()
                await service.inside.shutdown()
            }
            // The session's queues and topics are made on the first request from a handler.
            service.inside.attach(SessionEndpoint(session: session))
        }
        return service
    }

    /// The function names, for completion; never fails.
    var functionNames: [String] { registry.names() }
}
