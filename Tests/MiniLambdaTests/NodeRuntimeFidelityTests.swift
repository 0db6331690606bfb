import Foundation
import LambdaService
import MiniLambda
import Testing

/// The Node.js bootstrap against what AWS's Node.js runtime interface client does
/// (aws-lambda-nodejs-runtime-interface-client: Runtime.js, CallbackContext.js, Errors.js,
/// UserFunction.js, WarningForCallbackHandlers.js), each case run through the real bootstrap.
/// The Node client cannot be installed here (no npm registry), so the expectations are its
/// rules as its source states them.
@Suite(.serialized)
struct NodeRuntimeFidelityTests {
    static let node22 = try! FunctionRuntime.named("nodejs22.x")
    static let node24 = try! FunctionRuntime.named("nodejs24.x")

    /// An unhandled rejection after the handler answered ends the runtime (exit 128); the next,
    /// unrelated invoke must go to a fresh environment and succeed, never fail with
    /// Runtime.ExitError for an event the dead runtime never took.
    @Test func unhandledRejectionAfterTheAnswerDoesNotFailTheNextInvoke() async throws {
        try await Harness.run { h in
            try h.function("late", runtime: Self.node22, code: """
            exports.handler = async (event) => {
              if (event.reject) Promise.reject(new Error('late'));
              return 'ok';
            };
            """)
            for round in 1...3 {
                let first = try await h.invoke("late", #"{"reject": true}"#)
                #expect(first.payloadText == "\"ok\"", "round \(round): \(first.payloadText) \(first.logLines)")
                let next = try await h.invoke("late", "{}")
                #expect(next.status == .success, "round \(round): \(next.payloadText) \(next.logLines)")
                #expect(next.payloadText == "\"ok\"")
                #expect(next.coldStart, "round \(round): the runtime exited, so the next invoke starts a fresh environment")
            }
        }
    }

    @Test func unhandledRejectionDuringTheInvocationIsItsError() async throws {
        try await Harness.run { h in
            try h.function("reject", runtime: Self.node22, code: """
            exports.handler = async (event) => {
              if (event.reject) setTimeout(() => Promise.reject(new Error('background')), 0);
              await new Promise((resolve) => setTimeout(resolve, 300));
              return 'finished';
            };
            """)
            let failed = try await h.invoke("reject", #"{"reject": true}"#)
            #expect(failed.errorType == "Runtime.UnhandledPromiseRejection", "\(failed.payloadText)")
            #expect(failed.json?["errorMessage"] as? String == "Error: background")
            #expect(failed.logLines.contains { $0.contains("\tERROR\tUnhandled Promise Rejection \t{\"errorType\":\"Runtime.UnhandledPromiseRejection\"") },
                    "\(failed.logLines)")
            #expect(!failed.logLines.contains { $0.contains("Uncaught Exception") })
            let next = try await h.invoke("reject", "{}")
            #expect(next.payloadText == "\"finished\"", "\(next.payloadText) \(next.logLines)")
            #expect(next.coldStart, "the runtime exits after an unhandled rejection")
        }
    }

    @Test func promiseThatNeverSettlesEndsWithNodeJsExit() async throws {
        try await Harness.run { h in
            try h.function("forever", runtime: Self.node22, code: "exports.handler = async () => { await new Promise(() => {}); };",
                           settings: ["timeout=60"])
            let result = try await h.invoke("forever")
            #expect(result.status == .functionError, "\(result.status) \(result.payloadText)")
            #expect(result.errorType == "Runtime.NodeJsExit")
            #expect((result.json?["errorMessage"] as? String)?.contains("Promise that was never settled") == true)
            // The runtime goes on: the environment stays warm.
            let again = try await h.invoke("forever")
            #expect(again.errorType == "Runtime.NodeJsExit")
            #expect(!again.coldStart)
        }
    }

    @Test func nonAsyncReturnValueIsIgnored() async throws {
        try await Harness.run { h in
            try h.function("plain", runtime: Self.node22, code: "exports.handler = (event) => ({ ignored: true });")
            #expect(try await h.invoke("plain").payloadText == "null")
            try h.function("thenable", runtime: Self.node22, code: "exports.handler = (event) => Promise.resolve({ kept: true });")
            #expect(try await h.invoke("thenable").json?["kept"] as? Bool == true)
            try h.function("pending", runtime: Self.node22, code: "exports.handler = () => new Promise(() => {});", settings: ["timeout=60"])
            let pending = try await h.invoke("pending")
            #expect(pending.status == .success, "a non-async handler whose promise never settles ends with null when the event loop empties")
            #expect(pending.payloadText == "null")
        }
    }

    @Test func bigIntCannotBeStringified() async throws {
        try await Harness.run { h in
            try h.function("big", runtime: Self.node22, code: "exports.handler = async () => 10n;")
            let result = try await h.invoke("big")
            #expect(result.errorType == "Error", "\(result.payloadText)")
            #expect(result.json?["errorMessage"] as? String == "Unable to stringify response body")
            try h.function("circular", runtime: Self.node22, code: "exports.handler = async () => { const a = {}; a.a = a; return a; };")
            #expect(try await h.invoke("circular").json?["errorMessage"] as? String == "Unable to stringify response body")
        }
    }

    @Test func callbackWaitsForTheEmptyEventLoopUnlessTold() async throws {
        try await Harness.run { h in
            try h.function("waits", runtime: Self.node22, code: """
            exports.handler = (event, context, callback) => {
              context.callbackWaitsForEmptyEventLoop = !event.dontWait;
              setTimeout(() => console.log('timer fired'), 300);
              callback(null, 'done');
            };
            """)
            let waited = try await h.invoke("waits", "{}")
            #expect(waited.payloadText == "\"done\"")
            let timerLine = try #require(waited.logLines.firstIndex { $0.hasSuffix("\tINFO\ttimer fired") }, "\(waited.logLines)")
            let endLine = try #require(waited.logLines.firstIndex { $0.hasPrefix("END RequestId:") })
            #expect(timerLine < endLine, "the timer's line belongs to the invocation")
            #expect(waited.durationMs >= 300, "the invocation ends only once the timer has run")

            let quick = try await h.invoke("waits", #"{"dontWait": true}"#)
            #expect(quick.payloadText == "\"done\"")
            #expect(!quick.logLines.contains { $0.hasSuffix("\ttimer fired") }, "\(quick.logLines)")
        }
    }

    @Test func node22WarnsAboutCallbackHandlersAndNode24RefusesThem() async throws {
        try await Harness.run { h in
            let callbackCode = "exports.handler = (event, context, callback) => { callback(null, typeof context.succeed); };"
            try h.function("cb22", runtime: Self.node22, code: callbackCode)
            let warned = try await h.invoke("cb22")
            #expect(warned.payloadText == "\"function\"")
            #expect(warned.logLines.contains { $0.contains("\tWARN\tAWS Lambda plans to remove support for callback-based function handlers starting with Node.js 24.") },
                    "\(warned.logLines)")

            try h.function("cb24", runtime: Self.node24, code: callbackCode)
            let refused = try await h.invoke("cb24")
            #expect(refused.errorType == "Runtime.CallbackHandlerDeprecated", "\(refused.payloadText)")
            #expect((refused.json?["errorMessage"] as? String)?.hasPrefix("ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24.") == true)
            #expect(refused.logLines.contains { $0.contains("INIT_REPORT") && $0.contains("Error Type: Runtime.CallbackHandlerDeprecated") })

            try h.function("async24", runtime: Self.node24, code: "exports.handler = async (event, context) => [typeof context.succeed, typeof context.done, typeof context.fail];")
            let modern = try await h.invoke("async24")
            #expect(modern.payloadText == #"["undefined","undefined","undefined"]"#, "\(modern.payloadText)")
            #expect(!modern.logLines.contains { $0.contains("callback-based") })
        }
    }

    @Test func awslambdaGlobalAndStreamifyResponse() async throws {
        try await Harness.run { h in
            try h.function("streams", runtime: Self.node22, code: """
            exports.handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
              responseStream.setContentType('text/plain');
              responseStream.write('hello ');
              responseStream.end('stream');
            });
            """)
            let streamed = try await h.invoke("streams")
            #expect(streamed.status == .success, "\(streamed.payloadText) \(streamed.logLines)")
            #expect(streamed.payloadText == "hello stream")
            #expect(streamed.logLines.contains { $0.contains("InvokeWithResponseStream") }, "\(streamed.logLines)")
            try h.function("global", runtime: Self.node24, code: "exports.handler = async () => [typeof awslambda, typeof awslambda.streamifyResponse, typeof awslambda.HttpResponseStream.from];")
            #expect(try await h.invoke("global").payloadText == #"["object","function","function"]"#)
        }
    }

    @Test func contextTenantIDAndIdentity() async throws {
        try await Harness.run { h in
            try h.function("tenant", runtime: Self.node24, code: "exports.handler = async (e, c) => ({ tenant: c.tenantId ?? null, identity: c.identity ?? null });")
            #expect(try await h.invoke("tenant").payloadText == #"{"tenant":null,"identity":null}"#)
            let tenant = try await h.invoke("tenant", options: InvokeOptions(tenantID: "tenant-7"))
            #expect(tenant.json?["tenant"] as? String == "tenant-7", "\(tenant.payloadText)")
        }
    }
}
