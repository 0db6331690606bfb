import Foundation
import LambdaService
import Synchronization
import TestSupport
import Testing

/// The async queue's due-time heap: `nextDue` is the earliest attempt still queued, `runDue`
/// runs exactly those due by now, and an event that moved on (retried later, succeeded) leaves
/// no entry behind that would run it again or report a stale time.
@Suite struct AsyncDueOrderTests {
    @Test func nextDueIsTheEarliestQueuedAttemptAndMovedOnEventsLeaveNothingBehind() async throws {
        let fixture = try AsyncFixture(["retried": [.error, .error], "throttled": [.throttle, .throttle]])
        let async = fixture.async, clock = fixture.clock
        let start = clock.now()
        #expect(async.nextDue() == nil)
        let retried = try async.invokeAsync(function: "retried", payload: Data("{}".utf8))
        let throttled = try async.invokeAsync(function: "throttled", payload: Data("{}".utf8))
        let plain = try async.invokeAsync(function: "plain", payload: Data("{}".utf8))
        #expect(async.nextDue() == start)
        #expect(await async.runDue() == 3)
        #expect(async.event(plain)?.state == .succeeded)
        // The throttle backs off 1 s, the function error waits a minute.
        #expect(async.nextDue() == start.addingTimeInterval(1))
        clock.advance(by: 0.5)
        #expect(await async.runDue() == 0)
        clock.advance(by: 0.5)
        #expect(await async.runDue() == 1)
        #expect(async.nextDue() == start.addingTimeInterval(3))
        clock.advance(by: 2)
        #expect(await async.runDue() == 1)
        #expect(async.event(throttled)?.state == .succeeded)
        #expect(async.nextDue() == start.addingTimeInterval(60))
        clock.advance(by: 57)
        #expect(await async.runDue() == 1)
        #expect(async.event(retried)?.state == .queued(due: start.addingTimeInterval(180)))
        #expect(async.nextDue() == start.addingTimeInterval(180))
        clock.advance(by: 120)
        #expect(await async.runDue() == 1)
        #expect(async.event(retried)?.state == .succeeded)
        #expect(async.nextDue() == nil)
        #expect(await async.runDue() == 0)
        #expect(async.unfinishedCount == 0)
        #expect(fixture.attempts.calls.withLock { $0 }.count == 7)
    }
}
