import Foundation
import MiniLambda
import TestSupport
import Testing

/// The Python bootstrap against the official client: each case runs through our bootstrap and,
/// where the client can tell, the same case under `awslambdaric` (installed from PyPI into a
/// throwaway venv) against the same Runtime API, and the two must agree.
@Suite(.serialized)
struct PythonRuntimeFidelityTests {
    static let python311 = try! FunctionRuntime.named("python3.11")
    static let python312 = try! FunctionRuntime.named("python3.12")

    /// Runs `body` with our bootstrap, then with awslambdaric, each in a fresh harness.
    static func underBoth(_ body: (Harness, String) async throws -> Void) async throws {
        try await Harness.run { h in try await body(h, "our bootstrap") }
        let venv = try PythonVenv.forTest([ConformanceTests.awslambdaric])
        try await Harness.run(settings: { $0.bootstrapOverrides[.python] = .awslambdaric(python: venv.python) }) { h in
            try await body(h, "awslambdaric")
        }
    }

    @Test func decimalIsANumberAndBytesAreTheRawBody() async throws {
        try await Self.underBoth { h, who in
            try h.function("decimal", code: """
            from decimal import Decimal
            def handler(event, context):
                # What a DynamoDB read gives: numbers as Decimal.
                return {"price": Decimal("19.99"), "stock": Decimal("3"), "big": Decimal("1E+2")}
            """)
            let decimal = try await h.invoke("decimal")
            #expect(decimal.status == .success, "\(who): \(decimal.payloadText)")
            #expect(decimal.payloadText == #"{"price": 19.99, "stock": 3, "big": 1E+2}"#, "\(who)")

            try h.function("raw", code: "def handler(event, context):\n    return b'\\x00raw bytes\\xff'\n")
            let raw = try await h.invoke("raw")
            #expect(raw.status == .success, "\(who): \(raw.payloadText)")
            #expect(raw.payload == Data([0]) + Data("raw bytes".utf8) + Data([0xFF]), "\(who)")
        }
    }

