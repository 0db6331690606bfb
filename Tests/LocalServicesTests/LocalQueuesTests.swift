import Foundation
import LocalServices
import TestSupport
import Testing

@Suite struct LocalQueuesTests {
    let clock = ManualWallClock()
    var queues: LocalQueues { LocalQueues(region: "us-east-1", accountID: "123456789012", clock: clock) }

    @Test func aReceivedMessageIsHiddenForTheVisibilityTimeoutThenSeenAgain() throws {
        let queues = self.queues
        try queues.create("orders", visibilityTimeout: 30)
        let id = try queues.send("orders", body: "{\"n\":1}")
        let first = try queues.receive("orders")
        #expect(first.map(\.messageID) == [id])
        #expect(first.first?.receiveCount == 1)
        #expect(try queues.receive("orders").isEmpty)
        clock.advance(by: 29)
        #expect(try queues.receive("orders").isEmpty)
        clock.advance(by: 1)
        let second = try queues.receive("orders")
        #expect(second.first?.receiveCount == 2)
        #expect(second.first?.receiptHandle != first.first?.receiptHandle)
    }

    @Test func deletingByReceiptHandleRemovesTheMessageAndAnOldHandleIsRefused() throws {
        let queues = self.queues
        try queues.create("q", visibilityTimeout: 0)
        try queues.send("q", body: "a")
        let handle = try #require(try queues.receive("q").first?.receiptHandle)
        _ = try queues.receive("q")
        #expect(throws: LocalServiceError.self) { try queues.deleteMessage("q", receiptHandle: handle) }
        let current = try #require(try queues.receive("q").first?.receiptHandle)
        try queues.deleteMessage("q", receiptHandle: current)
        #expect(try queues.peek("q").isEmpty)
    }

    @Test func aMessageReceivedMaxReceiveCountTimesMovesToTheDeadLetterQueue() throws {
        let queues = self.queues
        try queues.create("dlq")
        try queues.create("work", visibilityTimeout: 10, redrive: RedrivePolicy(deadLetterTargetArn: queues.arn("dlq"), maxReceiveCount: 3))
        let id = try queues.send("work", body: "poison")
        for _ in 1...3 {
            #expect(try queues.receive("work").count == 1)
            clock.advance(by: 10)
        }
        #expect(try queues.receive("work").isEmpty)
        let moved = try queues.peek("dlq")
        #expect(moved.map(\.messageID) == [id])
        #expect(moved.first?.body == "poison")
        #expect(moved.first?.receiveCount == 0)
    }

    @Test func aQueueIsFoundByNameArnOrUrlWhateverTheHost() throws {
        let queues = self.queues
        try queues.create("jobs")
        #expect(queues.arn("jobs") == "arn:aws:sqs:us-east-1:123456789012:jobs")
        #expect(try queues.queueName("arn:aws:sqs:us-east-1:123456789012:jobs") == "jobs")
        #expect(try queues.queueName("http://10.0.0.7:4566/123456789012/jobs") == "jobs")
        #expect(throws: LocalServiceError.self) { try queues.queueName("arn:aws:sqs:us-east-1:999999999999:jobs") }
        #expect(throws: LocalServiceError.self) { try queues.send("missing", body: "x") }
    }

    @Test func settingsOutsideSQSRangesAreRefusedWithSQSMessages() throws {
        let queues = self.queues
        #expect(throws: LocalServiceError.self) { try queues.create("bad name") }
        do {
            try queues.create("q", visibilityTimeout: 43_201)
            Issue.record("accepted 43201")
        } catch {
            #expect(error.code == .invalidAttributeValue)
            #expect(error.message.contains("between 0 and 43200"))
        }
        try queues.create("d")
        #expect(throws: LocalServiceError.self) {
            try queues.create("w", redrive: RedrivePolicy(deadLetterTargetArn: queues.arn("d"), maxReceiveCount: 0))
        }
    }

    @Test func attributesCountVisibleAndInFlightMessagesAndPurgeEmpties() throws {
        let queues = self.queues
        try queues.create("q")
        for n in 1...3 { try queues.send("q", body: "\(n)") }
        _ = try queues.receive("q", maximum: 2)
        let attributes = try queues.attributes("q")
        #expect(attributes["ApproximateNumberOfMessages"] == "1")
        #expect(attributes["ApproximateNumberOfMessagesNotVisible"] == "2")
        #expect(attributes["QueueArn"] == "arn:aws:sqs:us-east-1:123456789012:q")
        #expect(try queues.purge("q") == 3)
        #expect(try queues.attributes("q")["ApproximateNumberOfMessages"] == "0")
    }

    @Test func theScaledClockRunsFasterOnlyFromWhenTheScaleIsSet() throws {
        let base = ManualWallClock()
        let clock = ScaledClock(base: base)
        let start = clock.now()
        base.advance(by: 10)
        #expect(clock.now().timeIntervalSince(start) == 10)
        try clock.setScale(60)
        base.advance(by: 1)
        #expect(clock.now().timeIntervalSince(start) == 70)
        #expect(clock.realSeconds(until: start.addingTimeInterval(130)) == 1)
        try clock.setScale(1)
        base.advance(by: 1)
        #expect(clock.now().timeIntervalSince(start) == 71)
        #expect(throws: LocalServiceError.self) { try clock.setScale(0.5) }
    }
}
