import Foundation
import LambdaService
import MiniLambda
import TestSupport
import Testing

/// What both runtimes see and what the platform reports, against AWS's documented values and
/// the official clients.
@Suite(.serialized)
struct EnvironmentFidelityTests {
    static let pythonEnvironment = """
    import os, json
    def handler(event, context):
        keys = ["LANG", "PATH", "LD_LIBRARY_PATH", "TZ", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                "_X_AMZN_TRACE_ID", "AWS_XRAY_CONTEXT_MISSING", "AWS_XRAY_DAEMON_ADDRESS", "HOME", "PYTHONUNBUFFERED"]
        return {key: os.environ.get(key) for key in keys}
    """
    static let nodeEnvironment = """
    exports.handler = async () => {
      const keys = ['LANG', 'PATH', 'LD_LIBRARY_PATH', 'TZ', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
                    '_X_AMZN_TRACE_ID', 'AWS_XRAY_CONTEXT_MISSING', 'AWS_XRAY_DAEMON_ADDRESS', 'HOME', 'PYTHONUNBUFFERED'];
      return Object.fromEntries(keys.map((key) => [key, process.env[key] ?? null]));
    };
    """

    @Test(arguments: [FunctionRuntime.python, FunctionRuntime.node])
    func variablesAreLambdas(runtime: FunctionRuntime) async throws {
        try await Harness.run { h in
            try h.function("vars", runtime: runtime, code: runtime.family == .python ? Self.pythonEnvironment : Self.nodeEnvironment)
            let result = try await h.invoke("vars")
            let env = try #require(result.json, "\(result.payloadText)")
            #expect(env["LANG"] as? String == "en_US.UTF-8")
            let path = try #require(env["PATH"] as? String)
            #expect(path.hasPrefix("/var/lang/bin:"), "\(path)")
            #expect(path.split(separator: ":").contains("/opt/bin"))
            let libraries = try #require(env["LD_LIBRARY_PATH"] as? String)
            #expect(libraries.split(separator: ":").contains("/opt/lib"), "\(libraries)")
            #expect(env["TZ"] as? String == ":UTC")
            #expect((env["AWS_ACCESS_KEY_ID"] as? String)?.hasPrefix("ASIA") == true)
            #expect((env["AWS_SECRET_ACCESS_KEY"] as? String)?.contains("fake") == true, "the credentials say what they are")
            #expect((env["AWS_SESSION_TOKEN"] as? String)?.contains("fake") == true)
            #expect((env["_X_AMZN_TRACE_ID"] as? String)?.hasPrefix("Root=1-") == true)
            #expect(env["AWS_XRAY_CONTEXT_MISSING"] as? String == "LOG_ERROR")
            #expect(env["AWS_XRAY_DAEMON_ADDRESS"] is String)
            #expect(env["HOME"] is NSNull, "Lambda sets no HOME")
            #expect(env["PYTHONUNBUFFERED"] is NSNull)

            try h.registry.configure("vars", settings: ["env.TZ=Europe/Paris", "env.LANG=C.UTF-8"])
            let changed = try await h.invoke("vars")
            #expect(changed.json?["TZ"] as? String == "Europe/Paris", "TZ is not reserved: a function may set it")
            #expect(changed.json?["LANG"] as? String == "C.UTF-8")
        }
    }

    /// boto3 finds the stand-in credentials as it finds the execution role's on AWS (run under
    /// awslambdaric, with boto3 in the same throwaway venv).
    @Test func boto3FindsCredentials() async throws {
        let venv = try PythonVenv.forTest([ConformanceTests.awslambdaric, "boto3==1.43.11"])
        try await Harness.run(settings: { $0.bootstrapOverrides[.python] = .awslambdaric(python: venv.python) }) { h in
            try h.function("creds", code: """
            import boto3
            def handler(event, context):
                credentials = boto3.Session().get_credentials()
                return {"found": credentials is not None, "method": credentials.method if credentials else None,
                        "region": boto3.Session().region_name}
            """, settings: ["memory=256", "timeout=30"])
            let result = try await h.invoke("creds")
            #expect(result.json?["found"] as? Bool == true, "\(result.payloadText) \(result.logLines)")
            #expect(result.json?["method"] as? String == "env")
            #expect(result.json?["region"] as? String == "us-east-1")
        }
    }

    @Test(arguments: [
        (FunctionRuntime.python, "import sys\ndef handler(e, c):\n    data = bytearray(40 * 1024 * 1024)\n    sys.exit(3)\n"),
        (FunctionRuntime.node, "exports.handler = async () => { globalThis.keep = Buffer.alloc(40 * 1024 * 1024, 1); process.exit(3); };"),
    ])
    func maxMemoryUsedAfterAnExit(runtime: FunctionRuntime, code: String) async throws {
        try await Harness.run { h in
            try h.function("leaves", runtime: runtime, code: code, settings: ["memory=256"])
            let result = try await h.invoke("leaves")
            #expect(result.errorType == "Runtime.ExitError", "\(result.payloadText)")
            #expect(result.maxMemoryUsedMB >= 40, "the runtime's peak is known after it exited: \(result.maxMemoryUsedMB) MB")
            let report = try #require(result.logLines.first { $0.hasPrefix("REPORT ") })
            #expect(!report.contains("Max Memory Used: 0 MB"), "\(report)")
        }
    }

    @Test func initTimeoutReportsTheLimit() async throws {
        try await Harness.run { h in
            try h.function("slowinit", code: "import time\ntime.sleep(60)\ndef handler(e, c):\n    return 1\n", settings: ["timeout=1"])
            let result = try await h.invoke("slowinit")
            #expect(result.status == .timeout, "\(result.payloadText)")
            let first = try #require(result.logLines.first { $0.hasPrefix("INIT_REPORT") && $0.contains("Phase: init") }, "\(result.logLines)")
            #expect(first == "INIT_REPORT Init Duration: 10000.00 ms\tPhase: init\tStatus: timeout", "\(first)")
            let retry = try #require(result.logLines.first { $0.hasPrefix("INIT_REPORT") && $0.contains("Phase: invoke") })
            #expect(retry == "INIT_REPORT Init Duration: 1000.00 ms\tPhase: invoke\tStatus: timeout", "\(retry)")
        }
    }
}