    /// python3.12+ writes non-ASCII text as it is, so 5.2 MB of it fits in 6 MB; python3.11
    /// escapes it to 15.6 MB, which is refused.
    @Test func nonASCIIResponsesByRuntimeVersion() async throws {
        try await Self.underBoth { h, who in
            let code = "def handler(event, context):\n    return 'é' * 2_600_000\n"
            try h.function("new", runtime: Self.python312, code: code, settings: ["memory=512"])
            let fits = try await h.invoke("new")
            #expect(fits.status == .success, "\(who): \(fits.payloadText.prefix(300))")
            #expect(fits.payload.count == 2_600_000 * 2 + 2, "\(who)")
            #expect(fits.payloadText.hasPrefix("\"éé"))

            try h.function("old", runtime: Self.python311, code: code, settings: ["memory=512"])
            let refused = try await h.invoke("old")
            #expect(refused.errorType == "Function.ResponseSizeTooLarge", "\(who): \(refused.payloadText.prefix(300))")
            #expect(refused.json?["errorMessage"] as? String
                    == "Response payload size (\(2_600_000 * 6 + 2) bytes) exceeded maximum allowed payload size (6291556 bytes).", "\(who)")
        }
    }

    @Test func responseOneByteTooLargeNamesItsSizeAndTheNextInvokeIsCold() async throws {
        try await Self.underBoth { h, who in
            try h.function("large", code: """
            def handler(event, context):
                return "a" * (event["n"] - 2)
            """, settings: ["memory=256"])
            _ = try await h.invoke("large", #"{"n": 10}"#)
            let refused = try await h.invoke("large", #"{"n": 6291557}"#)
            #expect(refused.errorType == "Function.ResponseSizeTooLarge", "\(who)")
            #expect(refused.json?["errorMessage"] as? String
                    == "Response payload size (6291557 bytes) exceeded maximum allowed payload size (6291556 bytes).", "\(who): \(refused.payloadText)")
            let exact = try await h.invoke("large", #"{"n": 6291556}"#)
            #expect(exact.coldStart, "\(who): Lambda resets the environment after a refused response")
            #expect(exact.status == .success, "\(who): \(exact.payloadText.prefix(200))")
            #expect(exact.payload.count == 6_291_556)
        }
    }

    @Test func contextIdentityIsAnObjectAndTenantIDExists() async throws {
        try await Self.underBoth { h, who in
            try h.function("ctx", code: """
            def handler(event, context):
                return {"identity": context.identity is not None,
                        "id": context.identity.cognito_identity_id,
                        "pool": context.identity.cognito_identity_pool_id,
                        "tenant": context.tenant_id,
                        "has_tenant": hasattr(context, "tenant_id")}
            """)
            let plain = try await h.invoke("ctx")
            #expect(plain.payloadText == #"{"identity": true, "id": null, "pool": null, "tenant": null, "has_tenant": true}"#, "\(who): \(plain.payloadText)")
            var options = InvokeOptions()
            options.cognitoIdentity = #"{"cognitoIdentityId":"us-east-1:abc","cognitoIdentityPoolId":"us-east-1:pool"}"#
            let withIdentity = try await h.invoke("ctx", options: options)
            #expect(withIdentity.json?["id"] as? String == "us-east-1:abc", "\(who)")
            #expect(withIdentity.json?["pool"] as? String == "us-east-1:pool", "\(who)")
            let withTenant = try await h.invoke("ctx", options: InvokeOptions(tenantID: "tenant-42"))
            #expect(withTenant.json?["tenant"] as? String == "tenant-42", "\(who): \(withTenant.payloadText)")
        }
    }

    @Test func initErrorsAreRecordedAsAWSRecordsThem() async throws {
        try await Self.underBoth { h, who in
            try h.function("initboom", code: "raise RuntimeError('no configuration')\ndef handler(e, c):\n    return 1\n")
            let unknown = try await h.invoke("initboom")
            // The payload keeps the exception's type; INIT_REPORT and REPORT say Runtime.Unknown.
            #expect(unknown.json?["errorType"] as? String == "RuntimeError", "\(who): \(unknown.payloadText)")
            #expect(unknown.errorType == "Runtime.Unknown", "\(who)")
            let reports = unknown.logLines.filter { $0.hasPrefix("INIT_REPORT") || $0.hasPrefix("REPORT") }
            #expect(reports.count == 3, "\(who): \(unknown.logLines)")
            #expect(reports.allSatisfy { $0.hasSuffix("Error Type: Runtime.Unknown") }, "\(who): \(reports)")

            try h.function("syntax", code: "def handler(e, c)\n    pass\n")
            let syntax = try await h.invoke("syntax")
            #expect(syntax.errorType == "Runtime.UserCodeSyntaxError", "\(who)")
            let trace = try #require(syntax.json?["stackTrace"] as? [String], "\(who): \(syntax.payloadText)")
            #expect(trace.count == 1, "\(who): \(trace)")
            #expect(trace.first?.hasPrefix("  File \"/var/task/app.py\" Line 1\n    def handler(e, c)") == true, "\(who): \(trace)")
        }
    }

    /// Lambda's tracebacks show its own layout: the code in /var/task, the standard library in
    /// /var/lang/lib/python3.x. (awslambdaric shows whatever interpreter runs it, so only ours
    /// is checked here.)
    @Test func tracebacksShowLambdaPaths() async throws {
        try await Harness.run { h in
            try h.function("paths", runtime: Self.python312, code: """
            import json
            def handler(event, context):
                return json.loads("{not json")
            """)
            let failed = try await h.invoke("paths")
            let trace = try #require(failed.json?["stackTrace"] as? [String], "\(failed.payloadText)")
            #expect(trace.first?.hasPrefix("  File \"/var/task/app.py\", line 3, in handler") == true, "\(trace)")
            #expect(trace.dropFirst().allSatisfy { $0.hasPrefix("  File \"/var/lang/lib/python3.12/json/") }, "\(trace)")
            // Logged as awslambdaric logs it: one CloudWatch event, NO-BREAK SPACE indents.
            let logged = try #require(failed.logLines.first { $0.hasPrefix("[ERROR] JSONDecodeError: ") })
            #expect(logged.contains("\rTraceback (most recent call last):\r\u{00A0}\u{00A0}File \"/var/task/app.py\", line 3, in handler"), "\(logged)")
        }
    }
}
