import Foundation
import MiniLambda
import Testing

/// A cold start's log events carry the times they happened, in order, not one timestamp.
@Suite(.serialized)
struct LogTimestampTests {
    @Test func coldStartLinesCarryTheTimesTheyWereWritten() async throws {
        try await Harness.run { h in
            try h.function("timed", code: """
            import time
            print("init line")
            time.sleep(0.2)

            def handler(event, context):
                print("before the pause")
                time.sleep(0.2)
                print("after the pause")
                return "ok"
            """)
            let result = try await h.invoke("timed")
            #expect(result.status == .success, "\(result.payloadText)")
            let events = try #require(h.invoker.logs.streams(group: "/aws/lambda/timed").first?.events)
            func time(_ prefix: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Date {
                try #require(events.first { $0.message.hasPrefix(prefix) }?.timestamp, "no '\(prefix)' in \(events.map(\.message))", sourceLocation: sourceLocation)
            }
            let initStart = try time("INIT_START")
            let initLine = try time("init line")
            let start = try time("START")
            let before = try time("before the pause")
            let after = try time("after the pause")
            let report = try time("REPORT")
            #expect(initStart <= initLine && initLine < start && start <= before && before < after && after <= report)
            #expect(start.timeIntervalSince(initStart) >= 0.15, "INIT took the 0.2 s sleep")
            #expect(after.timeIntervalSince(before) >= 0.15, "the handler's two lines are 0.2 s apart")
            #expect(Set(events.map(\.timestamp)).count >= 4)
        }
    }
}
