import Foundation
import LambdaModel
import TutorSupport

/// What one synchronous invoke returned and cost: the Invoke API's answer (status, payload,
/// `X-Amz-Function-Error`, `X-Amz-Log-Result`) plus the figures of the REPORT line. A value
/// with no terminal in it; the REPL renders it.
package struct InvocationResult: Sendable {
    package enum Status: String, Sendable, Hashable, Codable {
        /// The handler returned a result.
        case success
        /// The handler raised or returned an error (the runtime posted to `/error`).
        case functionError
        /// The function ran past its timeout (`Sandbox.Timedout`).
        case timeout
        /// INIT failed, the runtime crashed or exited (`Runtime.*` errors from the platform).
        case platformError
    }

    package var requestID: String
    package var functionName: String
    /// The Invoke API's HTTP status: 200 for every synchronous invoke that reached the function.
    package var statusCode: Int
    /// The response bytes: the handler's JSON, or the error JSON.
    package var payload: Data
    /// `Unhandled` whenever the invocation failed (AWS no longer returns `Handled`).
    package var functionError: String?
    /// The `errorType` of the error payload, when there is one.
    package var errorType: String?
    package var status: Status
    package var executedVersion: String
    /// This invocation's log lines (INIT lines on a cold start, START … REPORT).
    package var logLines: [String]
    /// `X-Amz-Log-Result`: base64 of the last 4 KB of the log, when `LogType: Tail` was asked for.
    package var logResult: String?
    package var coldStart: Bool
    package var initDurationMs: Double?
    package var durationMs: Double
    package var billedDurationMs: Int
    /// True when Billed Duration includes Init Duration (cold starts, as AWS bills since
    /// ``Facts/initBilledSince``); lets the REPL say so.
    package var initIncludedInBilledDuration: Bool
    package var memorySizeMB: Int
    package var maxMemoryUsedMB: Int
    /// Request charge plus billed GB-seconds (x86, first tier, no free tier).
    package var costUSD: Double
    package var logGroupName: String
    package var logStreamName: String
    package var environmentID: String
    /// Bytes of output the handler printed beyond what the tutor keeps per invocation.
    package var droppedOutputBytes: Int
    /// Set on the first invocation of a session whose environment runs without a sandbox (the
    /// system refused the namespaces): what that gives up, in plain words.
    package var isolationWarning: String?

    /// One sentence on what the error means, for learners.
    package var explanation: String? { errorType.flatMap(ErrorExplanation.explain) }

    /// The payload as text (it is JSON for every result the runtimes send).
    package var payloadText: String { String(decoding: payload, as: UTF8.self) }
}

extension InvocationResult {
    /// A result made without a process: for fakes of ``FunctionInvoking`` in the service's
    /// tests, with the REPORT figures as given and AWS's billing applied.
    package init(requestID: String = RandomUUID.string(), package: FunctionPackage, status: Status = .success,
                 payload: Data = Data("null".utf8), coldStart: Bool, durationMs: Double, initDurationMs: Double? = nil) {
        let configuration = package.configuration
        self.init(requestID: requestID, functionName: configuration.functionName, statusCode: 200, payload: payload,
                  functionError: status == .success ? nil : "Unhandled", errorType: status == .success ? nil : "Error", status: status,
                  executedVersion: package.version, logLines: [], logResult: nil, coldStart: coldStart, initDurationMs: initDurationMs,
                  durationMs: durationMs, billedDurationMs: 0, initIncludedInBilledDuration: false, memorySizeMB: configuration.memorySize,
                  maxMemoryUsedMB: 0, costUSD: 0, logGroupName: configuration.logGroupName, logStreamName: "", environmentID: "fake",
                  droppedOutputBytes: 0)
        billedDurationMs = Billing.billedMilliseconds(durationMs: durationMs, initDurationMs: initDurationMs, includeInit: initDurationMs != nil)
        initIncludedInBilledDuration = initDurationMs != nil
        costUSD = Billing.cost(billedMs: billedDurationMs, memoryMB: memorySizeMB, ephemeralMB: configuration.ephemeralStorageMB)
    }
}

/// How to invoke: the Invoke API's request settings that matter for a synchronous call.
package struct InvokeOptions: Sendable {
    package enum LogType: String, Sendable { case none = "None", tail = "Tail" }

    package var logType: LogType
    /// `X-Amz-Client-Context` decoded: JSON handed to the handler as `client_context`.
    package var clientContext: String?
    package var cognitoIdentity: String?
    /// `X-Amz-Tenant-Id`: the tenant of a function with tenant isolation (`context.tenant_id`,
    /// `context.tenantId`).
    package var tenantID: String?
    /// The qualifier the caller named (an alias, a version), for the invoked function ARN the
    /// handler sees; nil for the bare name.
    package var qualifier: String?

    package init(logType: LogType = .none, clientContext: String? = nil, cognitoIdentity: String? = nil, tenantID: String? = nil) {
        self.logType = logType
        self.clientContext = clientContext
        self.cognitoIdentity = cognitoIdentity
        self.tenantID = tenantID
    }
}
