import Foundation
import MiniLambda
import TestSupport
import Testing

/// The official Python runtime interface client, unmodified, as the bootstrap against our
/// Runtime API: if it works, our server speaks the protocol as AWS does.
@Suite(.serialized)
struct ConformanceTests {
    static let awslambdaric = "awslambdaric==4.2.2"

    @Test func awslambdaricRunsAgainstOurRuntimeAPI() async throws {
        let venv = try PythonVenv.forTest([Self.awslambdaric])
        try await Harness.run(settings: { $0.bootstrapOverrides[.python] = .awslambdaric(python: venv.python) }) { h in
            try h.function("ok", code: """
            import logging
            logger = logging.getLogger()
            logger.setLevel(logging.INFO)
            def handler(event, context):
                logger.info("hello from awslambdaric")
                return {"echo": event, "id": context.aws_request_id, "left": context.get_remaining_time_in_millis() > 0,
                        "arn": context.invoked_function_arn}
            """)
            let ok = try await h.invoke("ok", #"{"a": 1}"#)
            #expect(ok.status == .success, "\(ok.payloadText) \(ok.logLines)")
            #expect(ok.coldStart)
            let json = try #require(ok.json)
            #expect((json["echo"] as? [String: Int]) == ["a": 1])
            #expect(json["id"] as? String == ok.requestID)
            #expect(json["left"] as? Bool == true)
            #expect(json["arn"] as? String == "arn:aws:lambda:us-east-1:123456789012:function:ok")
            #expect(ok.logLines.contains { $0.hasPrefix("[INFO]\t") && $0.hasSuffix("\t\(ok.requestID)\thello from awslambdaric") })
            let warm = try await h.invoke("ok", #"{"a": 2}"#)
            #expect(!warm.coldStart)
            #expect(warm.status == .success)

            try h.function("raises", code: "def handler(event, context):\n    raise ValueError('boom')\n")
            let raised = try await h.invoke("raises")
            #expect(raised.status == .functionError)
            #expect(raised.functionError == "Unhandled")
            #expect(raised.errorType == "ValueError")
            #expect(raised.json?["errorMessage"] as? String == "boom")

            try h.function("noimport", code: "import missing_module_xyz\ndef handler(e, c): pass\n")
            let importError = try await h.invoke("noimport")
            #expect(importError.errorType == "Runtime.ImportModuleError", "\(importError.payloadText)")

            try h.function("nohandler", code: "def other(e, c): pass\n")
            let missing = try await h.invoke("nohandler")
            #expect(missing.errorType == "Runtime.HandlerNotFound", "\(missing.payloadText)")

            try h.function("syntax", code: "def handler(e, c)\n    pass\n")
            let syntax = try await h.invoke("syntax")
            #expect(syntax.errorType == "Runtime.UserCodeSyntaxError", "\(syntax.payloadText)")

            try h.function("sleepy", code: "import time\ndef handler(e, c):\n    time.sleep(600)\n", settings: ["timeout=1"])
            let timeout = try await h.invoke("sleepy")
            #expect(timeout.status == .timeout)
            #expect(timeout.errorType == "Sandbox.Timedout")
        }
    }
}
