import Foundation
import LocalServices

extension AsyncInvocations {
    /// Makes `topics` invoke their Lambda subscribers through this queue, as SNS does: an
    /// asynchronous invocation per delivery (so retries, the DLQ and destinations apply). The
    /// note is the event id, for `topic show` and `timeline`.
    package func deliverNotifications(of topics: LocalTopics) {
        topics.connectFunctions { [weak self] functionArn, event throws(LocalServiceError) in
            guard let self else { throw LocalServiceError(.invalidParameter, "the Lambda service has stopped") }
            do throws(LambdaServiceError) {
                return "async event \(try self.invokeAsync(function: functionArn, payload: event))"
            } catch {
                throw LocalServiceError(.notFound, "\(error.code): \(error.message)")
            }
        }
    }
}
