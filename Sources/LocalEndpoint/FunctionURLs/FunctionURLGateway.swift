import Foundation
import LambdaModel
import LambdaService
import MiniLambda
import TutorSupport

/// What stands in front of a function URL or a REST-style route: the request becomes the
/// event (2.0 or 1.0), goes through ``LambdaService/invoke(_:payload:options:)`` like any
/// invoke (alias routing, concurrency, throttles, metrics), and the result becomes the HTTP
/// response by that payload version's rules. Pure request → response; ``FunctionURLServer``
/// puts it on HTTP.
package final class FunctionURLGateway: Sendable {
    package let service: LambdaService
    package let host: FunctionURLHost
    /// A line for the learner when a request gets a 502 the handler caused (AWS says nothing
    /// to the client; the tutor says why, in the tutor).
    let notice: @Sendable (String) -> Void

    package init(service: LambdaService, host: FunctionURLHost, notice: @escaping @Sendable (String) -> Void = { _ in }) {
        self.service = service
        self.host = host
        self.notice = notice
    }

    package func handle(_ request: ProxyHTTPRequest) async -> APIResponse {
        switch request.header("host").flatMap(host.target(ofHost:)) {
        case .functionURL(let id)?:
            return await functionURL(id, request)
        case .restAPI?:
            return await restAPI(request)
        case nil:
            return unknownHost(request)
        }
    }

    // MARK: - Function URLs (payload 2.0)

    private func functionURL(_ id: String, _ request: ProxyHTTPRequest) async -> APIResponse {
        guard let target = service.functionURL(id: id) else {
            return APIResponse.json(403, ["Message": "Forbidden. No function URL \(FunctionURLHost.urlDomain(id)) in this tutor's data folder (fn url lists them)."])
        }
        let cors = CORSHeaders(target.config.cors, request: request)
        if let preflight = cors.preflight { return preflight }
        let requestID = RandomUUID.string()
        let event = ProxyEventV2.make(request, urlID: id, port: host.port, requestID: requestID, traceID: Self.traceID(request.receivedAt))
        var response: APIResponse
        switch await invoke(target.function, qualifier: target.config.qualifier, event: event, request: request) {
        case .result(let result):
            if result.functionError != nil {
                notice("\(request.method) \(request.rawPath) → 502: \(target.function) failed (\(result.errorType ?? "Unhandled")); 'logs \(target.function)' shows why")
                response = ProxyResponse.functionURLError(nil).response
            } else {
                let outcome = ProxyResponse.v2(result.payload)
                if let problem = outcome.problem { notice("\(request.method) \(request.rawPath) → 502: \(problem)") }
                response = outcome.response
            }
        case .answer(let failure):
            response = failure
        }
        response.headers.append(("x-amzn-RequestId", requestID))
        return cors.apply(to: response)
    }

    // MARK: - The REST-style API (payload 1.0)

    private func restAPI(_ request: ProxyHTTPRequest) async -> APIResponse {
        var segments = request.pathSegments
        guard segments.first == FunctionURLHost.stage else {
            return APIResponse.json(403, ["message": "Forbidden"]).with(("x-amzn-ErrorType", "ForbiddenException"))
        }
        segments.removeFirst()
        guard let match = service.matchProxyRoute(method: request.method, path: segments) else {
            // API Gateway's answer for a path or method no resource has.
            return APIResponse.json(403, ["message": "Missing Authentication Token"]).with(("x-amzn-ErrorType", "MissingAuthenticationTokenException"))
        }
        let stagePrefix = "/" + FunctionURLHost.stage
        let path = String(request.rawPath.dropFirst(stagePrefix.count)).removingPercentEncoding ?? String(request.rawPath.dropFirst(stagePrefix.count))
        let requestID = RandomUUID.string()
        let event = ProxyEventV1.make(request, match: match, path: path.isEmpty ? "/" : path, host: host, requestID: requestID,
                                      traceID: Self.traceID(request.receivedAt))
        var response: APIResponse
        switch await invoke(match.function, qualifier: match.route.qualifier, event: event, request: request, rest: true) {
        case .result(let result):
            if result.functionError != nil {
                notice("\(request.method) \(request.rawPath) → 502: \(match.function) failed (\(result.errorType ?? "Unhandled")); 'logs \(match.function)' shows why")
                response = ProxyResponse.restError(nil).response
            } else {
                let outcome = ProxyResponse.v1(result.payload)
                if let problem = outcome.problem { notice("\(request.method) \(request.rawPath) → 502: \(problem)") }
                response = outcome.response
            }
        case .answer(let failure):
            response = failure
        }
        response.headers.append(("x-amzn-RequestId", requestID))
        return response
    }

    // MARK: - Invoking

    /// The invoke, or the HTTP answer to its refusal: a request over Lambda's synchronous
    /// payload limit is 413; a throttle is 429 (Lambda's message); anything else 502.
    private func invoke(_ function: String, qualifier: String?, event: [String: Any], request: ProxyHTTPRequest,
                        rest: Bool = false) async -> Invoked {
        let payload = (try? JSONSerialization.data(withJSONObject: event, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        if request.bodyTruncated || payload.count > Limits.syncRequestBytes {
            let message = "Request must be smaller than \(Limits.syncRequestBytes) bytes for the InvokeFunction operation"
            return .answer(rest ? APIResponse.json(413, ["message": message]) : APIResponse.json(413, ["Message": message]))
        }
        do {
            return .result(try await service.invoke(FunctionReference(name: function, qualifier: qualifier), payload: payload))
        } catch {
            if error.code == .tooManyRequests {
                notice("\(request.method) \(request.rawPath) → 429: \(error.message)\(error.reason.map { " (\($0.rawValue))" } ?? "")")
                return .answer(rest ? APIResponse.json(429, ["message": "Too Many Requests"]) : APIResponse.json(429, ["Message": "Rate Exceeded."]))
            }
            notice("\(request.method) \(request.rawPath) → 502: \(error.code.rawValue): \(error.message)")
            return .answer(rest ? ProxyResponse.restError(nil).response : ProxyResponse.functionURLError(nil).response)
        }
    }

    /// An invoke's result, or the HTTP answer given instead.
    private enum Invoked {
        case result(InvocationResult)
        case answer(APIResponse)
    }

    /// A `Host` that is neither a function URL nor the REST-style API: say what is served.
    private func unknownHost(_ request: ProxyHTTPRequest) -> APIResponse {
        let urls = service.allFunctionURLs().map { "\(host.url($0.config.urlID)) → \($0.function)\($0.config.qualifier.map { ":\($0)" } ?? "")" }
        let message = "This port serves function URLs by host name (Host: \(request.header("host") ?? "none")). Use a function URL as 'fn url NAME' prints it: http://<url-id>.lambda-url.\(LambdaIdentity.region).localhost:\(host.port)/ (curl resolves *.localhost by itself; other clients: connect to 127.0.0.1:\(host.port) and send the name as Host)."
        return APIResponse.json(404, ["Message": message, "FunctionUrls": urls])
    }

    /// `Root=1-<8 hex seconds>-<24 hex>`, X-Ray's trace id format.
    static func traceID(_ date: Date) -> String {
        let seconds = String(Int(date.timeIntervalSince1970), radix: 16)
        let random = (0..<24).map { _ in String(Int.random(in: 0..<16), radix: 16) }.joined()
        return "Root=1-\(seconds)-\(random)"
    }
}

extension APIResponse {
    func with(_ header: (String, String)) -> APIResponse {
        var copy = self
        copy.headers.append(header)
        return copy
    }
}
