import Foundation
import LocalServices
import TestSupport
import Testing

/// The queue's index (visible messages by send order, hidden ones by the time they become
/// visible, every message by receipt handle) against the plain definition it replaced: a
/// receive takes, in send order, the first visible messages (on a FIFO queue, none after a
/// group's first hidden one), redriving those already received `maxReceiveCount` times; the
/// counts are what a pass over `peek` finds. Random sends, delays, receives, deletes,
/// visibility changes and clock moves, checked step by step.
@Suite struct QueueIndexTests {
    /// What the old pass over the queue received and redrove, from a `peek` before the receive.
    static func expected(_ messages: [QueueMessage], now: Date, maximum: Int, maxReceiveCount: Int, fifo: Bool) -> (received: [String], redriven: [String]) {
        var received: [String] = [], redriven: [String] = [], blocked: Set<String> = []
        for message in messages {
            if fifo, let group = message.messageGroupId, blocked.contains(group) { continue }
            guard received.count < maximum, message.visibleAt <= now else {
                if fifo, let group = message.messageGroupId { blocked.insert(group) }
                continue
            }
            if message.receiveCount >= maxReceiveCount { redriven.append(message.messageID) } else { received.append(message.messageID) }
        }
        return (received, redriven)
    }

    /// A small deterministic generator (SplitMix64), so a failure repeats.
    struct Dice {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    @Test(arguments: [false, true])
    func receivesCountsAndRedriveMatchAPassOverTheQueue(fifo: Bool) throws {
        let clock = ManualWallClock()
        let queues = LocalQueues(region: "us-east-1", accountID: "123456789012", clock: clock)
        let name = fifo ? "jobs.fifo" : "jobs", dlq = fifo ? "dead.fifo" : "dead"
        try queues.create(dlq)
        try queues.create(name, visibilityTimeout: 5, redrive: RedrivePolicy(deadLetterTargetArn: queues.arn(dlq), maxReceiveCount: 3))
        var dice = Dice(state: fifo ? 7 : 11)
        var handles: [String] = []  // receipt handles handed out, current or not
        var sent = 0
        for step in 0..<3_000 {
            switch dice.next(10) {
            case 0, 1, 2:
                if fifo {
                    try queues.sendMessage(name, body: "m\(sent)", messageGroupId: "g\(dice.next(4))", messageDeduplicationId: "d\(sent)")
                } else {
                    try queues.send(name, body: "m\(sent)", delaySeconds: dice.next(3) == 0 ? dice.next(8) : 0)
                }
                sent += 1
            case 3, 4, 5:
                let before = try queues.peek(name)
                let deadBefore = try queues.peek(dlq).map(\.messageID)
                let maximum = 1 + dice.next(10)
                let want = Self.expected(before, now: clock.now(), maximum: maximum, maxReceiveCount: 3, fifo: fifo)
                let got = try queues.receive(name, maximum: maximum)
                #expect(got.map(\.messageID) == want.received, "step \(step): received")
                #expect(try queues.peek(dlq).map(\.messageID) == deadBefore + want.redriven, "step \(step): redriven")
                for message in got {
                    #expect(message.visibleAt == clock.now().addingTimeInterval(5))
                    handles.append(try #require(message.receiptHandle))
                }
            case 6:
                guard !handles.isEmpty else { continue }
                let handle = handles.remove(at: dice.next(handles.count))
                let current = try queues.peek(name).contains { $0.receiptHandle == handle }
                #expect((try? queues.deleteMessage(name, receiptHandle: handle)) != nil ? current : !current, "step \(step): delete")
            case 7:
                guard !handles.isEmpty else { continue }
                let handle = handles[dice.next(handles.count)]
                let message = try queues.peek(name).first { $0.receiptHandle == handle }
                let timeout = dice.next(3) * 2
                let changed = (try? queues.changeVisibility(name, receiptHandle: handle, timeout: timeout)) != nil
                #expect(changed == (message.map { $0.visibleAt > clock.now() } ?? false), "step \(step): change visibility")
                if changed { #expect(try queues.peek(name).first { $0.receiptHandle == handle }?.visibleAt == clock.now().addingTimeInterval(TimeInterval(timeout))) }
            default:
                clock.advance(by: Double(dice.next(4)))
            }
            let messages = try queues.peek(name), now = clock.now()
            let visible = messages.count { $0.visibleAt <= now }
            let delayed = messages.count { $0.visibleAt > now && $0.receiveCount == 0 }
            let attributes = try queues.attributes(name)
            #expect(attributes["ApproximateNumberOfMessages"] == String(visible), "step \(step)")
            #expect(attributes["ApproximateNumberOfMessagesDelayed"] == String(delayed), "step \(step)")
            #expect(attributes["ApproximateNumberOfMessagesNotVisible"] == String(messages.count - visible - delayed), "step \(step)")
            #expect(try queues.visibleMessageCount(name) == visible)
            #expect(try queues.messageCount(name) == messages.count)
        }
        #expect(sent > 500)
    }

    @Test func aMessageMadeVisibleAgainComesBackInSendOrder() throws {
        let clock = ManualWallClock()
        let queues = LocalQueues(region: "us-east-1", accountID: "123456789012", clock: clock)
        try queues.create("q", visibilityTimeout: 30)
        let ids = try (0..<4).map { try queues.send("q", body: "m\($0)") }
        let first = try queues.receive("q", maximum: 2)
        #expect(first.map(\.messageID) == Array(ids[0..<2]))
        // The second becomes visible at once; it is older than the two never received.
        try queues.changeVisibility("q", receiptHandle: try #require(first[1].receiptHandle), timeout: 0)
        #expect(try queues.receive("q", maximum: 10).map(\.messageID) == [ids[1], ids[2], ids[3]])
        // Deleted while hidden, it never comes back; the first does, after its timeout.
        try queues.deleteMessage("q", receiptHandle: try #require(first[0].receiptHandle))
        clock.advance(by: 30)
        #expect(try queues.receive("q", maximum: 10).map(\.messageID) == [ids[1], ids[2], ids[3]])
        #expect(try queues.messageCount("q") == 3)
        #expect(try queues.purge("q") == 3)
        #expect(try queues.messageCount("q") == 0 && queues.visibleMessageCount("q") == 0)
    }
}
