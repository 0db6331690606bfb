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

/// The error JSON Lambda itself produces when the failure is not the function's own (timeout,
/// crash), exactly as the Invoke API returns it with `X-Amz-Function-Error: Unhandled`.
enum PlatformError {
    static func timedOut(requestID: String, seconds: Double) -> Data {
        payload(type: "Sandbox.Timedout",
                message: "RequestId: \(requestID) Error: Task timed out after \(String(format: "%.2f", seconds)) seconds")
    }

    static func exited(requestID: String, reason: String) -> Data {
        payload(type: "Runtime.ExitError", message: "RequestId: \(requestID) Error: \(reason)")
    }

    /// AWS's words, with the size the function tried to return.
    static func responseTooLarge(bytes: Int) -> Data {
        payload(type: "Function.ResponseSizeTooLarge",
                message: "Response payload size (\(bytes) bytes) exceeded maximum allowed payload size (\(Limits.syncResponseBytes) bytes).")
    }

    /// The error type Lambda records for an init error (INIT_REPORT, REPORT): the runtime's
    /// `Lambda-Runtime-Function-Error-Type` header if it looks like `Runtime.Xxx` or
    /// `Function.Xxx`, else `Function.Unknown` or `Runtime.Unknown` (RIE's rule; a Python
    /// `RuntimeError` at import time is reported as `Runtime.Unknown`).
    static func recordedErrorType(header: String?) -> String {
        let value = header ?? ""
        if value.firstMatch(of: /(Runtime|Function)\.[A-Z][a-zA-Z]+/) != nil { return value }
        return value.hasPrefix("Function.") ? "Function.Unknown" : "Runtime.Unknown"
    }

    static func payload(type: String, message: String) -> Data {
        // Hand-built to keep the key order AWS uses (`errorType` first), which JSONEncoder does not promise.
        Data("{\"errorType\":\(jsonString(type)),\"errorMessage\":\(jsonString(message))}".utf8)
    }

    /// The way Go's `os/exec` words a process end, which is what Lambda prints
    /// (`exit status 1`, `signal: killed`).
    static func exitReason(_ status: ProcessExit) -> String {
        switch status {
        case .exited(0): return "Runtime exited without providing a reason"
        case .exited(let code): return "Runtime exited with error: exit status \(code)"
        case .signaled(let signal): return "Runtime exited with error: signal: \(signalName(signal))"
        }
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGKILL: return "killed"
        case SIGSEGV: return "segmentation fault"
        case SIGABRT: return "aborted"
        case SIGTERM: return "terminated"
        case SIGBUS: return "bus error"
        case SIGFPE: return "floating point exception"
        case SIGILL: return "illegal instruction"
        case SIGINT: return "interrupt"
        case SIGHUP: return "hangup"
        case SIGPIPE: return "broken pipe"
        default: return "signal \(signal)"
        }
    }

    static func jsonString(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }
}

/// One plain sentence per error type: what it means, for people new to Lambda. The REPL prints
/// it under the AWS-shaped error; lessons can link to it.
public enum ErrorExplanation {
    public static func explain(_ errorType: String) -> String? {
        switch errorType {
        case "Sandbox.Timedout":
            return "The handler ran longer than the function's timeout, so Lambda stopped the environment; the next invoke starts cold."
        case "Runtime.ExitError":
            return "The runtime process ended during the invocation (a crash, os._exit, a signal, or running out of memory); Lambda throws that environment away."
        case "Runtime.ImportModuleError":
            return "The module named in the handler setting could not be imported: a missing file or a missing dependency."
        case "Runtime.HandlerNotFound":
            return "The module was imported, but it has no function with the name in the handler setting."
        case "Runtime.UserCodeSyntaxError":
            return "The function's code does not parse; Lambda never got to run it."
        case "Runtime.MalformedHandlerName":
            return "The handler setting must look like file.function (for example app.handler)."
        case "Runtime.MarshalError":
            return "The handler returned something that cannot be turned into JSON (a set, a circular object, bytes)."
        case "Runtime.UnmarshalError":
            return "The event could not be read as JSON by the runtime."
        case "Runtime.Unknown":
            return "INIT failed with an exception the runtime has no type of its own for (the payload names it); Lambda reports such init errors as Runtime.Unknown."
        case "Runtime.NodeJsExit":
            return "The event loop emptied while the async handler's promise was still pending: a promise that never settles (a missing resolve, an un-awaited callback API)."
        case "Runtime.UnhandledPromiseRejection":
            return "A promise was rejected and nothing caught it; the Node.js runtime reports it and exits, so the next invoke starts cold."
        case "Runtime.CallbackHandlerDeprecated":
            return "nodejs24.x no longer runs callback handlers (event, context, callback): make the handler async and return the result."
        case "Function.ResponseSizeTooLarge":
            return "A synchronous response may be at most \(Facts.syncPayload.display); return less, or put large results in S3."
        case "MemoryError":
            return "The handler used more memory than the function's memory setting allows."
        default:
            return nil
        }
    }
}
