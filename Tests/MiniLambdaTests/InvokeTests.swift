import Foundation
import MiniLambda
import Testing

@Suite(.serialized)
struct InvokeTests {
    @Test func pythonColdThenWarm() async throws {
        try await Harness.run { h in
            try h.function("hello", code: """
            import os
            count = 0
            print("init ran")
            def handler(event, context):
                global count
                count += 1
                print("invoked", count, context.function_name, context.aws_request_id)
                return {"count": count, "name": event.get("name"), "memory": context.memory_limit_in_mb,
                        "remaining": context.get_remaining_time_in_millis() > 0, "tmp": os.environ["TMPDIR"]}
            """)
            let cold = try await h.invoke("hello", #"{"name": "ada"}"#)
            #expect(cold.status == .success, "\(cold.payloadText) \(cold.logLines)")
            #expect(cold.coldStart)
            #expect(cold.initDurationMs != nil)
            #expect(cold.json?["count"] as? Int == 1)
            #expect(cold.json?["name"] as? String == "ada")
            #expect(cold.json?["memory"] as? String == "128")
            #expect(cold.logLines.first?.hasPrefix("INIT_START Runtime Version: python:3.12") == true)
            #expect(cold.logLines.contains("init ran"))
            #expect(cold.logLines.contains("START RequestId: \(cold.requestID) Version: $LATEST"))
            #expect(cold.logLines.contains("invoked 1 hello \(cold.requestID)"))
            let report = try #require(cold.logLines.last)
            #expect(report.hasPrefix("REPORT RequestId: \(cold.requestID)\tDuration: "))
            #expect(report.contains("\tMemory Size: 128 MB\tMax Memory Used: "))
            #expect(report.contains("\tInit Duration: "))
            #expect(cold.initIncludedInBilledDuration)

            let warm = try await h.invoke("hello")
            #expect(!warm.coldStart)
            #expect(warm.json?["count"] as? Int == 2)
            #expect(warm.environmentID == cold.environmentID)
            #expect(warm.logLines.first == "START RequestId: \(warm.requestID) Version: $LATEST")
            #expect(warm.logLines.last?.contains("Init Duration") == false)
            #expect(warm.maxMemoryUsedMB > 0)
            #expect(warm.costUSD > 0)
        }
    }

    @Test func nodeColdThenWarm() async throws {
        try await Harness.run { h in
            try h.function("hi", runtime: .node, code: """
            let count = 0;
            console.log('init ran');
            exports.handler = async (event, context) => {
              count += 1;
              console.log('invoked', count, context.functionName);
              return { count, name: event.name, id: context.awsRequestId, left: context.getRemainingTimeInMillis() > 0 };
            };
            """)
            let cold = try await h.invoke("hi", #"{"name": "ada"}"#)
            #expect(cold.status == .success, "\(cold.payloadText) \(cold.logLines)")
            #expect(cold.coldStart)
            #expect(cold.json?["count"] as? Int == 1)
            #expect(cold.json?["id"] as? String == cold.requestID)
            #expect(cold.logLines.contains { $0.hasSuffix("\tundefined\tINFO\tinit ran") })
            #expect(cold.logLines.contains { $0.hasSuffix("\t\(cold.requestID)\tINFO\tinvoked 1 hi") })
            let warm = try await h.invoke("hi")
            #expect(!warm.coldStart)
            #expect(warm.json?["count"] as? Int == 2)
        }
    }
}
