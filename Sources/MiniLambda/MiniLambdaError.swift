import Foundation
import TutorSupport
import LambdaModel

/// A failure of the mini runtime itself or of a request to it (not a function error: those
/// come back inside an ``InvocationResult``). A struct with a stable `code` so new cases never
/// break callers, and a message written for the learner.
package struct MiniLambdaError: Error, Sendable, Hashable, CustomStringConvertible {
    package struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        package let rawValue: String
        package init(rawValue: String) { self.rawValue = rawValue }
        package var description: String { rawValue }

        /// No function with that name (AWS: `ResourceNotFoundException`).
        package static let functionNotFound = Code(rawValue: "ResourceNotFoundException")
        /// A function with that name exists already (AWS: `ResourceConflictException`).
        package static let functionExists = Code(rawValue: "ResourceConflictException")
        /// A configuration value AWS would refuse (AWS: `InvalidParameterValueException`).
        package static let invalidParameter = Code(rawValue: "InvalidParameterValueException")
        /// The payload is not JSON (AWS: `InvalidRequestContentException`).
        package static let invalidRequestContent = Code(rawValue: "InvalidRequestContentException")
        /// The payload is larger than the synchronous limit (AWS: `RequestEntityTooLargeException`).
        package static let requestTooLarge = Code(rawValue: "RequestEntityTooLargeException")
        /// The tutor's own cap on environments is reached (AWS would say `TooManyRequestsException`).
        package static let tooManyRequests = Code(rawValue: "TooManyRequestsException")
        /// The local interpreter (`python3`, `node`) is missing or too old.
        package static let interpreterMissing = Code(rawValue: "InterpreterMissing")
        /// A process could not be started, a port not bound, a file not written.
        package static let system = Code(rawValue: "ServiceException")
        /// The runtime was shut down while the request was waiting.
        package static let shutDown = Code(rawValue: "ShutDown")
        /// The caller cancelled the invocation (Ctrl-C).
        package static let cancelled = Code(rawValue: "Cancelled")
        /// The environments' folder is not the learner's alone (another user owns it or can write it).
        package static let unsafeFolder = Code(rawValue: "UnsafeFolder")

        /// The codes that are the Invoke API's exception names (the AWS CLI prints them before
        /// the message); the others are the tutor's own and the message speaks for itself.
        package static let lambdaExceptions: Set<Code> = [.functionNotFound, .functionExists, .invalidParameter,
                                                         .invalidRequestContent, .requestTooLarge, .tooManyRequests, .system]
    }

    package var code: Code
    /// The words alone, never the code: renderings (``description``, ``learnerMessage``) put
    /// the code in front, so no one has to look into the text to see whether it is there.
    package var message: String
    /// What the learner can do about it, when whoever made the error knows (the REPL shows it
    /// under the message; the REST API does not send it).
    package var hint: String?

    package init(_ code: Code, _ message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    package var description: String { "\(code.rawValue): \(message)" }
}

extension MiniLambdaError: LearnerFacingError {
    /// A refusal of the Invoke API's carries its exception name, as the AWS CLI prints it.
    package var learnerMessage: String {
        Code.lambdaExceptions.contains(code) ? "\(code.rawValue): \(message)" : message
    }

    package var learnerHint: String? {
        hint ?? (code == .interpreterMissing ? "install it with your package manager" : nil)
    }
}
