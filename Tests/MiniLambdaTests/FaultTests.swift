import Foundation
import MiniLambda
import Testing
import TestSupport

/// Handlers that misbehave: each ends in AWS's error shape, and no process outlives the runtime.
@Suite(.serialized)
struct FaultTests {
    @Test func handlerExceptionIsAFunctionError() async throws {
        try await Harness.run { h in
            try h.function("boom", code: """
            def handler(event, context):
                raise ValueError("boom")
            """)
            let result = try await h.invoke("boom")
            #expect(result.status == .functionError)
            #expect(result.functionError == "Unhandled")
            #expect(result.errorType == "ValueError")
            let json = try #require(result.json)
            #expect(json["errorMessage"] as? String == "boom")
            #expect(json["requestId"] as? String == result.requestID)
            let stack = try #require(json["stackTrace"] as? [String])
            #expect(stack.first?.contains("app.py\", line 2, in handler") == true)
            #expect(result.logLines.contains { $0.hasPrefix("[ERROR] ValueError: boom\rTraceback (most recent call last):") })
            // A handled exception leaves the environment warm.
            let again = try await h.invoke("boom")
            #expect(!again.coldStart)
        }
    }

    @Test(arguments: [
        ("import missing_module_xyz\ndef handler(e, c): pass\n", "app.handler", "Runtime.ImportModuleError", "Unable to import module 'app': No module named 'missing_module_xyz'"),
        ("def handler(e, c)\n    pass\n", "app.handler", "Runtime.UserCodeSyntaxError", "Syntax error in module 'app'"),
        ("def other(e, c): pass\n", "app.handler", "Runtime.HandlerNotFound", "Handler 'handler' missing on module 'app'"),
        ("def handler(e, c): pass\n", "app", "Runtime.MalformedHandlerName", "Bad handler 'app': not enough values to unpack"),
    ])
    func pythonInitErrors(code: String, handler: String, errorType: String, message: String) async throws {
        try await Harness.run { h in
            try h.function("broken", code: code, settings: ["handler=\(handler)"])
            let result = try await h.invoke("broken")
            #expect(result.status == .platformError)
            #expect(result.functionError == "Unhandled")
            #expect(result.errorType == errorType, "\(result.payloadText)")
            let json = try #require(result.json)
            #expect((json["errorMessage"] as? String)?.hasPrefix(message) == true, "\(json)")
            // awslambdaric: one entry (where the parser stopped) for a syntax error, none otherwise.
            #expect((json["stackTrace"] as? [String])?.count == (errorType == "Runtime.UserCodeSyntaxError" ? 1 : 0), "\(json)")
            // Lambda tries INIT twice: once in the init phase, once inside the invocation.
            #expect(result.logLines.contains { $0.hasPrefix("INIT_REPORT Init Duration: ") && $0.hasSuffix("\tPhase: init\tStatus: error\tError Type: \(errorType)") }, "\(result.logLines)")
            #expect(result.logLines.contains { $0.hasPrefix("INIT_REPORT Init Duration: ") && $0.hasSuffix("\tPhase: invoke\tStatus: error\tError Type: \(errorType)") })
            #expect(result.logLines.last?.hasSuffix("\tStatus: error\tError Type: \(errorType)") == true)
            #expect(result.logLines.contains { $0.hasPrefix("[ERROR] \(errorType): ") })
            #expect(result.explanation != nil)
        }
    }

