import Foundation
import LambdaService
import MiniLambda
import TestSupport
import Testing

/// The time the tests' settings are made and changed at.
private let changeDate = Date(timeIntervalSince1970: 1_796_000_000)

/// `fn config NAME log-format=json log-level=…`: the platform's and the runtimes' lines in
/// AWS's JSON shapes, filtered as AWS filters them (Python compared with awslambdaric).
@Suite(.serialized)
struct JSONLogFormatTests {
    static func objects(_ lines: [String]) -> [[String: Any]] {
        lines.compactMap { line in
            guard line.hasPrefix("{") else { return nil }
            return try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }
    }

    @Test func levelsNeedJSONAndAreChecked() throws {
        let base = FunctionConfiguration(functionName: "f", runtime: .python, lastModified: changeDate)
        #expect(throws: MiniLambdaError.self) { try base.applying(["log-level=debug"], at: changeDate) }
        #expect(throws: MiniLambdaError.self) { try base.applying(["log-format=yaml"], at: changeDate) }
        #expect(throws: MiniLambdaError.self) { try base.applying(["log-format=json", "system-log-level=TRACE"], at: changeDate) }
        let json = try base.applying(["log-format=json", "log-level=debug"], at: changeDate)
        #expect(json.logging.logFormat == .json)
        #expect(json.logging.effectiveApplicationLevel == "DEBUG")
        #expect(json.logging.effectiveSystemLevel == "INFO")
        #expect(try json.applying(["log-format=text"], at: changeDate).loggingConfig == nil, "back to Text drops the levels")
    }

    @Test func pythonApplicationLinesAreFilteredAndShapedAsAwslambdaricWritesThem() async throws {
        try await PythonRuntimeFidelityTests.underBoth { h, who in
            try h.function("jsonlogs", code: """
            import logging
            logger = logging.getLogger()
            def handler(event, context):
                logger.info("quiet")
                logger.warning("loud %s", "and clear")
                try:
                    raise ValueError("caught")
                except ValueError:
                    logger.exception("failed")
                print("plain print")
                return "ok"
            """, settings: ["log-format=json", "log-level=WARN"])
            let result = try await h.invoke("jsonlogs")
            #expect(result.payloadText == "\"ok\"", "\(who): \(result.payloadText) \(result.logLines)")
            let entries = Self.objects(result.logLines)
            let application = entries.filter { $0["level"] != nil }
            #expect(application.count == 2, "\(who): \(result.logLines)")
            let warning = try #require(application.first, "\(who)")
            #expect(warning["level"] as? String == "WARNING", "\(who)")
            #expect(warning["message"] as? String == "loud and clear", "\(who)")
            #expect(warning["logger"] as? String == "root", "\(who)")
            #expect(warning["requestId"] as? String == result.requestID, "\(who)")
            #expect((warning["timestamp"] as? String)?.hasSuffix("Z") == true, "\(who)")
            #expect(Set(warning.keys) == ["timestamp", "level", "message", "logger", "requestId"], "\(who): \(warning.keys)")
            let failure = try #require(application.last, "\(who)")
            #expect(failure["errorType"] as? String == "ValueError", "\(who)")
            #expect(failure["errorMessage"] as? String == "caught", "\(who)")
            #expect((failure["stackTrace"] as? [String])?.isEmpty == false, "\(who)")
            #expect(failure["location"] is String, "\(who)")
            #expect(result.logLines.contains("plain print"), "\(who): print() output is not JSON")
            #expect(!result.logLines.contains { $0.contains("quiet") }, "\(who): INFO is below WARN")
        }
    }

    @Test func pythonErrorLinesAndPlatformLines() async throws {
        try await PythonRuntimeFidelityTests.underBoth { h, who in
            try h.function("jsonfail", code: "def handler(e, c):\n    raise KeyError('missing')\n", settings: ["log-format=json"])
            let result = try await h.invoke("jsonfail")
            let entries = Self.objects(result.logLines)
            // awslambdaric 4.2.2 writes `level` (older releases wrote `log_level`).
            let error = try #require(entries.first { $0["level"] as? String == "ERROR" }, "\(who): \(result.logLines)")
            #expect(Set(error.keys) == ["timestamp", "level", "errorMessage", "errorType", "requestId", "stackTrace"], "\(who): \(error.keys)")
            #expect(error["errorType"] as? String == "KeyError", "\(who)")
            #expect(error["requestId"] as? String == result.requestID, "\(who)")
            #expect(error["stackTrace"] is [String], "\(who)")

            let types = entries.compactMap { $0["type"] as? String }
            #expect(types == ["platform.initStart", "platform.start", "platform.report"], "\(who): \(types)")
            #expect(!result.logLines.contains { $0.hasPrefix("START ") || $0.hasPrefix("END ") || $0.hasPrefix("REPORT ") }, "\(who)")
            let report = try #require(entries.first { $0["type"] as? String == "platform.report" }?["record"] as? [String: Any])
            #expect(report["requestId"] as? String == result.requestID)
            #expect(report["status"] as? String == "error")
            let metrics = try #require(report["metrics"] as? [String: Any])
            #expect(Set(metrics.keys) == ["durationMs", "billedDurationMs", "memorySizeMB", "maxMemoryUsedMB", "initDurationMs"], "\(metrics.keys)")
            #expect(metrics["memorySizeMB"] as? Int == 128)
        }
    }

    @Test func systemLogLevel() async throws {
        try await Harness.run { h in
            try h.function("sys", code: "def handler(e, c):\n    return 1\n", settings: ["log-format=json", "system-log-level=DEBUG"])
            let debug = try await h.invoke("sys")
            #expect(Self.objects(debug.logLines).compactMap { $0["type"] as? String }
                    == ["platform.initStart", "platform.start", "platform.runtimeDone", "platform.report"], "\(debug.logLines)")
            try h.registry.configure("sys", settings: ["system-log-level=WARN"])
            let quiet = try await h.invoke("sys")
            #expect(Self.objects(quiet.logLines).compactMap { $0["type"] as? String }.isEmpty, "\(quiet.logLines)")
        }
    }

    @Test func nodeLinesAreJSONAndFiltered() async throws {
        try await Harness.run { h in
            try h.function("nodejson", runtime: .node, code: """
            exports.handler = async () => {
              console.debug('hidden');
              console.info('shown', 42);
              console.error(new TypeError('broken'));
              return 'ok';
            };
            """, settings: ["log-format=json", "log-level=INFO"])
            let result = try await h.invoke("nodejson")
            let entries = Self.objects(result.logLines).filter { $0["level"] != nil }
            #expect(entries.count == 2, "\(result.logLines)")
            let info = try #require(entries.first)
            #expect(info["level"] as? String == "INFO")
            #expect(info["message"] as? String == "shown 42")
            #expect(info["requestId"] as? String == result.requestID)
            let error = try #require(entries.last)
            #expect(error["level"] as? String == "ERROR")
            let message = try #require(error["message"] as? [String: Any], "\(error)")
            #expect(message["errorType"] as? String == "TypeError")
            #expect(message["errorMessage"] as? String == "broken")
            #expect(!result.logLines.contains { $0.contains("hidden") })

            try h.function("nodefail", runtime: .node, code: "exports.handler = async () => { throw new RangeError('out'); };",
                           settings: ["log-format=json"])
            let failed = try await h.invoke("nodefail")
            let logged = try #require(Self.objects(failed.logLines).first { $0["level"] as? String == "ERROR" }, "\(failed.logLines)")
            #expect((logged["message"] as? [String: Any])?["errorType"] as? String == "RangeError")
        }
    }
}
