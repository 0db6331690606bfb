import Foundation
import LambdaService
import LocalEndpoint
import TestSupport
import Testing
import TutorSupport

/// curl against a function URL and a REST-style route in front of real Python handlers: the
/// payload 2.0 and 1.0 events as AWS documents them, and each rule that turns a result into
/// the HTTP response (custom, inferred, malformed, failed, binary, cookies, throttled, CORS).
@Suite(.serialized)
struct FunctionURLHTTPTests {
    static let web = """
    import base64, json
    def handler(event, context):
        mode = (event.get("queryStringParameters") or {}).get("mode", "echo")
        if mode == "echo":
            return {"statusCode": 200, "headers": {"content-type": "application/json"}, "body": json.dumps(event)}
        if mode == "custom":
            return {"statusCode": 201, "headers": {"X-Custom": "yes", "Content-Type": "text/plain"},
                    "cookies": ["a=1; Max-Age=60", "b=2"], "body": "made"}
        if mode == "object":
            return {"message": "hi"}
        if mode == "string":
            return "hello"
        if mode == "bad-status":
            return {"statusCode": "abc"}
        if mode == "bad-body":
            return {"statusCode": 200, "body": {"not": "a string"}}
        if mode == "binary":
            return {"statusCode": 200, "headers": {"content-type": "application/octet-stream"}, "isBase64Encoded": True,
                    "body": base64.b64encode(bytes(range(256))).decode()}
        if mode == "cors":
            return {"statusCode": 200, "headers": {"Access-Control-Allow-Origin": "https://evil.example"}, "body": "x"}
        raise ValueError("boom")
    """

    static let rest = """
    import json
    def handler(event, context):
        mode = (event.get("queryStringParameters") or {}).get("mode")
        if mode == "bare":
            return {"message": "no statusCode"}
        if mode == "raise":
            raise RuntimeError("x")
        return {"statusCode": 202, "headers": {"X-One": "1"}, "multiValueHeaders": {"X-Many": ["a", "b"]}, "body": json.dumps(event)}
    """

    /// The request's time in the event and the response's `Date` header are the service's
    /// wall clock, not the machine's.
    @Test func theRequestTimeAndTheDateHeaderComeFromTheServiceClock() async throws {
        let clock = ManualWallClock(Date(timeIntervalSince1970: 1_796_000_000))
        try await FunctionURLHarness.run(clock: clock) { harness in
            try harness.python("web", Self.web)
            let config = try harness.service.createFunctionURLConfig(FunctionReference(name: "web"), authType: "NONE")
            let echo = try #require(await CurlExchange.run(harness.host.url(config.urlID) + "?mode=echo", in: harness.directory))
            let context = try #require(echo.json()?["requestContext"] as? [String: Any])
            #expect(context["timeEpoch"] as? Int == 1_796_000_000_000)
            #expect(context["time"] as? String == "30/Nov/2026:00:53:20 +0000")
            #expect(echo.values("Date") == ["Mon, 30 Nov 2026 00:53:20 GMT"])
        }
    }

