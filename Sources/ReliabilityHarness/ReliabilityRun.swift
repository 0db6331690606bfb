import Foundation
import LambdaService
import LocalServices
import MiniLambda
import TutorSupport

/// The reliability runs of issue 15, shared by the test (which checks every event's end state
/// against ``ChaosInvoker``'s record) and `lambda-tutor-asyncbench` (which times them): events
/// through asynchronous invocation, and messages through an SQS event source mapping, over a
/// real `LambdaService` whose workers are a ``ChaosInvoker``, on a clock the caller moves.
package struct ReliabilityRun: Sendable {
    package let service: LambdaService
    package let queues: LocalQueues
    package let clock: any WallClock
    /// Moves `clock` forward by the given seconds (a manual clock's `advance(by:)`).
    package let advance: @Sendable (TimeInterval) -> Void
    /// Called with each function's name once the run has created it (the real-handler run
    /// writes its handler and sets its timeout and reserved concurrency here).
    package let prepare: @Sendable (String) async throws -> Void

    /// Async functions: one sends what it gives up to a DLQ; the other sends records to an
    /// on-success and an on-failure destination.
    package static let dlqFunction = "to-dlq", destinationFunction = "to-destinations"
    package static let dlq = "async-dlq", onSuccess = "async-succeeded", onFailure = "async-failed"
    /// The SQS side: the mapped queue, its redrive DLQ and its function.
    package static let jobs = "jobs", jobsDLQ = "jobs-dlq", worker = "worker"
    package static let maxReceiveCount = 3

    package init(service: LambdaService, queues: LocalQueues, clock: any WallClock, advance: @escaping @Sendable (TimeInterval) -> Void,
                prepare: @escaping @Sendable (String) async throws -> Void = { _ in }) {
        self.service = service
        self.queues = queues
        self.clock = clock
        self.advance = advance
        self.prepare = prepare
    }

    /// Sends `events` events (`{"n":0}`, `{"n":1}`, …, alternating between the two functions)
    /// and runs the queue on the clock until nothing is left; every `duplicateEvery`-th event is
    /// delivered twice with the teaching switch. Returns the queue and each request id's function.
    package func runAsync(events: Int, duplicateEvery: Int? = 1_000) async throws -> (AsyncInvocations, [String: String]) {
        for name in [Self.dlqFunction, Self.destinationFunction] {
            try service.createFunction(name: name)
            try await prepare(name)
        }
        for name in [Self.dlq, Self.onSuccess, Self.onFailure] { try queues.create(name) }
        let async = AsyncInvocations(service: service, queues: queues, clock: clock)
        _ = try async.configure(Self.dlqFunction, settings: [FunctionSetting.deadLetter.setting(queues.arn(Self.dlq))])
        _ = try async.configure(Self.destinationFunction, settings: ["on-success=\(queues.arn(Self.onSuccess))", "on-failure=\(queues.arn(Self.onFailure))"])
        var functions: [String: String] = [:]
        for n in 0..<events {
            if let every = duplicateEvery, n % every == 0 { async.deliverNextEventTwice() }
            let function = n.isMultiple(of: 2) ? Self.dlqFunction : Self.destinationFunction
            functions[try async.invokeAsync(function: function, payload: Data("{\"n\":\(n)}".utf8))] = function
        }
        while let due = async.nextDue() {
            let wait = due.timeIntervalSince(clock.now())
            if wait > 0 { advance(wait) }
            await async.runDue()
        }
        return (async, functions)
    }

    /// Sends `messages` messages (bodies `m0`, `m1`, …) to a queue mapped to a function with
    /// `ReportBatchItemFailures` and a redrive DLQ after ``maxReceiveCount`` receives, and polls
    /// on the clock (a second at a time while nothing is visible) until the queue is empty.
    package func runSQS(messages: Int, batchSize: Int = 10) async throws -> (EventSourceMappings, EventSourceMapping) {
        try service.createFunction(name: Self.worker)
        try await prepare(Self.worker)
        try queues.create(Self.jobsDLQ)
        try queues.create(Self.jobs, redrive: RedrivePolicy(deadLetterTargetArn: queues.arn(Self.jobsDLQ), maxReceiveCount: Self.maxReceiveCount))
        for n in 0..<messages { try queues.send(Self.jobs, body: "m\(n)") }
        let mappings = EventSourceMappings(service: service, queues: queues, clock: clock)
        let mapping = try mappings.create(EventSourceMappingRequest(eventSourceArn: queues.arn(Self.jobs), functionName: Self.worker,
                                                                    batchSize: batchSize, functionResponseTypes: ["ReportBatchItemFailures"]))
        while !mappings.isDrained(mapping.uuid) {
            if await mappings.runDue() == 0 { advance(1) }
        }
        return (mappings, mapping)
    }
}
