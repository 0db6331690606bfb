import Foundation

extension InvocationResult {
    /// A result read back from the Invoke API of another tutor serving the same data folder
    /// (LocalEndpoint's `RemoteInvocation`): what the HTTP answer and its Tail log carry. The
    /// environment is the other process's, so its id and memory figures come from the log.
    package init(remoteRequestID requestID: String, functionName: String, payload: Data, functionError: String?, errorType: String?,
                status: Status, executedVersion: String, logLines: [String], logResult: String?, initDurationMs: Double?,
                durationMs: Double, billedDurationMs: Int, memorySizeMB: Int, maxMemoryUsedMB: Int, includeInit: Bool, costUSD: Double) {
        self.init(requestID: requestID, functionName: functionName, statusCode: 200, payload: payload, functionError: functionError,
                  errorType: errorType, status: status, executedVersion: executedVersion, logLines: logLines, logResult: logResult,
                  coldStart: initDurationMs != nil, initDurationMs: initDurationMs, durationMs: durationMs, billedDurationMs: billedDurationMs,
                  initIncludedInBilledDuration: includeInit, memorySizeMB: memorySizeMB, maxMemoryUsedMB: maxMemoryUsedMB,
                  costUSD: costUSD, logGroupName: "/aws/lambda/\(functionName)", logStreamName: "", environmentID: "",
                  droppedOutputBytes: 0, isolationWarning: nil)
    }
}
