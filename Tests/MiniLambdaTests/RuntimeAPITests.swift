import Foundation
import MiniLambda
import TestSupport
import Testing

/// The Runtime API on the wire: a scripted client that misbehaves on purpose and reports the
/// status codes and headers it got back.
@Suite(.serialized)
struct RuntimeAPITests {
    static let client = #"""
    import http.client, json, os, sys
    host, port = os.environ["AWS_LAMBDA_RUNTIME_API"].split(":")
    conn = http.client.HTTPConnection(host, int(port))

    def call(method, path, body=b"", headers=None):
        conn.request(method, "/2018-06-01/runtime" + path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()

    seen = {}
    previous = None
    while True:
        status, headers, body = call("GET", "/invocation/next")
        rid = headers["lambda-runtime-aws-request-id"]
        event = json.loads(body)
        if event["step"] == 1:
            s_unknown, _, b_unknown = call("POST", "/invocation/not-an-id/response", b"{}")
            s_init, _, b_init = call("POST", "/init/error", b"{}")
            s_next, _, b_next = call("GET", "/invocation/next")
            answer = {"next": status, "headers": headers, "unknown": [s_unknown, json.loads(b_unknown)],
                      "initAfterReady": [s_init, json.loads(b_init)], "nextWhileInvoking": [s_next, json.loads(b_next)]}
            s_ok, _, b_ok = call("POST", "/invocation/%s/response" % rid, json.dumps(answer).encode(), {"Content-Type": "application/json"})
            seen["ok"] = [s_ok, json.loads(b_ok)]
            s_again, _, b_again = call("POST", "/invocation/%s/response" % rid, b"{}")
            seen["again"] = [s_again, json.loads(b_again)]
        elif event["step"] == 2:
            call("POST", "/invocation/%s/response" % rid, json.dumps(seen).encode())
        else:
            # The last step: Lambda resets the environment after refusing a response, so what
            # the runtime got back is told through its output.
            s_big, _, b_big = call("POST", "/invocation/%s/response" % rid, b"x" * (6291556 + 1))
            print("tooLarge " + json.dumps([s_big, json.loads(b_big)]), flush=True)
    """#

    @Test func statusCodesHeadersAndErrorBodies() async throws {
        let scripts = try TemporaryDirectory(prefix: "minilambda-scripts")
        let script = try scripts.write("client.py", Self.client).path
        try await Harness.run(settings: {
            $0.bootstrapOverrides[.python] = BootstrapCommand(executable: "python3", arguments: [script], passHandlerAsArgument: false)
        }) { h in
            try h.function("wire", code: "def handler(e, c): pass\n")
            let first = try await h.invoke("wire", #"{"step": 1}"#, options: InvokeOptions(clientContext: #"{"custom":{"a":"b"}}"#))
            let json = try #require(first.json, "\(first.payloadText) \(first.logLines)")
            #expect(json["next"] as? Int == 200)
            let headers = try #require(json["headers"] as? [String: String])
            #expect(headers["lambda-runtime-aws-request-id"] == first.requestID)
            #expect(headers["lambda-runtime-invoked-function-arn"] == "arn:aws:lambda:us-east-1:123456789012:function:wire")
            #expect(headers["lambda-runtime-trace-id"]?.hasPrefix("Root=1-") == true)
            #expect(headers["lambda-runtime-client-context"] == #"{"custom":{"a":"b"}}"#)
            #expect(headers["content-type"] == "application/json")
            let deadline = try #require(headers["lambda-runtime-deadline-ms"].flatMap { Double($0) })
            let now = Date().timeIntervalSince1970 * 1000
            #expect(deadline > now - 60_000 && deadline < now + 60_000, "deadline is wall-clock epoch ms")

            let unknown = try #require(json["unknown"] as? [Any])
            #expect(unknown[0] as? Int == 400)
            #expect((unknown[1] as? [String: String]) == ["errorMessage": "Invalid request ID", "errorType": "InvalidRequestID"])
            let initAfterReady = try #require(json["initAfterReady"] as? [Any])
            #expect(initAfterReady[0] as? Int == 403)
            #expect((initAfterReady[1] as? [String: String])?["errorType"] == "InvalidStateTransition")
            let nextWhileInvoking = try #require(json["nextWhileInvoking"] as? [Any])
            #expect(nextWhileInvoking[0] as? Int == 403)

            let second = try await h.invoke("wire", #"{"step": 2}"#)
            let seen = try #require(second.json)
            #expect((seen["ok"] as? [Any])?.first as? Int == 202)
            #expect(((seen["ok"] as? [Any])?.last as? [String: String]) == ["status": "OK"])
            #expect((seen["again"] as? [Any])?.first as? Int == 400)

            let third = try await h.invoke("wire", #"{"step": 3}"#)
            #expect(third.errorType == "Function.ResponseSizeTooLarge")
            #expect(third.functionError == "Unhandled")
            let told = try #require(third.logLines.first { $0.hasPrefix("tooLarge ") }, "\(third.logLines)")
            let tooLarge = try #require(try JSONSerialization.jsonObject(with: Data(told.dropFirst("tooLarge ".count).utf8)) as? [Any])
            #expect(tooLarge[0] as? Int == 413)
            #expect((tooLarge[1] as? [String: String])?["errorMessage"] == "Exceeded maximum allowed payload size (6291556 bytes).")
        }
    }
}
