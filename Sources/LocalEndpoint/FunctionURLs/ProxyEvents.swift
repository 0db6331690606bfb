import Foundation
import LambdaService
import MiniLambda

/// The event a function URL sends: API Gateway's payload format 2.0 as Lambda's developer
/// guide documents it for URLs (urls-invocation, "Request payload format").
///
/// Header names are lower-cased and repeated headers joined with commas; the `Cookie` headers
/// become `cookies` (and leave `headers`); repeated query parameters are joined with commas in
/// `queryStringParameters`, which is absent without a query, as `body` is without a body.
/// `requestContext.accountId` is `anonymous`, as for `AuthType NONE`. Lambda adds the
/// `x-forwarded-*` and `x-amzn-trace-id` headers; so does the tutor (`x-forwarded-proto` is
/// `http`: the tutor has no TLS).
enum ProxyEventV2 {
    static func make(_ request: ProxyHTTPRequest, urlID: String, port: Int, requestID: String, traceID: String) -> [String: Any] {
        var headers: [String: String] = [:]
        var order: [String] = []
        for (name, value) in request.headers {
            let key = name.lowercased()
            guard key != "cookie" else { continue }
            if let existing = headers[key] { headers[key] = existing + "," + value } else { headers[key] = value; order.append(key) }
        }
        headers["x-forwarded-for"] = request.sourceIP
        headers["x-forwarded-proto"] = "http"
        headers["x-forwarded-port"] = String(port)
        headers["x-amzn-trace-id"] = traceID
        let domain = FunctionURLHost.urlDomain(urlID)
        var event: [String: Any] = [
            "version": "2.0",
            "routeKey": "$default",
            "rawPath": request.rawPath,
            "rawQueryString": request.rawQueryString,
            "headers": headers,
            "requestContext": [
                "accountId": "anonymous",
                "apiId": urlID,
                "domainName": domain,
                "domainPrefix": urlID,
                "http": [
                    "method": request.method,
                    "path": request.rawPath,
                    "protocol": request.httpProtocol,
                    "sourceIp": request.sourceIP,
                    "userAgent": request.header("user-agent") ?? "",
                ] as [String: Any],
                "requestId": requestID,
                "routeKey": "$default",
                "stage": "$default",
                "time": request.requestTime,
                "timeEpoch": request.epochMilliseconds,
            ] as [String: Any],
            "isBase64Encoded": false,
        ]
        let cookies = request.cookies
        if !cookies.isEmpty { event["cookies"] = cookies }
        let pairs = request.queryPairs
        if !pairs.isEmpty {
            var parameters: [String: String] = [:]
            for (name, value) in pairs { parameters[name] = parameters[name].map { $0 + "," + value } ?? value }
            event["queryStringParameters"] = parameters
        }
        if !request.body.isEmpty {
            let (body, base64) = request.eventBody
            event["body"] = body
            event["isBase64Encoded"] = base64
        }
        return event
    }
}

/// The event of an API Gateway REST API's Lambda proxy integration: payload format 1.0.
///
/// `headers` and `queryStringParameters` keep the last value of a repeated name and
/// `multiValueHeaders`/`multiValueQueryStringParameters` all of them; header names keep the
/// client's case; `path` is the path below the stage and `requestContext.path` the whole one;
/// empty maps and a missing body are `null`, as API Gateway sends them. A REST API passes bodies
/// as text unless binary media types are set; the tutor's API acts as if they were set for every
/// type that is not text (the body is base64-encoded then).
enum ProxyEventV1 {
    static func make(_ request: ProxyHTTPRequest, match: ProxyRouteMatch, path: String, host: FunctionURLHost,
                     requestID: String, traceID: String) -> [String: Any] {
        var headers: [String: String] = [:]
        var multiHeaders: [String: [String]] = [:]
        var extra: [(String, String)] = [("X-Forwarded-For", request.sourceIP), ("X-Forwarded-Proto", "http"),
                                         ("X-Forwarded-Port", String(host.port)), ("X-Amzn-Trace-Id", traceID)]
        extra.removeAll { name, _ in request.header(name) != nil }
        for (name, value) in request.headers + extra.map({ (name: $0.0, value: $0.1) }) {
            headers[name] = value
            multiHeaders[name, default: []].append(value)
        }
        var query: [String: String] = [:]
        var multiQuery: [String: [String]] = [:]
        for (name, value) in request.queryPairs {
            query[name] = value
            multiQuery[name, default: []].append(value)
        }
        let body: Any = request.body.isEmpty ? NSNull() : request.eventBody.body
        let base64 = request.body.isEmpty ? false : request.eventBody.base64
        return [
            "resource": match.route.resource,
            "path": path,
            "httpMethod": request.method,
            "headers": headers,
            "multiValueHeaders": multiHeaders,
            "queryStringParameters": query.isEmpty ? NSNull() : query,
            "multiValueQueryStringParameters": multiQuery.isEmpty ? NSNull() : multiQuery,
            "pathParameters": match.pathParameters.isEmpty ? NSNull() : match.pathParameters,
            "stageVariables": NSNull(),
            "requestContext": [
                "accountId": LambdaIdentity.accountID,
                "apiId": host.restAPIID,
                "domainName": host.restDomain,
                "domainPrefix": host.restAPIID,
                "extendedRequestId": String(requestID.replacingOccurrences(of: "-", with: "").prefix(16)) + "=",
                "httpMethod": request.method,
                "identity": [
                    "accessKey": NSNull(), "accountId": NSNull(), "caller": NSNull(), "cognitoAuthenticationProvider": NSNull(),
                    "cognitoAuthenticationType": NSNull(), "cognitoIdentityId": NSNull(), "cognitoIdentityPoolId": NSNull(),
                    "principalOrgId": NSNull(), "sourceIp": request.sourceIP, "user": NSNull(),
                    "userAgent": request.header("user-agent") ?? "", "userArn": NSNull(),
                ] as [String: Any],
                "path": "/\(FunctionURLHost.stage)\(path)",
                "protocol": request.httpProtocol,
                "requestId": requestID,
                "requestTime": request.requestTime,
                "requestTimeEpoch": request.epochMilliseconds,
                "resourceId": resourceID(match.route),
                "resourcePath": match.route.resource,
                "stage": FunctionURLHost.stage,
            ] as [String: Any],
            "body": body,
            "isBase64Encoded": base64,
        ]
    }

    /// A 6-character id per resource path, stable (API Gateway's `resourceId`).
    static func resourceID(_ route: ProxyRoute) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in route.resource.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<6).map { _ in
            defer { hash /= 36 }
            return alphabet[Int(hash % 36)]
        })
    }
}
