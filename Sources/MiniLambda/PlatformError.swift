import Foundation
import LambdaModel
import TutorSupport

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
        Data("{\"errorType\":\(JSONText.quoted(type)),\"errorMessage\":\(JSONText.quoted(message))}".utf8)
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
}
