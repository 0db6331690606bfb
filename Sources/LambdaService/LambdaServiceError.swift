import MiniLambda
import TutorSupport

/// A refusal of the Lambda service, as AWS gives it: the error code (the exception name the
/// AWS CLI prints and `x-amzn-ErrorType` carries), the message AWS would write, the HTTP status
/// AWS answers with, and for throttles the `Reason`. One type for every entry point of
/// ``LambdaService``, so the REST layer maps it to a response without knowing the cases.
package struct LambdaServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// AWS's error code: the `…Exception` name of the Lambda API (botocore's error shapes).
    package struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        package let rawValue: String
        package init(rawValue: String) { self.rawValue = rawValue }
        package var description: String { rawValue }

        package static let resourceNotFound = Code(rawValue: "ResourceNotFoundException")
        package static let resourceConflict = Code(rawValue: "ResourceConflictException")
        package static let invalidParameterValue = Code(rawValue: "InvalidParameterValueException")
        package static let invalidRequestContent = Code(rawValue: "InvalidRequestContentException")
        /// A request member outside its model constraints (range, pattern), as AWS's request
        /// validation answers before the operation runs (`1 validation error detected: …`).
        package static let validation = Code(rawValue: "ValidationException")
        /// What AWS sends on the wire for a payload over the limit (botocore's model names the
        /// shape `RequestTooLargeException`; lambda-wire-contracts.md §2 has the observed name).
        package static let requestTooLarge = Code(rawValue: "RequestEntityTooLargeException")
        package static let tooManyRequests = Code(rawValue: "TooManyRequestsException")
        package static let provisionedConcurrencyConfigNotFound = Code(rawValue: "ProvisionedConcurrencyConfigNotFoundException")
        package static let preconditionFailed = Code(rawValue: "PreconditionFailedException")
        package static let service = Code(rawValue: "ServiceException")
        /// Not an AWS error: the tutor's runtime was shut down or the caller cancelled (Ctrl-C).
        package static let stopped = Code(rawValue: "Stopped")
    }

    /// `Reason` of a `TooManyRequestsException` (botocore's `ThrottleReason`).
    package enum ThrottleReason: String, Sendable, Hashable, Codable {
        case concurrentInvocationLimitExceeded = "ConcurrentInvocationLimitExceeded"
        case functionInvocationRateLimitExceeded = "FunctionInvocationRateLimitExceeded"
        case reservedFunctionConcurrentInvocationLimitExceeded = "ReservedFunctionConcurrentInvocationLimitExceeded"
        case reservedFunctionInvocationRateLimitExceeded = "ReservedFunctionInvocationRateLimitExceeded"
        case callerRateLimitExceeded = "CallerRateLimitExceeded"
        case concurrentSnapshotCreateLimitExceeded = "ConcurrentSnapshotCreateLimitExceeded"
    }

    package var code: Code
    /// The words alone, never the code (``learnerMessage`` and the REST layer's body put the
    /// code beside it).
    package var message: String
    /// The HTTP status AWS answers with for this error.
    package var httpStatus: Int
    package var reason: ThrottleReason?
    /// The worker error this came from, when it came from one (the REPL's hints use its code).
    package var underlying: MiniLambdaError?

    package init(_ code: Code, _ message: String, httpStatus: Int? = nil, reason: ThrottleReason? = nil) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus ?? Self.status(of: code)
        self.reason = reason
    }

    /// A worker's error in the service's terms (same code where AWS has one).
    package init(_ error: MiniLambdaError) {
        let code: Code
        switch error.code {
        case .functionNotFound: code = .resourceNotFound
        case .functionExists: code = .resourceConflict
        case .invalidParameter: code = .invalidParameterValue
        case .invalidRequestContent: code = .invalidRequestContent
        case .requestTooLarge: code = .requestTooLarge
        case .tooManyRequests: code = .tooManyRequests
        case .shutDown, .cancelled: code = .stopped
        default: code = .service
        }
        self.init(code, error.message)
        underlying = error
    }

    /// AWS's statuses (botocore's error shapes: `httpStatusCode`).
    static func status(of code: Code) -> Int {
        switch code {
        case .resourceNotFound, .provisionedConcurrencyConfigNotFound: return 404
        case .resourceConflict: return 409
        case .invalidParameterValue, .invalidRequestContent, .validation: return 400
        case .requestTooLarge: return 413
        case .tooManyRequests: return 429
        case .preconditionFailed: return 412
        default: return 500
        }
    }

    package var description: String { "\(code.rawValue): \(message)" }

    static func notFound(_ message: String) -> LambdaServiceError { LambdaServiceError(.resourceNotFound, message) }
    static func invalid(_ message: String) -> LambdaServiceError { LambdaServiceError(.invalidParameterValue, message) }
    static func conflict(_ message: String) -> LambdaServiceError { LambdaServiceError(.resourceConflict, message) }
}

extension LambdaServiceError: LearnerFacingError {
    /// The worker's own words when it came from one; else the exception name (as the AWS CLI
    /// prints it) and, for a throttle, its `Reason`.
    package var learnerMessage: String {
        if let underlying { return underlying.learnerMessage }
        var text = "\(code.rawValue): \(message)"
        if let reason { text += " (Reason: \(reason.rawValue))" }
        return text
    }

    package var learnerHint: String? {
        if let underlying { return underlying.learnerHint }
        return code == .tooManyRequests ? "'account' shows the account's concurrency; 'fn config NAME reserved=N' reserves some for a function" : nil
    }
}

/// Runs a worker or registry call and gives its error in the service's terms.
func serviceCall<T>(_ body: () throws(MiniLambdaError) -> T) throws(LambdaServiceError) -> T {
    do {
        return try body()
    } catch {
        throw LambdaServiceError(error)
    }
}