    @Test func aFunctionURLSendsThe2_0EventAndAnswersByItsRules() async throws {
        try await FunctionURLHarness.run { harness in
            try harness.python("web", Self.web)
            let config = try harness.service.createFunctionURLConfig(FunctionReference(name: "web"), authType: "NONE")
            let base = harness.host.url(config.urlID)
            let directory = harness.directory
            func curl(_ query: String, method: String = "GET", headers: [String] = [], body: Data? = nil, path: String = "") async throws -> CurlExchange {
                try #require(await CurlExchange.run(base + path + query, method: method, headers: headers, body: body, in: directory))
            }

            // The event: payload 2.0, as the request really was.
            let echo = try await curl("?mode=echo&x=1&x=2", method: "POST", headers: ["Cookie: s=1; t=2", "X-Multi: a", "X-Multi: b", "Content-Type: application/json"],
                                      body: Data(#"{"k": 1}"#.utf8), path: "a/b%20c")
            #expect(echo.status == 200)
            let event = try #require(echo.json())
            #expect(event["version"] as? String == "2.0" && event["routeKey"] as? String == "$default")
            #expect(event["rawPath"] as? String == "/a/b%20c")
            #expect(event["rawQueryString"] as? String == "mode=echo&x=1&x=2")
            #expect(event["cookies"] as? [String] == ["s=1", "t=2"])
            let headers = try #require(event["headers"] as? [String: String])
            #expect(headers["x-multi"] == "a,b", "repeated headers are joined with commas")
            #expect(headers["cookie"] == nil, "cookies leave the headers for `cookies`")
            #expect(headers.keys.allSatisfy { $0 == $0.lowercased() })
            #expect(headers["host"] == FunctionURLHost.urlDomain(config.urlID) + ":\(harness.host.port)")
            #expect((event["queryStringParameters"] as? [String: String])?["x"] == "1,2")
            #expect(event["body"] as? String == #"{"k": 1}"# && event["isBase64Encoded"] as? Bool == false)
            let context = try #require(event["requestContext"] as? [String: Any])
            #expect(context["apiId"] as? String == config.urlID && context["domainPrefix"] as? String == config.urlID)
            #expect(context["domainName"] as? String == FunctionURLHost.urlDomain(config.urlID))
            #expect(context["accountId"] as? String == "anonymous")
            #expect(context["routeKey"] as? String == "$default" && context["stage"] as? String == "$default")
            #expect(context["timeEpoch"] is Int && (context["time"] as? String)?.hasSuffix("+0000") == true)
            let http = try #require(context["http"] as? [String: Any])
            #expect(http["method"] as? String == "POST" && http["path"] as? String == "/a/b%20c" && http["protocol"] as? String == "HTTP/1.1")
            #expect(http["sourceIp"] as? String == "127.0.0.1" && (http["userAgent"] as? String)?.hasPrefix("curl/") == true)
            #expect(echo.values("x-amzn-RequestId").first == context["requestId"] as? String)

            // A body that is not text arrives base64-encoded.
            let bytes = Data((0..<256).map { UInt8($0) })
            let binary = try await curl("?mode=echo", method: "POST", headers: ["Content-Type: image/png"], body: bytes)
            #expect(binary.json()?["isBase64Encoded"] as? Bool == true)
            #expect((binary.json()?["body"] as? String).flatMap { Data(base64Encoded: $0) } == bytes)
            let noQuery = try await curl("")
            #expect(noQuery.json()?["queryStringParameters"] == nil && noQuery.json()?["body"] == nil, "no query, no body: the keys are absent")

            // The response rules.
            let custom = try await curl("?mode=custom")
            #expect(custom.status == 201 && custom.text == "made")
            #expect(custom.values("X-Custom") == ["yes"] && custom.values("Content-Type") == ["text/plain"])
            #expect(custom.values("Set-Cookie") == ["a=1; Max-Age=60", "b=2"])
            let object = try await curl("?mode=object")
            #expect(object.status == 200 && object.values("Content-Type") == ["application/json"] && object.json()?["message"] as? String == "hi")
            let string = try await curl("?mode=string")
            #expect(string.status == 200 && string.text == #""hello""# && string.values("Content-Type") == ["application/json"])
            let badStatus = try await curl("?mode=bad-status")
            #expect(badStatus.status == 502 && badStatus.text == "Internal Server Error")
            let badBody = try await curl("?mode=bad-body")
            #expect(badBody.status == 502)
            let outBinary = try await curl("?mode=binary")
            #expect(outBinary.status == 200 && outBinary.body == bytes)
            let failed = try await curl("?mode=raise")
            #expect(failed.status == 502 && failed.text == "Internal Server Error")
            #expect(harness.notices.all.contains { $0.contains("statusCode \"abc\"") }, "the tutor says why a 502 happened: \(harness.notices.all)")

            // CORS: a preflight answered in front of the function; the config's headers win.
            _ = try harness.service.updateFunctionURLConfig(FunctionReference(name: "web"),
                                                            cors: FunctionURLCors(allowHeaders: ["content-type"], allowMethods: ["GET", "POST"], allowOrigins: ["https://app.example"], maxAge: 60))
            let preflight = try await curl("", method: "OPTIONS", headers: ["Origin: https://app.example", "Access-Control-Request-Method: POST"])
            #expect(preflight.status == 200 && preflight.values("Access-Control-Allow-Origin") == ["https://app.example"])
            #expect(preflight.values("Access-Control-Allow-Methods") == ["GET,POST"] && preflight.values("Access-Control-Max-Age") == ["60"])
            let corsCall = try await curl("?mode=cors", headers: ["Origin: https://app.example"])
            #expect(corsCall.values("Access-Control-Allow-Origin") == ["https://app.example"])
            let otherOrigin = try await curl("?mode=cors", headers: ["Origin: https://other.example"])
            #expect(otherOrigin.values("Access-Control-Allow-Origin").isEmpty)

            // Over Lambda's synchronous request limit: 413 without invoking.
            let huge = try await curl("?mode=echo", method: "POST", headers: ["Content-Type: text/plain"], body: Data(count: 6 * 1024 * 1024 + 1))
            #expect(huge.status == 413)

            // Reserved concurrency 0 throttles the URL: 429.
            _ = try harness.service.putFunctionConcurrency("web", reservedConcurrentExecutions: 0)
            let throttled = try await curl("?mode=object")
            #expect(throttled.status == 429)
            let metrics = try harness.service.metrics(FunctionReference(name: "web"), minutes: 5)
            #expect(metrics.minutes.reduce(0) { $0 + $1.throttles } >= 1, "a URL's throttle is counted as any invoke's")

            // A host that is no URL: 404 naming what is served; a deleted URL: 403.
            let wrongHost = try #require(await CurlExchange.run("http://127.0.0.1:\(harness.host.port)/", in: directory))
            #expect(wrongHost.status == 404 && wrongHost.text.contains(config.urlID))
            try harness.service.deleteFunctionURLConfig(FunctionReference(name: "web"))
            #expect(try await curl("?mode=object").status == 403)
        }
    }

    @Test func aRESTStyleRouteSendsThe1_0EventAndRefusesAMalformedAnswer() async throws {
        try await FunctionURLHarness.run { harness in
            try harness.python("rest", Self.rest)
            try harness.service.addProxyRoute(method: "GET", resource: "/items/{id}", to: FunctionReference(name: "rest"))
            try harness.service.addProxyRoute(method: "ANY", resource: "/files/{path+}", to: FunctionReference(name: "rest"))
            #expect(throws: LambdaServiceError.self) {
                try harness.service.addProxyRoute(method: "GET", resource: "/items/{id}", to: FunctionReference(name: "rest"))
            }
            #expect(throws: LambdaServiceError.self) {
                try harness.service.addProxyRoute(method: "GET", resource: "/a/{x+}/b", to: FunctionReference(name: "rest"))
            }
            let base = harness.host.restBase
            let directory = harness.directory
            let ok = try #require(await CurlExchange.run(base + "/items/42?tag=a&tag=b", headers: ["X-Multi: 1", "X-Multi: 2"], in: directory))
            #expect(ok.status == 202 && ok.values("X-One") == ["1"] && ok.values("X-Many") == ["a", "b"])
            let event = try #require(ok.json())
            #expect(event["resource"] as? String == "/items/{id}" && event["path"] as? String == "/items/42" && event["httpMethod"] as? String == "GET")
            #expect(event["pathParameters"] as? [String: String] == ["id": "42"])
            #expect(event["queryStringParameters"] as? [String: String] == ["tag": "b"])
            #expect(event["multiValueQueryStringParameters"] as? [String: [String]] == ["tag": ["a", "b"]])
            #expect((event["multiValueHeaders"] as? [String: [String]])?["X-Multi"] == ["1", "2"])
            #expect((event["headers"] as? [String: String])?["X-Multi"] == "2")
            #expect(event["stageVariables"] is NSNull && event["body"] is NSNull && event["isBase64Encoded"] as? Bool == false)
            let context = try #require(event["requestContext"] as? [String: Any])
            #expect(context["stage"] as? String == FunctionURLHost.stage && context["path"] as? String == "/\(FunctionURLHost.stage)/items/42")
            #expect(context["resourcePath"] as? String == "/items/{id}" && context["httpMethod"] as? String == "GET")
            #expect(context["apiId"] as? String == harness.host.restAPIID && context["accountId"] as? String == "123456789012")
            #expect((context["identity"] as? [String: Any])?["sourceIp"] as? String == "127.0.0.1")

            let greedy = try #require(await CurlExchange.run(base + "/files/a/b.txt", method: "PUT", headers: ["Content-Type: text/plain"], body: Data("hi".utf8), in: directory))
            #expect(greedy.status == 202)
            #expect(greedy.json()?["pathParameters"] as? [String: String] == ["path": "a/b.txt"] && greedy.json()?["body"] as? String == "hi")

            let bare = try #require(await CurlExchange.run(base + "/items/1?mode=bare", in: directory))
            #expect(bare.status == 502 && bare.json()?["message"] as? String == "Internal server error")
            let failed = try #require(await CurlExchange.run(base + "/items/1?mode=raise", in: directory))
            #expect(failed.status == 502 && failed.json()?["message"] as? String == "Internal server error")
            let unknown = try #require(await CurlExchange.run(base + "/nothing", in: directory))
            #expect(unknown.status == 403 && unknown.json()?["message"] as? String == "Missing Authentication Token")
            let wrongMethod = try #require(await CurlExchange.run(base + "/items/1", method: "DELETE", in: directory))
            #expect(wrongMethod.status == 403)
            #expect(try harness.service.removeProxyRoute(method: "GET", resource: "/items/{id}"))
            #expect(try #require(await CurlExchange.run(base + "/items/1", in: directory)).status == 403)
        }
    }
}
