import Foundation
import TutorSupport

/// ReceiveMessage's long polling on the service clock: `WaitTimeSeconds` (or the queue's
/// `ReceiveMessageWaitTimeSeconds`) is a wait like a visibility timeout, so under `time scale
/// 60` a 20-second poll ends in a third of a second, and a message that becomes visible in
/// service time (sent, its delay over, its visibility timeout passed) is returned at once.
extension LocalQueues {
    /// How often a long poll looks at the queue again, in real time.
    package static let longPollInterval: Duration = .milliseconds(20)

    /// Receives as ``receive(_:maximum:visibilityTimeout:)`` does, waiting up to `waitSeconds`
    /// of service time for a message when there is none: the queue is looked at again after
    /// each `pause` (real time; a test passes one that moves its manual clock), and the wait
    /// ends with nothing once service time reaches the deadline or the task is cancelled.
    package func receive(_ reference: String, maximum: Int = 1, visibilityTimeout: Int? = nil, waitSeconds: Int,
                        pause: @Sendable () async -> Void = { try? await Task.sleep(for: LocalQueues.longPollInterval) }) async throws(LocalServiceError) -> [QueueMessage] {
        let deadline = clock.now().addingTimeInterval(TimeInterval(max(0, waitSeconds)))
        var messages = try receive(reference, maximum: maximum, visibilityTimeout: visibilityTimeout)
        while messages.isEmpty, clock.now() < deadline, !Task.isCancelled {
            await pause()
            messages = try receive(reference, maximum: maximum, visibilityTimeout: visibilityTimeout)
        }
        return messages
    }
}
