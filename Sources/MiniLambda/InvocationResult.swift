import Foundation
import LambdaModel

/// What one synchronous invoke returned and cost: the Invoke API's answer (status, payload,
/// `X-Amz-Function-Error`, `X-Amz-Log-Result`) plus the figures of the REPORT line. A value
/// with no terminal in it; the REPL renders it.
public struct InvocationResult: Sendable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// The handler returned a result.
        case success
        /// The handler raised or returned an error (the runtime posted to `/error`).
        case functionError
        /// The function ran past its timeout (`Sandbox.Timedout`).
        case timeout
        /// INIT failed, the runtime crashed or exited (`Runtime.*` errors from the platform).
        case platformError
    }

    public var requestID: String
    public var functionName: String
    /// The Invoke API's HTTP status: 200 for every synchronous invoke that reached the function.
    public var statusCode: Int
    /// The response bytes: the handler's JSON, or the error JSON.
    public var payload: Data
    /// `Unhandled` whenever the invocation failed (AWS no longer returns `Handled`).
    public var functionError: String?
    /// The `errorType` of the error payload, when there is one.
    public var errorType: String?
    public var status: Status
    public var executedVersion: String
    /// This invocation's log lines (INIT lines on a cold start, START … REPORT).
    public var logLines: [String]
    /// `X-Amz-Log-Result`: base64 of the last 4 KB of the log, when `LogType: Tail` was asked for.
    public var logResult: String?
    public var coldStart: Bool
    public var initDurationMs: Double?
    public var durationMs: Double
    public var billedDurationMs: Int
    /// True when Billed Duration includes Init Duration (cold starts, as AWS bills since
    /// ``Facts/initBilledSince``); lets the REPL say so.
    public var initIncludedInBilledDuration: Bool
    public var memorySizeMB: Int
    public var maxMemoryUsedMB: Int
    /// Request charge plus billed GB-seconds (x86, first tier, no free tier).
    public var costUSD: Double
    public var logGroupName: String
    public var logStreamName: String
    public var environmentID: String
    /// Bytes of output the handler printed beyond what the tutor keeps per invocation.
    public var droppedOutputBytes: Int
    /// Set on the first invocation of a session whose environment runs without a sandbox (the
    /// system refused the namespaces): what that gives up, in plain words.
    public var isolationWarning: String?

    /// One sentence on what the error means, for learners.
    public var explanation: String? { errorType.flatMap(ErrorExplanation.explain) }

    /// The payload as text (it is JSON for every result the runtimes send).
    public var payloadText: String { String(decoding: payload, as: UTF8.self) }
}

extension InvocationResult {
    /// A result made without a process: for fakes of ``FunctionInvoking`` in the service's
    /// tests, with the REPORT figures as given and AWS's billing applied.
    package init(requestID: String = UUID().uuidString.lowercased(), package: FunctionPackage, status: Status = .success,
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
public struct InvokeOptions: Sendable {
    public enum LogType: String, Sendable { case none = "None", tail = "Tail" }

    public var logType: LogType
    /// `X-Amz-Client-Context` decoded: JSON handed to the handler as `client_context`.
    public var clientContext: String?
    public var cognitoIdentity: String?
    /// `X-Amz-Tenant-Id`: the tenant of a function with tenant isolation (`context.tenant_id`,
    /// `context.tenantId`).
    public var tenantID: String?
    /// The qualifier the caller named (an alias, a version), for the invoked function ARN the
    /// handler sees; nil for the bare name.
    public var qualifier: String?

    public init(logType: LogType = .none, clientContext: String? = nil, cognitoIdentity: String? = nil, tenantID: String? = nil) {
        self.logType = logType
        self.clientContext = clientContext
        self.cognitoIdentity = cognitoIdentity
        self.tenantID = tenantID
    }
}

/// Billed duration and cost, with the rule for INIT made explicit.
public enum Billing {
    /// `ceil(Duration)`, plus Init Duration on a cold start when `includeInit` (AWS since
    /// August 2025: ``Facts/initBilledSince``).
    ///
    /// Both durations are taken as the REPORT line shows them, to 2 decimals, so a learner can
    /// redo the sum from the line: `Duration: 27.00 ms` bills 27 ms, never 28 for a hidden
    /// 27.003 ms.
    public static func billedMilliseconds(durationMs: Double, initDurationMs: Double?, includeInit: Bool) -> Int {
        let hundredths = asDisplayed(durationMs) + (includeInit ? asDisplayed(initDurationMs ?? 0) : 0)
        let milliseconds = (hundredths + 99) / 100
        return max(milliseconds, Facts.billingGranularity.int)
    }

    /// A duration in hundredths of a millisecond, rounded as `String(format: "%.2f")` shows it.
    private static func asDisplayed(_ milliseconds: Double) -> Int {
        Int((milliseconds * 100).rounded())
    }

    public static func cost(billedMs: Int, memoryMB: Int, ephemeralMB: Int = Facts.ephemeralDefault.int) -> Double {
        CostEstimate.singleInvocation(billedMs: billedMs, memoryMB: memoryMB, ephemeralMB: ephemeralMB)
    }
}
