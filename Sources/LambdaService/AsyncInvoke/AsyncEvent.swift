import Foundation

/// One asynchronous event's life in the internal queue: what was asked, each attempt, and how
/// it ended. `timeline` is what `timeline EVENT-ID` prints.
package struct AsyncEvent: Sendable {
    package enum State: Sendable, Hashable {
        /// Waiting for its next attempt at `due`.
        case queued(due: Date)
        case running
        /// The handler returned (the on-success destination, if any, got the record).
        case succeeded
        /// Given up: retries exhausted, event too old, or a request Lambda would not run; the
        /// DLQ and on-failure destination (if any) got it.
        case failed(AsyncFailureCondition)
    }

    package struct Entry: Sendable, Hashable {
        package var at: Date
        package var text: String
    }

    package let requestID: String
    package let function: String
    package let qualifier: String?
    package let payload: Data
    package let receivedAt: Date
    package internal(set) var state: State
    /// Attempts that reached the function (the record's `approximateInvokeCount`).
    package internal(set) var invokeCount = 0
    /// Throttles and system errors in a row (the backoff's exponent).
    var requeues = 0
    /// Times the event was delivered to the handler beyond the first successful one (the
    /// teaching switch's duplicate; AWS's at-least-once delivery).
    package internal(set) var duplicateDeliveries = 0
    var deliverTwice = false
    package internal(set) var timeline: [Entry] = []
    /// Where it ended up, in order.
    package internal(set) var deliveries: [AsyncDelivery] = []

    package var isFinished: Bool {
        switch state {
        case .succeeded, .failed: return true
        case .queued, .running: return false
        }
    }

    mutating func note(_ text: String, at date: Date) { timeline.append(Entry(at: date, text: text)) }
}

/// One place an event ended up: its handler's success, the DLQ, or a destination.
package enum AsyncDelivery: Sendable, Hashable, CustomStringConvertible {
    /// The two destinations of an EventInvokeConfig, by their `fn config` keys.
    package enum Destination: String, Sendable, Hashable {
        case onSuccess = "on-success"
        case onFailure = "on-failure"
    }

    case succeeded
    case deadLetter(arn: String)
    case destination(Destination, arn: String)

    /// `succeeded`, `dlq:ARN`, `on-success:ARN`, `on-failure:ARN`, as `timeline` lists them.
    package var description: String {
        switch self {
        case .succeeded: "succeeded"
        case .deadLetter(let arn): "dlq:\(arn)"
        case .destination(let destination, let arn): "\(destination.rawValue):\(arn)"
        }
    }
}

/// Why an event was given up, as the invocation record's `condition` names it.
package enum AsyncFailureCondition: String, Sendable, Hashable {
    case retriesExhausted = "RetriesExhausted"
    case eventAgeExceeded = "EventAgeExceeded"
}

/// What one attempt came to, from the service's synchronous invoke.
package struct AsyncAttemptResult: Sendable {
    package enum Kind: Sendable, Hashable {
        case success
        /// A handler error or timeout (retried `MaximumRetryAttempts` times).
        case functionError
    }

    package var kind: Kind
    package var payload: Data
    package var executedVersion: String
    /// `Unhandled` on a function error.
    package var functionError: String?
    /// `errorType`, e.g. `Sandbox.Timedout`, for the timeline and the DLQ's `ErrorMessage`.
    package var errorType: String?

    package init(kind: Kind, payload: Data, executedVersion: String, functionError: String? = nil, errorType: String? = nil) {
        self.kind = kind
        self.payload = payload
        self.executedVersion = executedVersion
        self.functionError = functionError
        self.errorType = errorType
    }
}
