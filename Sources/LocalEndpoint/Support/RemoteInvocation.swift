import Foundation
import LambdaModel
import MiniLambda

/// `invoke NAME` sent to the tutor that serves this data folder (``EndpointRecord``), so the
/// invocation uses that tutor's environments as a second AWS client would. The answer is
/// rebuilt into an ``InvocationResult`` from the Invoke API's headers and its Tail log
/// (START … REPORT): Duration, Billed Duration, memory and Init come from the REPORT line.
package enum RemoteInvocation {
    package struct Failure: Error, CustomStringConvertible {
        package var code: String
        package var message: String
        package var description: String { "\(code): \(message)" }
    }

    package static func invoke(_ name: String, payload: Data, port: Int) throws(Failure) -> InvocationResult {
        let response: LambdaAPIClient.Response
        do {
            response = try LambdaAPIClient(port: port).invoke(name, payload: payload, logType: "Tail")
        } catch {
            throw Failure(code: "ServiceException", message: "the tutor serving this data folder at 127.0.0.1:\(port) did not answer: \(error)")
        }
        guard response.status == 200 else {
            let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
            let message = (object?["message"] as? String) ?? (object?["Message"] as? String) ?? String(decoding: response.body, as: UTF8.self)
            throw Failure(code: response.headers["x-amzn-errortype"] ?? "HTTP \(response.status)", message: message)
        }
        return result(name: name, response: response)
    }

    static func result(name: String, response: LambdaAPIClient.Response) -> InvocationResult {
        let tail = response.headers["x-amz-log-result"]
        let log = tail.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) } ?? ""
        let lines = log.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
        let report = Report(lines.last { $0.hasPrefix("REPORT ") || $0.contains("\"platform.report\"") } ?? "")
        let functionError = response.headers["x-amz-function-error"]
        let errorType = functionError == nil ? nil : ((try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any])?["errorType"] as? String
        let status: InvocationResult.Status
        switch (functionError, errorType) {
        case (nil, _): status = .success
        case (_, "Sandbox.Timedout"): status = .timeout
        case (_, let type?) where type.hasPrefix("Runtime."): status = .platformError
        default: status = .functionError
        }
        let includeInit = report.initMs != nil && report.billedMs >= Int(report.durationMs + (report.initMs ?? 0))
        return InvocationResult(
            remoteRequestID: response.headers["x-amzn-requestid"] ?? "", functionName: name, payload: response.body,
            functionError: functionError, errorType: errorType ?? (functionError == nil ? nil : "Unhandled"), status: status,
            executedVersion: response.headers["x-amz-executed-version"] ?? "$LATEST", logLines: lines, logResult: tail,
            initDurationMs: report.initMs, durationMs: report.durationMs, billedDurationMs: report.billedMs,
            memorySizeMB: report.memoryMB, maxMemoryUsedMB: report.maxMemoryMB, includeInit: includeInit,
            costUSD: Billing.cost(billedMs: report.billedMs, memoryMB: report.memoryMB))
    }

    /// The figures of a REPORT line, text (`Duration: 1.84 ms`) or JSON (`"durationMs":1.84`).
    struct Report {
        var durationMs = 0.0
        var billedMs = 0
        var memoryMB = Limits.defaultMemoryMB
        var maxMemoryMB = 0
        var initMs: Double?

        init(_ line: String) {
            func number(_ text: String, _ json: String) -> Double? {
                for pattern in [text + ": ", "\"" + json + "\":"] {
                    guard let range = line.range(of: pattern) else { continue }
                    let digits = line[range.upperBound...].prefix { $0.isNumber || $0 == "." }
                    if let value = Double(digits) { return value }
                }
                return nil
            }
            // "Billed Duration" also contains "Duration: ", so it is read first and cut out.
            billedMs = Int(number("Billed Duration", "billedDurationMs") ?? 0)
            let plain = line.replacingOccurrences(of: "Billed Duration", with: "Billed").replacingOccurrences(of: "Init Duration", with: "Init")
            durationMs = Report.read(plain, "\tDuration: ") ?? Report.read(plain, "\"durationMs\":") ?? 0
            memoryMB = Int(number("Memory Size", "memorySizeMB") ?? Double(Limits.defaultMemoryMB))
            maxMemoryMB = Int(number("Max Memory Used", "maxMemoryUsedMB") ?? 0)
            initMs = number("Init Duration", "initDurationMs")
        }

        static func read(_ line: String, _ marker: String) -> Double? {
            guard let range = line.range(of: marker) else { return nil }
            return Double(line[range.upperBound...].prefix { $0.isNumber || $0 == "." })
        }
    }
}
