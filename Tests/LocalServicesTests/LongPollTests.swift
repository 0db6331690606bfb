import Foundation
import LocalServices
import Synchronization
import TestSupport
import Testing

/// ReceiveMessage's long poll waits service time: each pause here moves a manual clock (no
/// sleeping), so the number of pauses is how long the poll waited.
@Suite struct LongPollTests {
    /// A pause that moves `clock` by `step` seconds and counts how often it ran.
    final class SteppingPause: Sendable {
        let clock: ManualWallClock
        let step: TimeInterval
        private let count = Mutex(0)
        init(_ clock: ManualWallClock, step: TimeInterval) { self.clock = clock; self.step = step }
        var pauses: Int { count.withLock { $0 } }
        func pause() { count.withLock { $0 += 1 }; clock.advance(by: step) }
    }

    @Test func anEmptyQueueIsWaitedOnUntilTheServiceDeadline() async throws {
        let clock = ManualWallClock()
        let queues = LocalQueues(region: "us-east-1", accountID: "123456789012", clock: clock)
        try queues.create("q")
        let stepper = SteppingPause(clock, step: 1)
        let messages = try await queues.receive("q", waitSeconds: 20) { stepper.pause() }
        #expect(messages.isEmpty)
        #expect(stepper.pauses == 20, "20 s of service time, one second a pause")
    }

    @Test func aMessageIsReturnedAsSoonAsItsVisibilityTimeoutPasses() async throws {
        let clock = ManualWallClock()
        let queues = LocalQueues(region: "us-east-1", accountID: "123456789012", clock: clock)
        try queues.create("q", visibilityTimeout: 5)
        let id = try queues.send("q", body: "hello")
        #expect(try queues.receive("q").map(\.messageID) == [id])
        let stepper = SteppingPause(clock, step: 1)
        let again = try await queues.receive("q", waitSeconds: 20) { stepper.pause() }
        #expect(again.map(\.messageID) == [id] && again.first?.receiveCount == 2)
        #expect(stepper.pauses == 5, "visible again 5 s later, not at the end of the 20 s wait")
    }

    @Test func aDelayedMessageEndsTheWaitWhenItsDelayIsOver() async throws {
        let clock = ManualWallClock()
        let queues = LocalQueues(region: "us-east-1", accountID: "123456789012", clock: clock)
        try queues.create("q")
        _ = try queues.sendMessage("q", body: "later", delaySeconds: 3)
        let stepper = SteppingPause(clock, step: 1)
        let messages = try await queues.receive("q", waitSeconds: 20) { stepper.pause() }
        #expect(messages.map(\.body) == ["later"] && stepper.pauses == 3)
    }

    @Test func theTimeScaleShortensTheWait() async throws {
        // Real time moves 0.1 s a pause; at scale 60 that is 6 s of service time, so a 20 s
        // wait is over after four pauses (0.4 s real), where scale 1 would take 200.
        let base = ManualWallClock()
        let scaled = ScaledClock(base: base, scale: 60)
        let queues = LocalQueues(region: "us-east-1", accountID: "123456789012", clock: scaled)
        try queues.create("q")
        let stepper = SteppingPause(base, step: 0.1)
        let messages = try await queues.receive("q", waitSeconds: 20) { stepper.pause() }
        #expect(messages.isEmpty && stepper.pauses == 4)
    }

    @Test func aWaitOfZeroLooksOnce() async throws {
        let clock = ManualWallClock()
        let queues = LocalQueues(region: "us-east-1", accountID: "123456789012", clock: clock)
        try queues.create("q")
        let stepper = SteppingPause(clock, step: 1)
        #expect(try await queues.receive("q", waitSeconds: 0) { stepper.pause() }.isEmpty)
        #expect(stepper.pauses == 0)
    }
}
