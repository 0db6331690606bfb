import Foundation
import LambdaModel
import LambdaService
import MiniLambda
import TutorSupport

extension LambdaAPI {
    /// `POST /2015-03-31/functions/{FunctionName}/invocations`: RequestResponse (200), Event
    /// (202) and DryRun (204), checked in AWS's order: the function, then the headers, then the
    /// payload's size for the invocation type, then that it is JSON.
    func invoke(_ context: OperationContext) async throws(APIError) -> APIResponse {
        let request = context.request
        let function = try context.function()
        let type = request.header("X-Amz-Invocation-Type") ?? "RequestResponse"
        guard ["RequestResponse", "Event", "DryRun"].contains(type) else {
            throw APIError.invalidParameter("1 validation error detected: Value '\(type)' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]")
        }
        var options = InvokeOptions()
        if let logType = request.header("X-Amz-Log-Type") {
            guard let parsed = InvokeOptions.LogType(rawValue: logType) else {
                throw APIError.invalidParameter("1 validation error detected: Value '\(logType)' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [Tail, None]")
            }
            options.logType = parsed
        }
        if let context = request.header("X-Amz-Client-Context") {
            options.clientContext = try Self.clientContext(context)
        }
        options.tenantID = request.header("X-Amz-Tenant-Id")

        // The function and qualifier must exist before anything else is looked at.
        try api { () throws(LambdaServiceError) in try service.checkExists(function) }

        let size = request.bodyBytes
        if type == "Event", size > Limits.asyncPayloadBytes {
            throw APIError(413, "RequestTooLargeException", "\(size) byte payload is too large for the Event invocation type (limit \(Limits.asyncPayloadBytes) bytes)")
        }
        if size > Limits.syncRequestBytes || request.bodyTruncated {
            throw APIError(413, "RequestTooLargeException", "Request must be smaller than \(Limits.syncRequestBytes) bytes for the InvokeFunction operation")
        }
        // The payload is the raw body; an empty one is `{}` as on AWS.
        let payload = request.body.isEmpty ? Data("{}".utf8) : request.body
        do {
            try PayloadValidator.validate(payload)
        } catch {
            throw APIError(error)
        }

        switch type {
        case "DryRun":
            return APIResponse(status: 204, headers: [("x-amzn-RequestId", RandomUUID.string())])
        case "Event":
            if let queue = asyncInvocations {
                let requestID = try api { () throws(LambdaServiceError) in
                    try queue.invokeAsync(function: function.name, qualifier: function.qualifier, payload: payload)
                }
                notice("Event invocation \(requestID) of \(function.description) queued (202); 'timeline \(requestID)' follows its attempts")
                return APIResponse(status: 202, headers: [("x-amzn-RequestId", requestID)])
            }
            let requestID = RandomUUID.string()
            acceptEvent(function, payload: payload, requestID: requestID, options: options)
            return APIResponse(status: 202, headers: [("x-amzn-RequestId", requestID)])
        default:
            let result = try await api { () async throws(LambdaServiceError) in try await service.invoke(function, payload: payload, options: options) }
            return Self.response(for: result, version: function.resolvedQualifier)
        }
    }

    /// The Invoke API's answer to a synchronous invocation that reached the function: 200,
    /// with `X-Amz-Function-Error: Unhandled` when it failed (the body is then the error JSON).
    static func response(for result: InvocationResult, version: String) -> APIResponse {
        var headers: [(String, String)] = [
            ("Content-Type", "application/json"),
            ("x-amzn-RequestId", result.requestID),
            ("X-Amz-Executed-Version", result.executedVersion.isEmpty ? version : result.executedVersion),
        ]
        if let error = result.functionError { headers.append(("X-Amz-Function-Error", error)) }
        if let tail = result.logResult { headers.append(("X-Amz-Log-Result", tail)) }
        return APIResponse(status: result.statusCode, headers: headers, body: result.payload)
    }

    /// `X-Amz-Client-Context`: base64 of a JSON object, at most the facts table's size.
    static func clientContext(_ header: String) throws(APIError) -> String {
        guard header.utf8.count <= Facts.clientContextMax.int else {
            throw APIError.invalidContent("Client context must be at most \(Facts.clientContextMax.int) bytes (base64-encoded), got \(header.utf8.count)")
        }
        guard let data = Data(base64Encoded: header), (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
            throw APIError.invalidContent("Client context must be a valid Base64-encoded JSON object.")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// An Event invocation where no asynchronous queue runs (the API benchmark): accepted (202)
    /// and run once in the background on the same environments; the notice says it is not
    /// retried rather than pretend.
    func acceptEvent(_ function: FunctionReference, payload: Data, requestID: String, options: InvokeOptions) {
        notice("Event invocation \(requestID) of \(function.name) accepted (202) and run once in the background; this server has no asynchronous queue, so it is not retried or sent to a destination")
        let service = self.service
        let notice = self.notice
        Task.detached {
            do throws(LambdaServiceError) {
                let result = try await service.invoke(function, payload: payload, options: options)
                let outcome = result.functionError == nil ? "succeeded" : "failed (\(result.errorType ?? "Unhandled")); it is not retried"
                notice("Event invocation \(requestID) of \(function.name) \(outcome): 'logs \(function.name)' shows its log")
            } catch {
                notice("Event invocation \(requestID) of \(function.name) did not run: \(error.message); it is not retried")
            }
        }
    }
}
