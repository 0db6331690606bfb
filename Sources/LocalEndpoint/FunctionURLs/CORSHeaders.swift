import Foundation
import LambdaService

/// A function URL's `Cors` applied to one request, as Lambda applies it in front of the
/// function: a preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) is
/// answered without invoking the function; any other request from an allowed `Origin` gets
/// `Access-Control-Allow-Origin` (and `-Allow-Credentials`, `-Expose-Headers`) added, and the
/// function's own `Access-Control-*` headers are replaced by the config's. No `Cors`, or an
/// origin the config does not allow: no CORS headers at all (the browser then refuses).
struct CORSHeaders {
    /// The headers to add to the function's response.
    var headers: [(String, String)] = []
    /// The preflight's answer, when the request is one.
    var preflight: APIResponse?
    /// Whether the config is in force (the function's own CORS headers then go).
    var configured: Bool

    init(_ cors: FunctionURLCors?, request: ProxyHTTPRequest) {
        configured = cors != nil
        guard let cors, let origin = request.header("origin") else { return }
        let origins = cors.allowOrigins ?? []
        let allowed = origins.contains("*") || origins.contains { $0.caseInsensitiveCompare(origin) == .orderedSame }
        let allowOrigin = origins.contains("*") && cors.allowCredentials != true ? "*" : origin
        if request.method == "OPTIONS", let method = request.header("access-control-request-method") {
            var answer: [(String, String)] = []
            if allowed {
                answer.append(("Access-Control-Allow-Origin", allowOrigin))
                let methods = cors.allowMethods ?? []
                if methods.contains("*") || methods.contains(where: { $0.caseInsensitiveCompare(method) == .orderedSame }) {
                    answer.append(("Access-Control-Allow-Methods", methods.joined(separator: ",")))
                }
                if let allowHeaders = cors.allowHeaders, !allowHeaders.isEmpty {
                    answer.append(("Access-Control-Allow-Headers", allowHeaders.joined(separator: ",")))
                }
                if cors.allowCredentials == true { answer.append(("Access-Control-Allow-Credentials", "true")) }
                if let age = cors.maxAge { answer.append(("Access-Control-Max-Age", String(age))) }
                answer.append(("Vary", "Origin"))
            }
            preflight = APIResponse(status: 200, headers: answer)
            return
        }
        guard allowed else { return }
        headers.append(("Access-Control-Allow-Origin", allowOrigin))
        if cors.allowCredentials == true { headers.append(("Access-Control-Allow-Credentials", "true")) }
        if let expose = cors.exposeHeaders, !expose.isEmpty { headers.append(("Access-Control-Expose-Headers", expose.joined(separator: ","))) }
        headers.append(("Vary", "Origin"))
    }

    /// The function's response with its own CORS headers removed when the config is in force.
    func apply(to response: APIResponse) -> APIResponse {
        var response = response
        if configured { response.headers.removeAll { $0.0.lowercased().hasPrefix("access-control-") } }
        response.headers += headers
        return response
    }
}
