import Foundation
import TutorSupport

/// The record a destination receives (AWS's "invocation record", wire-contracts §4): the
/// request, the condition, and the function's response. Keys in AWS's order and spelling;
/// `functionError` is left out on success as AWS does.
struct InvocationRecord {
    var timestamp: Date
    var requestID: String
    var functionArn: String
    var condition: String
    var approximateInvokeCount: Int
    var requestPayload: Data
    var statusCode: Int
    var executedVersion: String?
    var functionError: String?
    var responsePayload: Data?

    /// The record as JSON text. Payloads that are JSON are embedded as JSON; others as strings.
    func json() -> String {
        var response = "\"statusCode\":\(statusCode)"
        if let executedVersion { response += ",\"executedVersion\":\(JSONText.quoted(executedVersion))" }
        if let functionError { response += ",\"functionError\":\(JSONText.quoted(functionError))" }
        var text = "{\"version\":\"1.0\",\"timestamp\":\(JSONText.quoted(Self.format(timestamp))),"
        text += "\"requestContext\":{\"requestId\":\(JSONText.quoted(requestID)),\"functionArn\":\(JSONText.quoted(functionArn)),"
        text += "\"condition\":\(JSONText.quoted(condition)),\"approximateInvokeCount\":\(approximateInvokeCount)},"
        text += "\"requestPayload\":\(Self.embedded(requestPayload)),\"responseContext\":{\(response)}"
        if let responsePayload { text += ",\"responsePayload\":\(Self.embedded(responsePayload))" }
        return text + "}"
    }

    static func embedded(_ data: Data) -> String {
        if (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil {
            return String(decoding: data, as: UTF8.self)
        }
        return JSONText.quoted(String(decoding: data, as: UTF8.self))
    }

    /// `2020-03-09T22:01:53.075Z`, milliseconds and UTC as AWS writes it.
    static func format(_ date: Date) -> String { date.formatted(timestampStyle) }
    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
