import Foundation
import LocalServices
import TestSupport
import Testing
import TutorSupport

@Suite struct FIFOQueueTests {
    func queues() -> (LocalQueues, ManualWallClock) {
        let clock = ManualWallClock()
        return (LocalQueues(region: "us-east-1", accountID: "123456789012", clock: clock), clock)
    }

    @Test func namesAttributesAndRequiredParameters() throws {
        let (queues, _) = queues()
        try queues.create("orders.fifo")
        #expect(queues.isFIFO("orders.fifo"))
        #expect(try queues.attributes("orders.fifo")["FifoQueue"] == "true")
        #expect(throws: LocalServiceError.self) { try queues.create("plain", fifoQueue: true) }          // must end .fifo
        #expect(throws: LocalServiceError.self) { try queues.create("x.fifo", fifoQueue: false) }        // a standard name has no dot
        #expect { try queues.sendMessage("orders.fifo", body: "a") } throws: { ($0 as? LocalServiceError)?.code == .missingParameter }
        #expect(throws: LocalServiceError.self) { try queues.sendMessage("orders.fifo", body: "a", messageGroupId: "g") }   // no dedup id, no content dedup
        #expect(throws: LocalServiceError.self) { try queues.sendMessage("orders.fifo", body: "a", delaySeconds: 5, messageGroupId: "g", messageDeduplicationId: "1") }
        try queues.create("plain")
        #expect(throws: LocalServiceError.self) { try queues.create("dlq-for-fifo.fifo", redrive: RedrivePolicy(deadLetterTargetArn: queues.arn("plain"), maxReceiveCount: 2)) }
        #expect(throws: LocalServiceError.self) { try queues.sendMessage("plain", body: "a", messageDeduplicationId: "1") }
    }

    @Test func deduplicationLastsFiveMinutes() throws {
        let (queues, clock) = queues()
        try queues.create("orders.fifo", contentBasedDeduplication: true)
        let first = try queues.sendMessage("orders.fifo", body: "same", messageGroupId: "g")
        let again = try queues.sendMessage("orders.fifo", body: "same", messageGroupId: "g")
        #expect(again.deduplicated && again.messageId == first.messageId && again.sequenceNumber == first.sequenceNumber)
        #expect(try queues.peek("orders.fifo").count == 1)
        #expect(try queues.peek("orders.fifo").first?.messageDeduplicationId == SHA256.hex(Data("same".utf8)))
        let explicit = try queues.sendMessage("orders.fifo", body: "same", messageGroupId: "g", messageDeduplicationId: "other")
        #expect(!explicit.deduplicated)                                // an explicit id overrides the content hash
        clock.advance(by: TimeInterval(QueueLimits.fifoDeduplicationInterval) + 1)
        let later = try queues.sendMessage("orders.fifo", body: "same", messageGroupId: "g")
        #expect(!later.deduplicated && later.messageId != first.messageId)
        #expect(UInt64(later.sequenceNumber ?? "") ?? 0 > UInt64(explicit.sequenceNumber ?? "") ?? 0)
    }

    @Test func aGroupWithAMessageInFlightGivesNothingAfterIt() throws {
        let (queues, clock) = queues()
        try queues.create("orders.fifo", visibilityTimeout: 30, contentBasedDeduplication: true)
        for body in ["a1", "a2", "b1"] { try queues.sendMessage("orders.fifo", body: body, messageGroupId: String(body.prefix(1))) }
        let first = try queues.receive("orders.fifo", maximum: 1)
        #expect(first.map(\.body) == ["a1"])
        // a2 waits behind a1 in flight; b1 is another group.
        #expect(try queues.receive("orders.fifo", maximum: 10).map(\.body) == ["b1"])
        #expect(try queues.receive("orders.fifo", maximum: 10).isEmpty)
        clock.advance(by: 30)                                           // a1 visible again, first of its group
        #expect(try queues.receive("orders.fifo", maximum: 10).map(\.body) == ["a1", "a2", "b1"])
    }
}