    @Test func sleepPastTimeoutIsKilledAndNextInvokeIsCold() async throws {
        try await Harness.run { h in
            try h.function("slow", code: """
            import time
            def handler(event, context):
                if event.get("sleep"):
                    print("going to sleep")
                    time.sleep(600)
                return "ok"
            """, settings: ["timeout=1"])
            let first = try await h.invoke("slow", #"{"sleep": true}"#)
            #expect(first.status == .timeout)
            #expect(first.errorType == "Sandbox.Timedout")
            #expect(first.payloadText == #"{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: \#(first.requestID) Error: Task timed out after 1.00 seconds"}"#)
            #expect(first.durationMs == 1000)
            #expect(first.logLines.contains("going to sleep"))
            // The log line says what the response and REPORT say: the configured timeout (the
            // tutor's own delay in stopping the runtime is not the function's run time).
            #expect(first.logLines.contains { $0.hasSuffix(" \(first.requestID) Task timed out after 1.00 seconds") }, "\(first.logLines)")
            let report = try #require(first.logLines.last)
            #expect(report.contains("\tDuration: 1000.00 ms\t"))
            #expect(report.hasSuffix("\tStatus: timeout"))
            let next = try await h.invoke("slow")
            #expect(next.status == .success)
            #expect(next.coldStart)
            #expect(next.environmentID != first.environmentID)
        }
    }

    @Test func infiniteLoopTimesOut() async throws {
        try await Harness.run { h in
            try h.function("loop", code: "def handler(e, c):\n    while True:\n        pass\n", settings: ["timeout=1"])
            let result = try await h.invoke("loop")
            #expect(result.status == .timeout)
        }
    }

    @Test func exitMidInvokeFailsAtOnceWithExitError() async throws {
        try await Harness.run { h in
            // A long timeout: the invoke must end because the process died, not at the deadline.
            try h.function("quitter", code: "import os\ndef handler(e, c):\n    print('bye')\n    os._exit(3)\n", settings: ["timeout=300"])
            let result = try await h.invoke("quitter")
            #expect(result.status == .platformError)
            #expect(result.errorType == "Runtime.ExitError")
            #expect(result.payloadText == #"{"errorType":"Runtime.ExitError","errorMessage":"RequestId: \#(result.requestID) Error: Runtime exited with error: exit status 3"}"#)
            #expect(result.logLines.contains("bye"))
            #expect(result.logLines.contains("RequestId: \(result.requestID) Error: Runtime exited with error: exit status 3"))
            #expect(result.logLines.last?.hasSuffix("\tStatus: error\tError Type: Runtime.ExitError") == true)
            #expect(result.durationMs < 300_000)
        }
    }

    @Test func segfaultIsAnExitError() async throws {
        try await Harness.run { h in
            try h.function("crash", code: "import ctypes\ndef handler(e, c):\n    return ctypes.string_at(0)\n", settings: ["timeout=300"])
            let result = try await h.invoke("crash")
            #expect(result.errorType == "Runtime.ExitError")
            #expect(result.payloadText.contains("Runtime exited with error: signal: segmentation fault"))
        }
    }

    @Test func unboundedAllocationHitsTheMemoryLimit() async throws {
        try await Harness.run { h in
            try h.function("hog", code: """
            def handler(e, c):
                hoard = []
                while True:
                    hoard.append(bytearray(8 * 1024 * 1024))
            """, settings: ["timeout=60"])
            let result = try await h.invoke("hog")
            // Either the language's MemoryError or the platform's kill, as on Lambda.
            #expect(["MemoryError", "Runtime.ExitError"].contains(result.errorType), "\(result.payloadText)")
            if result.errorType == "Runtime.ExitError" {
                #expect(result.payloadText.contains("signal: killed"))
                #expect(result.maxMemoryUsedMB == 128)
            }
            let next = try await h.invoke("hog", "null")
            _ = next // the environment was replaced or is still healthy; either way the runtime answers
        }
    }

    @Test(arguments: [
        ("return {1, 2}", "Unable to marshal response: Object of type set is not JSON serializable"),
        ("a = {}\n    a['self'] = a\n    return a", "Unable to marshal response: Circular reference detected"),
    ])
    func unmarshallableResults(body: String, message: String) async throws {
        try await Harness.run { h in
            try h.function("marshal", code: "def handler(e, c):\n    \(body)\n")
            let result = try await h.invoke("marshal")
            #expect(result.status == .functionError)
            #expect(result.errorType == "Runtime.MarshalError")
            #expect(result.json?["errorMessage"] as? String == message)
        }
    }

    @Test func printingMegabytesIsCaptured() async throws {
        try await Harness.run { h in
            try h.function("chatty", code: """
            import sys
            def handler(e, c):
                for i in range(60000):
                    print("line %05d %s" % (i, "x" * 80))
                return "done"
            """, settings: ["timeout=60"])
            let result = try await h.invoke("chatty")
            #expect(result.status == .success)
            #expect(result.payloadText == "\"done\"")
            #expect(result.logLines.contains { $0.hasPrefix("line 00000 ") })
            #expect(result.logLines.last?.hasPrefix("REPORT") == true)
        }
    }

    @Test func forkedChildrenDieWithTheEnvironment() async throws {
        let marker: String
        do {
            let h = try Harness()
            marker = h.directory.path
            try h.function("forker", code: """
            import os, subprocess
            def handler(e, c):
                subprocess.Popen(["sleep", "600"])
                pid = os.fork()
                if pid == 0:
                    import time
                    time.sleep(600)
                    os._exit(0)
                return "forked"
            """)
            let result = try await h.invoke("forker")
            #expect(result.payloadText == "\"forked\"")
            #expect(processesUsing(marker).count >= 3)
            await h.invoker.shutdownAll()
        }
        #expect(processesUsing(marker).isEmpty, "still alive: \(processesUsing(marker))")
    }

    @Test func nodeErrors() async throws {
        try await Harness.run { h in
            try h.function("nodeboom", runtime: .node, code: "exports.handler = async () => { throw new TypeError('bad input'); };")
            let thrown = try await h.invoke("nodeboom")
            #expect(thrown.errorType == "TypeError")
            #expect(thrown.json?["errorMessage"] as? String == "bad input")
            #expect((thrown.json?["trace"] as? [String])?.first == "TypeError: bad input")
            #expect(thrown.logLines.contains { $0.contains("\tERROR\tInvoke Error \t{\"errorType\":\"TypeError\"") })

            try h.function("nodecallback", runtime: .node, code: "exports.handler = (event, context, callback) => { callback(null, {via: 'callback'}); };")
            #expect(try await h.invoke("nodecallback").json?["via"] as? String == "callback")

            try h.function("nodecircular", runtime: .node, code: "exports.handler = async () => { const a = {}; a.a = a; return a; };")
            // AWS's Node client: `Error: Unable to stringify response body` (not Runtime.MarshalError).
            #expect(try await h.invoke("nodecircular").errorType == "Error")

            try h.function("nodeexit", runtime: .node, code: "exports.handler = async () => { process.exit(2); };", settings: ["timeout=300"])
            #expect(try await h.invoke("nodeexit").payloadText.contains("exit status 2"))

            try h.function("nodeslow", runtime: .node, code: "exports.handler = async () => { await new Promise((r) => setTimeout(r, 30000)); };", settings: ["timeout=1"])
            #expect(try await h.invoke("nodeslow").status == .timeout)
        }
    }

    @Test(arguments: [
        ("exports.other = 1;", "index.handler", "Runtime.HandlerNotFound"),
        ("exports.handler = async () => {", "index.handler", "Runtime.UserCodeSyntaxError"),
        ("exports.handler = async () => 1;", "missing.handler", "Runtime.ImportModuleError"),
        ("exports.handler = async () => 1;", "index", "Runtime.MalformedHandlerName"),
    ])
    func nodeInitErrors(code: String, handler: String, errorType: String) async throws {
        try await Harness.run { h in
            try h.function("nodebroken", runtime: .node, code: code, settings: ["handler=\(handler)"])
            let result = try await h.invoke("nodebroken")
            #expect(result.errorType == errorType, "\(result.payloadText)")
            #expect(result.status == .platformError)
        }
    }
}
