import Foundation
import TutorSupport

/// The platform's lines for one function, in its log format: the text lines of
/// ``LogFormatter`` under `Text`; under `JSON`, one JSON object per event in the shape CloudWatch
/// shows (`{"time", "type": "platform.start", "record": {...}}`), filtered by the system log
/// level as Lambda filters them (INFO: initStart, start, report, initReport; DEBUG adds
/// runtimeDone; WARN writes none of these). `END` has no JSON form: `platform.report` closes
/// an invocation there.
struct PlatformLog {
    let configuration: FunctionConfiguration
    let version: String
    let initializationType: InitializationType
    /// The ARN the caller invoked (with its alias or version, if it named one).
    let invokedArn: String
    private var json: Bool { configuration.logging.logFormat == .json }

    init(_ package: FunctionPackage, qualifier: String? = nil) {
        self.configuration = package.configuration
        self.version = package.version
        self.initializationType = package.initializationType
        self.invokedArn = package.configuration.functionArn(qualifier: qualifier)
    }

    func initStart(logStreamName: String, at date: Date) -> [String] {
        guard json else { return [LogFormatter.initStart(runtime: configuration.runtime)] }
        guard configuration.logging.writes(systemEventAt: "INFO") else { return [] }
        let runtime = configuration.runtime
        // `2026/10/08/NAME[$LATEST]<id>`: the log stream's date, the function, the environment.
        let instance = logStreamName.replacingOccurrences(of: "/[", with: "/\(configuration.functionName)[")
        return [event("platform.initStart", at: date, record: [
            ("initializationType", string(initializationType.rawValue)), ("phase", string("init")),
            ("runtimeVersion", string(LogFormatter.runtimeVersion(runtime))),
            ("runtimeVersionArn", string(LogFormatter.runtimeVersionArn(runtime))),
            ("functionName", string(configuration.functionName)), ("functionVersion", string(version)),
            ("instanceId", string(instance)), ("instanceMaxMemory", String(configuration.memorySize * 1_048_576)),
        ])]
    }

    func initReport(durationMs: Double, phase: String, status: String, errorType: String?, at date: Date) -> [String] {
        guard json else { return [LogFormatter.initReport(durationMs: durationMs, phase: phase, status: status, errorType: errorType)] }
        guard configuration.logging.writes(systemEventAt: "INFO") else { return [] }
        var record = [("initializationType", string(initializationType.rawValue)), ("phase", string(phase)), ("status", string(status))]
        if let errorType { record.append(("errorType", string(errorType))) }
        record.append(("metrics", object([("durationMs", LogFormatter.milliseconds(durationMs))])))
        return [event("platform.initReport", at: date, record: record)]
    }

    func start(requestID: String, at date: Date) -> [String] {
        guard json else { return [LogFormatter.start(requestID: requestID, version: version)] }
        guard configuration.logging.writes(systemEventAt: "INFO") else { return [] }
        return [event("platform.start", at: date, record: [
            ("requestId", string(requestID)), ("functionArn", string(invokedArn)), ("version", string(version)),
        ])]
    }

    /// `END` under Text; under JSON, `platform.runtimeDone` at DEBUG.
    func end(requestID: String, status: InvocationResult.Status, durationMs: Double, producedBytes: Int, at date: Date) -> [String] {
        guard json else { return [LogFormatter.end(requestID: requestID)] }
        guard configuration.logging.writes(systemEventAt: "DEBUG") else { return [] }
        return [event("platform.runtimeDone", at: date, record: [
            ("requestId", string(requestID)), ("status", string(Self.status(status))),
            ("metrics", object([("durationMs", LogFormatter.milliseconds(durationMs)), ("producedBytes", String(producedBytes))])),
        ])]
    }

    func report(requestID: String, durationMs: Double, billedMs: Int, memorySizeMB: Int, maxMemoryUsedMB: Int,
                initDurationMs: Double?, status: InvocationResult.Status, errorType: String?, at date: Date) -> [String] {
        guard json else {
            return [LogFormatter.report(requestID: requestID, durationMs: durationMs, billedMs: billedMs, memorySizeMB: memorySizeMB,
                                        maxMemoryUsedMB: maxMemoryUsedMB, initDurationMs: initDurationMs, status: status, errorType: errorType)]
        }
        guard configuration.logging.writes(systemEventAt: "INFO") else { return [] }
        var metrics = [("durationMs", LogFormatter.milliseconds(durationMs)), ("billedDurationMs", String(billedMs)),
                       ("memorySizeMB", String(memorySizeMB)), ("maxMemoryUsedMB", String(maxMemoryUsedMB))]
        if let initDurationMs { metrics.append(("initDurationMs", LogFormatter.milliseconds(initDurationMs))) }
        var record = [("requestId", string(requestID)), ("metrics", object(metrics)), ("status", string(Self.status(status)))]
        if status != .success, let errorType { record.append(("errorType", string(errorType))) }
        return [event("platform.report", at: date, record: record)]
    }

    static func status(_ status: InvocationResult.Status) -> String {
        switch status {
        case .success: return "success"
        case .functionError, .platformError: return "error"
        case .timeout: return "timeout"
        }
    }

    // Hand-built so the keys keep AWS's order (JSONSerialization does not promise one).
    private func event(_ type: String, at date: Date, record: [(String, String)]) -> String {
        object([("time", string(LogFormatter.isoTimestamp(date))), ("type", string(type)), ("record", object(record))])
    }

    private func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(string($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    private func string(_ text: String) -> String { JSONText.quoted(text) }
}
