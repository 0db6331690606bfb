import Foundation
import LambdaModel

/// One plain sentence per error type: what it means, for people new to Lambda. The REPL prints
/// it under the AWS-shaped error; lessons can link to it.
package enum ErrorExplanation {
    package static func explain(_ errorType: String) -> String? {
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
