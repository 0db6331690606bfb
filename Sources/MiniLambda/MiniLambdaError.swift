import Foundation
import LambdaModel

/// A failure of the mini runtime itself or of a request to it (not a function error: those
/// come back inside an ``InvocationResult``). A struct with a stable `code` so new cases never
/// break callers, and a message written for the learner.
public struct MiniLambdaError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// No function with that name (AWS: `ResourceNotFoundException`).
        public static let functionNotFound = Code(rawValue: "ResourceNotFoundException")
        /// A function with that name exists already (AWS: `ResourceConflictException`).
        public static let functionExists = Code(rawValue: "ResourceConflictException")
        /// A configuration value AWS would refuse (AWS: `InvalidParameterValueException`).
        public static let invalidParameter = Code(rawValue: "InvalidParameterValueException")
        /// The payload is not JSON (AWS: `InvalidRequestContentException`).
        public static let invalidRequestContent = Code(rawValue: "InvalidRequestContentException")
        /// The payload is larger than the synchronous limit (AWS: `RequestEntityTooLargeException`).
        public static let requestTooLarge = Code(rawValue: "RequestEntityTooLargeException")
        /// The tutor's own cap on environments is reached (AWS would say `TooManyRequestsException`).
        public static let tooManyRequests = Code(rawValue: "TooManyRequestsException")
        /// The local interpreter (`python3`, `node`) is missing or too old.
        public static let interpreterMissing = Code(rawValue: "InterpreterMissing")
        /// A process could not be started, a port not bound, a file not written.
        public static let system = Code(rawValue: "ServiceException")
        /// The runtime was shut down while the request was waiting.
        public static let shutDown = Code(rawValue: "ShutDown")
        /// The caller cancelled the invocation (Ctrl-C).
        public static let cancelled = Code(rawValue: "Cancelled")
        /// The environments' folder is not the learner's alone (another user owns it or can write it).
        public static let unsafeFolder = Code(rawValue: "UnsafeFolder")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
