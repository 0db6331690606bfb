import Foundation
import MiniLambda
import Synchronization

/// What the session can ask about the queue: one event's life (`timeline`), the end-state
/// counts, and how many events would be lost if the tutor quit now.
extension AsyncInvocations {
    package func event(_ requestID: String) -> AsyncEvent? {
        state.withLock { $0.events[requestID] }
    }

    /// The session's events, oldest first (for `timeline` without an id).
    package func events() -> [AsyncEvent] {
        state.withLock { Array($0.events.values) }.sorted { $0.receivedAt < $1.receivedAt }
    }

    /// Events accepted but not finished: queued, waiting for a retry, or running.
    package var unfinishedCount: Int { state.withLock { $0.pending.count } }

    /// Every event's end state, for the accounting a reliability test (or the learner) does.
    package func summary() -> AsyncSummary {
        state.withLock { state in
            var summary = AsyncSummary()
            for event in state.events.values {
                summary.duplicateDeliveries += event.duplicateDeliveries
                switch event.state {
                case .queued, .running: summary.unfinished += 1
                case .succeeded: summary.succeeded += 1
                case .failed(let condition):
                    summary.failed[condition, default: 0] += 1
                    if event.deliveries.isEmpty { summary.discarded += 1 }
                }
                for delivery in event.deliveries {
                    switch delivery {
                    case .succeeded: break
                    case .deadLetter: summary.toDLQ += 1
                    case .destination(.onFailure, _): summary.toOnFailure += 1
                    case .destination(.onSuccess, _): summary.toOnSuccess += 1
                    }
                }
            }
            return summary
        }
    }
}

/// Counts of events by end state.
package struct AsyncSummary: Sendable, Hashable {
    package var succeeded = 0
    package var failed: [AsyncFailureCondition: Int] = [:]
    package var unfinished = 0
    package var toDLQ = 0
    package var toOnFailure = 0
    package var toOnSuccess = 0
    /// Given up with nowhere to send them (no DLQ, no on-failure destination).
    package var discarded = 0
    package var duplicateDeliveries = 0
    package var total: Int { succeeded + failed.values.reduce(0, +) + unfinished }
}

extension AsyncAttemptResult {
    /// An attempt's outcome from a synchronous invoke: errors and timeouts are function
    /// errors (retried); so are INIT failures and runtime crashes, which AWS also reports as
    /// `Unhandled` function errors of the invoke.
    package init(_ result: InvocationResult) {
        self.init(kind: result.functionError == nil ? .success : .functionError, payload: result.payload,
                  executedVersion: result.executedVersion, functionError: result.functionError, errorType: result.errorType)
    }
}
