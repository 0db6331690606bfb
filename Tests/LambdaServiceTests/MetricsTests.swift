import Foundation
import LambdaService
import MiniLambda
import Testing
import TestSupport

@Suite struct MetricsTests {
    @Test func minutesFollowTheClock() async throws {
        let f = try ServiceFixture(invoker: FakeInvoker(durationMs: 10))
        try f.service.createFunction(name: "m")
        for _ in 0..<4 { _ = try await f.invoke("m") }
        f.clock.advance(by: 60)
        _ = try await f.invoke("m")
        let series = try f.service.metrics(FunctionReference(name: "m"), minutes: 3)
        #expect(series.minutes.map(\.invocations) == [0, 4, 1])
        #expect(series.minutes[1].coldStarts == 1)
        let duration = try #require(series.minutes[1].duration)
        #expect(duration.average == 10 && duration.p50 == 10 && duration.p99 == 10 && duration.maximum == 10)
        #expect(series.minutes[0].duration == nil)
        #expect(series.minutes[2].start.timeIntervalSince(series.minutes[1].start) == 60)
    }

    @Test func errorsAreCounted() async throws {
        let f = try ServiceFixture(invoker: FakeInvoker(status: .functionError))
        try f.service.createFunction(name: "bad")
        _ = try await f.invoke("bad")
        let minute = try f.service.metrics(FunctionReference(name: "bad"), minutes: 1).minutes[0]
        #expect(minute.errors == 1 && minute.invocations == 1)
        let json = try JSONEncoder().encode(minute)
        let object = try #require(JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["Errors"] as? Int == 1)
        #expect(object["ProvisionedConcurrencySpilloverInvocations"] as? Int == 0)
    }
}
