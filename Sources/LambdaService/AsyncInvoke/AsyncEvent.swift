import Foundation

/// One asynchronous event's life in the internal queue: what was asked, each attempt, and how
/// it ended. `timeline` is what `timeline EVENT-ID` prints.
public struct AsyncEvent: Sendable {
    public enum State: Sendable, Hashable {
        /// Waiting for its next attempt at `due`.
        case queued(due: Date)
        case running
        /// The handler returned (the on-success destination, if any, got the record).
        case succeeded
        /// Given up: retries exhausted, event too old, or a request Lambda would not run; the
        /// DLQ and on-failure destination (if any) got it.
        case failed(AsyncFailureCondition)
    }

    public struct Entry: Sendable, Hashable {
        public var at: Date
        public var text: String
    }

    public let requestID: String
    public let function: String
    public let qualifier: String?
    public let payload: Data
    public let receivedAt: Date
    public internal(set) var state: State
    /// Attempts that reached the function (the record's `approximateInvokeCount`).
    public internal(set) var invokeCount = 0
    /// Throttles and system errors in a row (the backoff's exponent).
    var requeues = 0
    /// Times the event was delivered to the handler beyond the first successful one (the
    /// teaching switch's duplicate; AWS's at-least-once delivery).
    public internal(set) var duplicateDeliveries = 0
    var deliverTwice = false
    public internal(set) var timeline: [Entry] = []
    /// Where it ended up, in order.
    public internal(set) var deliveries: [AsyncDelivery] = []

    public var isFinished: Bool {
        switch state {
        case .succeeded, .failed: return true
        case .queued, .running: return false
        }
    }

    mutating func note(_ text: String, at date: Date) { timeline.append(Entry(at: date, text: text)) }
}

/// One place an event ended up: its handler's success, the DLQ, or a destination.
public enum AsyncDelivery: Sendable, Hashable, CustomStringConvertible {
    /// The two destinations of an EventInvokeConfig, by their `fn config` keys.
    public enum Destination: String, Sendable, Hashable {
        case onSuccess = "on-success"
        case onFailure = "on-failure"
    }

    case succeeded
    case deadLetter(arn: String)
    case destination(Destination, arn: String)

    /// `succeeded`, `dlq:ARN`, `on-success:ARN`, `on-failure:ARN`, as `timeline` lists them.
    public var description: String {
        switch self {
        case .succeeded: "succeeded"
        case .deadLetter(let arn): "dlq:\(arn)"
        case .destination(let destination, let arn): "\(destination.rawValue):\(arn)"
        }
    }
}

/// Why an event was given up, as the invocation record's `condition` names it.
public enum AsyncFailureCondition: String, Sendable, Hashable {
    case retriesExhausted = "RetriesExhausted"
    case eventAgeExceeded = "EventAgeExceeded"
}

/// What one attempt came to, from the service's synchronous invoke.
public struct AsyncAttemptResult: Sendable {
    public enum Kind: Sendable, Hashable {
        case success
        /// A handler error or timeout (retried `MaximumRetryAttempts` times).
        case functionError
    }

    public var kind: Kind
    public var payload: Data
    public var executedVersion: String
    /// `Unhandled` on a function error.
    public var functionError: String?
    /// `errorType`, e.g. `Sandbox.Timedout`, for the timeline and the DLQ's `ErrorMessage`.
    public var errorType: String?

    public init(kind: Kind, payload: Data, executedVersion: String, functionError: String? = nil, errorType: String? = nil) {
        self.kind = kind
        self.payload = payload
        self.executedVersion = executedVersion
        self.functionError = functionError
        self.errorType = errorType
    }
}
