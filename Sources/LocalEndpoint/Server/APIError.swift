import Foundation
import LambdaService
import MiniLambda

/// A service error as the Lambda API returns it: the status, `x-amzn-ErrorType: <Code>` and a
/// JSON body with `Type` and `message` (botocore reads the code from the header first, then the
/// body; it takes `message` or `Message`). See lambda-wire-contracts.md §2.
package struct APIError: Error, Sendable, Hashable {
    package var status: Int
    package var code: String
    package var message: String
    /// `User` for the caller's mistakes, `Service` for ours.
    package var type: String
    /// `TooManyRequestsException`'s `Reason`.
    package var reason: String?

    package init(_ status: Int, _ code: String, _ message: String, type: String? = nil, reason: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.type = type ?? (status >= 500 ? "Service" : "User")
        self.reason = reason
    }

    var response: APIResponse {
        var body: [String: Any] = ["Type": type, "message": message]
        // ResourceNotFoundException's model spells it `Message`; AWS sends that one.
        if code == "ResourceNotFoundException" || code == "ServiceException" {
            body.removeValue(forKey: "message")
            body["Message"] = message
        }
        if let reason { body["Reason"] = reason }
        var response = APIResponse.json(status, body)
        response.headers.append(("x-amzn-ErrorType", code))
        return response
    }

    static func notFound(_ message: String) -> APIError { APIError(404, "ResourceNotFoundException", message) }
    static func invalidParameter(_ message: String) -> APIError { APIError(400, "InvalidParameterValueException", message) }
    static func invalidContent(_ message: String) -> APIError { APIError(400, "InvalidRequestContentException", message) }
    static func conflict(_ message: String) -> APIError { APIError(409, "ResourceConflictException", message) }
    static func service(_ message: String) -> APIError { APIError(500, "ServiceException", message) }

    /// The service's refusal, which already has AWS's code, status and `Reason`.
    init(_ error: LambdaServiceError) {
        if let underlying = error.underlying, underlying.code == .interpreterMissing || underlying.code == .requestTooLarge {
            self.init(underlying)
        } else if error.code == .stopped {
            self = APIError(503, "ServiceException", error.message, type: "Service")
        } else {
            self = APIError(error.httpStatus, error.code.rawValue, error.message, reason: error.reason?.rawValue)
        }
    }

    /// The AWS error for a failure of the mini runtime or the registry (their codes are AWS's).
    init(_ error: MiniLambdaError) {
        switch error.code {
        case .functionNotFound: self = .notFound(error.message)
        case .functionExists: self = .conflict(error.message)
        case .invalidParameter: self = .invalidParameter(error.message)
        case .invalidRequestContent: self = .invalidContent(error.message)
        case .requestTooLarge: self = APIError(413, "RequestTooLargeException", error.message)
        case .tooManyRequests:
            self = APIError(429, "TooManyRequestsException", error.message, reason: "ConcurrentInvocationLimitExceeded")
        case .interpreterMissing:
            // What AWS answers when a function's runtime cannot run (model: 502).
            self = APIError(502, "InvalidRuntimeException", error.message, type: "User")
        case .shutDown, .cancelled:
            self = APIError(503, "ServiceException", error.message, type: "Service")
        default:
            self = .service(error.message)
        }
    }
}
