import Foundation
import LambdaService
import LocalServices
import Synchronization
import TestSupport
import Testing

/// Outcomes an attempt gives, in order, per function; `.success` once the script runs out.
final class ScriptedAttempts: Sendable {
    enum Step: Sendable { case success, error, timeout, throttle, system }
    let script: Mutex<[String: [Step]]>
    let calls = Mutex<[String]>([])

    init(_ script: [String: [Step]] = [:]) { self.script = Mutex(script) }

    var attempt: AsyncInvocations.Attempt {
        { function, qualifier, payload throws(LambdaServiceError) in
            self.calls.withLock { $0.append(function) }
            let step = self.script.withLock { script -> Step in
                guard var steps = script[function], !steps.isEmpty else { return .success }
                defer { script[function] = steps }
                return steps.removeFirst()
            }
            return try ScriptedAttempts.result(step, payload)
        }
    }

    static func result(_ step: Step, _ payload: Data) throws(LambdaServiceError) -> AsyncAttemptResult {
        switch step {
        case .success: return AsyncAttemptResult(kind: .success, payload: Data("\"ok\"".utf8), executedVersion: "$LATEST")
        case .error:
            return AsyncAttemptResult(kind: .functionError, payload: Data(#"{"errorMessage":"boom","errorType":"ValueError"}"#.utf8),
                                      executedVersion: "$LATEST", functionError: "Unhandled", errorType: "ValueError")
        case .timeout:
            return AsyncAttemptResult(kind: .functionError, payload: Data(#"{"errorMessage":"Task timed out after 3.00 seconds","errorType":"Sandbox.Timedout"}"#.utf8),
                                      executedVersion: "$LATEST", functionError: "Unhandled", errorType: "Sandbox.Timedout")
        case .throttle:
            throw LambdaServiceError(.tooManyRequests, "Rate Exceeded.", reason: .reservedFunctionConcurrentInvocationLimitExceeded)
        case .system: throw LambdaServiceError(.service, "internal error")
        }
    }
}

/// A scheduler over scripted attempts, a manual clock and local queues (`dlq`, `results`).
struct AsyncFixture {
    let clock = ManualWallClock()
    let queues: LocalQueues
    let attempts: ScriptedAttempts
    let async: AsyncInvocations

    init(_ script: [String: [ScriptedAttempts.Step]] = [:]) throws {
        queues = LocalQueues(region: "us-east-1", accountID: "123456789012", clock: clock)
        attempts = ScriptedAttempts(script)
        async = AsyncInvocations(queues: queues, clock: clock, attempt: attempts.attempt)
        try queues.create("dlq")
        try queues.create("results")
    }

    var dlqArn: String { queues.arn("dlq") }
    var resultsArn: String { queues.arn("results") }

    /// Runs what is due, then moves the clock `seconds` on.
    func step(_ seconds: TimeInterval = 0) async {
        await async.runDue()
        clock.advance(by: seconds)
    }

    /// Runs the queue until nothing is left, jumping the clock to each due time.
    func drain() async {
        while let due = async.nextDue() {
            let wait = due.timeIntervalSince(clock.now())
            if wait > 0 { clock.advance(by: wait) }
            await async.runDue()
        }
    }

    func invoke(_ function: String = "fn", _ payload: String = #"{"order":1}"#) throws -> String {
        try async.invokeAsync(function: function, payload: Data(payload.utf8))
    }
}

@Suite struct AsyncInvokeTests {
    @Test func aFunctionErrorIsRetriedAfterOneMinuteThenTwo() async throws {
        let fixture = try AsyncFixture(["fn": [.error, .error, .success]])
        let id = try fixture.invoke()
        await fixture.step(59)
        #expect(fixture.attempts.calls.withLock { $0.count } == 1)
        await fixture.step(1)
        #expect(fixture.attempts.calls.withLock { $0.count } == 1)
        await fixture.step(119)
        #expect(fixture.attempts.calls.withLock { $0.count } == 2)
        await fixture.step(1)
        await fixture.step()
        #expect(fixture.attempts.calls.withLock { $0.count } == 3)
        let event = try #require(fixture.async.event(id))
        #expect(event.state == .succeeded)
        #expect(event.invokeCount == 3)
        #expect(event.timeline.contains { $0.text.contains("retry 1 of 2 due at") })
    }

    @Test func timeoutsCountAsFunctionErrorsAndRetriesZeroGivesUpAtOnce() async throws {
        let fixture = try AsyncFixture(["fn": [.timeout, .timeout, .timeout]])
        try fixture.async.configure("fn", settings: ["async.retries=0", "dlq=\(fixture.dlqArn)"])
        let id = try fixture.invoke()
        await fixture.drain()
        let event = try #require(fixture.async.event(id))
        #expect(event.state == .failed(.retriesExhausted))
        #expect(event.invokeCount == 1)
        #expect(fixture.attempts.calls.withLock { $0.count } == 1)
    }

    @Test func theDLQGetsTheOriginalEventWithRequestIDErrorCodeAndErrorMessage() async throws {
        let fixture = try AsyncFixture(["fn": [.error, .error, .error]])
        try fixture.async.configure("fn", settings: ["dlq=\(fixture.dlqArn)"])
        let id = try fixture.invoke("fn", #"{"order":7}"#)
        await fixture.drain()
        let message = try #require(try fixture.queues.peek("dlq").first)
        #expect(message.body == #"{"order":7}"#)
        #expect(message.attributes["RequestID"] == MessageAttributeValue(stringValue: id))
        #expect(message.attributes["ErrorCode"] == MessageAttributeValue(dataType: "Number", stringValue: "200"))
        #expect(message.attributes["ErrorMessage"]?.stringValue == "boom")
        #expect(fixture.async.event(id)?.invokeCount == 3)
    }

    /// An SNS topic as the DLQ and as a destination: it fans the event (or the record) out to
    /// its subscribers, here a queue with raw delivery, so the DLQ's attributes arrive too.
    @Test func anSNSTopicCanBeTheDLQAndTheOnFailureDestination() async throws {
        let fixture = try AsyncFixture(["fn": [.error]])
        let topics = LocalTopics(queues: fixture.queues, clock: fixture.clock)
        let async = AsyncInvocations(queues: fixture.queues, topics: topics, clock: fixture.clock, attempt: fixture.attempts.attempt)
        let dlq = try topics.create("dead-letters"), failures = try topics.create("failures")
        try topics.subscribe(dlq, protocol: "sqs", endpoint: fixture.dlqArn, attributes: ["RawMessageDelivery": "true"])
        try topics.subscribe(failures, protocol: "sqs", endpoint: fixture.resultsArn, attributes: ["RawMessageDelivery": "true"])
        try async.configure("fn", settings: ["async.retries=0", "dlq=\(dlq)", "on-failure=\(failures)"])
        let id = try async.invokeAsync(function: "fn", payload: Data(#"{"order":9}"#.utf8))
        await async.runDue()
        let dead = try #require(try fixture.queues.peek("dlq").first)
        #expect(dead.body == #"{"order":9}"# && dead.attributes["RequestID"]?.stringValue == id)
        let record = try #require(try fixture.queues.peek("results").first?.body)
        #expect(record.contains(#""condition":"RetriesExhausted""#) && record.contains(id))
        #expect(async.event(id)?.deliveries == [.deadLetter(arn: dlq), .destination(.onFailure, arn: failures)])
        #expect(async.event(id)?.deliveries.map(\.description) == ["dlq:\(dlq)", "on-failure:\(failures)"])
    }

    @Test func anOnFailureDestinationGetsAWSsInvocationRecord() async throws {
        let fixture = try AsyncFixture(["fn": [.error, .error, .error]])
        try fixture.async.configure("fn", settings: ["on-failure=\(fixture.resultsArn)"])
        let id = try fixture.invoke("fn", #"{"Success":true}"#)
        await fixture.drain()
        let body = try #require(try fixture.queues.peek("results").first?.body)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(record["version"] as? String == "1.0")
        #expect((record["timestamp"] as? String)?.hasSuffix("Z") == true)
        let context = try #require(record["requestContext"] as? [String: Any])
        #expect(context["requestId"] as? String == id)
        #expect(context["functionArn"] as? String == "arn:aws:lambda:us-east-1:123456789012:function:fn:$LATEST")
        #expect(context["condition"] as? String == "RetriesExhausted")
        #expect(context["approximateInvokeCount"] as? Int == 3)
        #expect((record["requestPayload"] as? [String: Any])?["Success"] as? Bool == true)
        let response = try #require(record["responseContext"] as? [String: Any])
        #expect(response["statusCode"] as? Int == 200)
        #expect(response["executedVersion"] as? String == "$LATEST")
        #expect(response["functionError"] as? String == "Unhandled")
        #expect((record["responsePayload"] as? [String: Any])?["errorType"] as? String == "ValueError")
    }

    @Test func onSuccessRecordsHaveNoFunctionErrorAndAFunctionDestinationIsInvokedAsynchronously() async throws {
        let fixture = try AsyncFixture()
        try fixture.async.configure("fn", settings: ["on-success=\(fixture.resultsArn)"])
        try fixture.async.configure("audit", settings: [])
        try fixture.async.configure("other", settings: ["on-success=arn:aws:lambda:us-east-1:123456789012:function:audit"])
        _ = try fixture.invoke("fn")
        _ = try fixture.invoke("other")
        await fixture.drain()
        let body = try #require(try fixture.queues.peek("results").first?.body)
        #expect(body.contains(#""condition":"Success""#))
        #expect(!body.contains("functionError"))
        #expect(body.contains(#""responsePayload":"ok""#))
        #expect(fixture.attempts.calls.withLock { $0 }.sorted() == ["audit", "fn", "other"])
    }

    @Test func throttlesAndSystemErrorsBackOffFromOneSecondDoublingToFiveMinutes() async throws {
        let fixture = try AsyncFixture(["fn": Array(repeating: .throttle, count: 12) + [.system]])
        let id = try fixture.invoke()
        var gaps: [TimeInterval] = []
        var last = fixture.clock.now()
        await fixture.async.runDue()
        while let due = fixture.async.nextDue() {
            gaps.append(due.timeIntervalSince(last))
            fixture.clock.advance(by: due.timeIntervalSince(fixture.clock.now()))
            last = due
            await fixture.async.runDue()
        }
        #expect(gaps == [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300, 300])
        let event = try #require(fixture.async.event(id))
        #expect(event.state == .succeeded)
        #expect(event.invokeCount == 1)
        #expect(event.timeline.contains { $0.text.contains("ReservedFunctionConcurrentInvocationLimitExceeded") })
    }

    @Test func anEventOlderThanTheMaximumAgeIsGivenUpAsEventAgeExceeded() async throws {
        let fixture = try AsyncFixture(["fn": Array(repeating: .throttle, count: 100)])
        try fixture.async.configure("fn", settings: ["async.max-age=60", "on-failure=\(fixture.resultsArn)", "dlq=\(fixture.dlqArn)"])
        let id = try fixture.invoke()
        await fixture.drain()
        let event = try #require(fixture.async.event(id))
        #expect(event.state == .failed(.eventAgeExceeded))
        #expect(try fixture.queues.peek("results").first?.body.contains(#""condition":"EventAgeExceeded""#) == true)
        #expect(try fixture.queues.peek("dlq").first?.attributes["ErrorCode"]?.stringValue == "429")
        #expect(fixture.clock.now().timeIntervalSince(event.receivedAt) <= 60)
    }

    @Test func aRetryThatWouldPassTheMaximumAgeIsNotMade() async throws {
        let fixture = try AsyncFixture(["fn": [.error, .error, .error]])
        try fixture.async.configure("fn", settings: ["async.max-age=90"])
        let id = try fixture.invoke()
        await fixture.drain()
        #expect(fixture.async.event(id)?.state == .failed(.eventAgeExceeded))
        #expect(fixture.async.event(id)?.invokeCount == 2)
    }

    @Test func settingsOutsideAWSRangesAreRefusedWithAWSsMessage() throws {
        let fixture = try AsyncFixture()
        do {
            try fixture.async.configure("fn", settings: ["async.retries=3"])
            Issue.record("accepted 3 retries")
        } catch {
            #expect(error.code == .validation, "out of the model's range: AWS's request validation")
            #expect(error.message == "1 validation error detected: Value '3' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2")
        }
        #expect(throws: LambdaServiceError.self) { try fixture.async.configure("fn", settings: ["async.max-age=59"]) }
        #expect(throws: LambdaServiceError.self) { try fixture.async.configure("fn", settings: ["async.max-age=21601"]) }
        #expect(throws: LambdaServiceError.self) { try fixture.async.configure("fn", settings: ["on-failure=arn:aws:s4:::x"]) }
        #expect(throws: LambdaServiceError.self) { try fixture.async.configure("fn", settings: ["dlq=arn:aws:lambda:us-east-1:123456789012:function:x"]) }
        #expect(throws: LambdaServiceError.self) { try fixture.async.configure("fn", settings: ["color=blue"]) }
        #expect(try fixture.async.settings("fn") == AsyncSettings())
    }

    @Test func theEventInvokeConfigHasBotocoresShapeAndPerQualifierValues() throws {
        let fixture = try AsyncFixture()
        #expect(throws: LambdaServiceError.self) { try fixture.async.getEventInvokeConfig("fn") }
        try fixture.async.putEventInvokeConfig("fn", qualifier: "prod", FunctionEventInvokeConfig(maximumRetryAttempts: 1, destinationConfig: .init(onFailure: fixture.resultsArn)))
        try fixture.async.updateEventInvokeConfig("fn", qualifier: "prod", FunctionEventInvokeConfig(maximumEventAgeInSeconds: 3600))
        let config = try fixture.async.getEventInvokeConfig("fn", qualifier: "prod")
        #expect(config.maximumRetryAttempts == 1)
        #expect(config.maximumEventAgeInSeconds == 3600)
        #expect(config.functionArn == "arn:aws:lambda:us-east-1:123456789012:function:fn:prod")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(FunctionEventInvokeConfig(maximumRetryAttempts: 0, destinationConfig: .init(onSuccess: "a"))), as: UTF8.self)
        #expect(json == #"{"DestinationConfig":{"OnSuccess":{"Destination":"a"}},"MaximumRetryAttempts":0}"#)
        #expect(throws: LambdaServiceError.self) { try fixture.async.getEventInvokeConfig("fn") }
        try fixture.async.deleteEventInvokeConfig("fn", qualifier: "prod")
        #expect(throws: LambdaServiceError.self) { try fixture.async.getEventInvokeConfig("fn", qualifier: "prod") }
    }

    @Test func fnConfigAndTheAPIChangeOneConfig() throws {
        let fixture = try AsyncFixture()
        // A DLQ alone is the function's DeadLetterConfig: no EventInvokeConfig appears.
        try fixture.async.configure("fn", settings: ["dlq=\(fixture.dlqArn)"])
        #expect(throws: LambdaServiceError.self) { try fixture.async.getEventInvokeConfig("fn") }
        try fixture.async.configure("fn", settings: ["async.retries=1"])
        #expect(try fixture.async.getEventInvokeConfig("fn", qualifier: "$LATEST").maximumRetryAttempts == 1, "$LATEST and no qualifier are one config")
        // Put replaces what fn config set, Update merges, and the DLQ stays through both and a delete.
        try fixture.async.putEventInvokeConfig("fn", qualifier: "$LATEST", FunctionEventInvokeConfig(maximumEventAgeInSeconds: 600))
        #expect(try fixture.async.settings("fn").config.maximumRetryAttempts == nil && fixture.async.settings("fn").config.maximumEventAge == 600)
        try fixture.async.updateEventInvokeConfig("fn", FunctionEventInvokeConfig(destinationConfig: .init(onFailure: fixture.resultsArn)))
        let merged = try fixture.async.settings("fn")
        #expect(merged.config.maximumEventAge == 600 && merged.config.onFailure == fixture.resultsArn && merged.deadLetterTargetArn == fixture.dlqArn)
        #expect(try fixture.async.listEventInvokeConfigs("fn").map(\.functionArn) == ["arn:aws:lambda:us-east-1:123456789012:function:fn:$LATEST"])
        // AWS's refusals: nothing to set, the function as its own destination, Update with no config.
        #expect { try fixture.async.putEventInvokeConfig("fn", FunctionEventInvokeConfig()) } throws: { ($0 as? LambdaServiceError)?.code == .invalidParameterValue }
        #expect { try fixture.async.putEventInvokeConfig("fn", FunctionEventInvokeConfig(destinationConfig: .init(onSuccess: "arn:aws:lambda:us-east-1:123456789012:function:fn:prod"))) } throws: {
            ($0 as? LambdaServiceError)?.message == "You can't specify the function as a destination for itself."
        }
        #expect { try fixture.async.updateEventInvokeConfig("fn", qualifier: "prod", FunctionEventInvokeConfig(maximumRetryAttempts: 0)) } throws: {
            ($0 as? LambdaServiceError)?.code == .resourceNotFound
        }
        try fixture.async.deleteEventInvokeConfig("fn")
        #expect(try fixture.async.settings("fn").deadLetterTargetArn == fixture.dlqArn)
        #expect(try fixture.async.listEventInvokeConfigs("fn").isEmpty)
    }

    @Test func payloadsOverTheAsyncLimitOrNotJSONAreRefusedAtOnce() throws {
        let fixture = try AsyncFixture()
        let big = Data("\"".utf8) + Data(repeating: UInt8(ascii: "a"), count: 1_048_576) + Data("\"".utf8)
        #expect(throws: LambdaServiceError.self) { try fixture.async.invokeAsync(function: "fn", payload: big) }
        #expect(throws: LambdaServiceError.self) { try fixture.async.invokeAsync(function: "fn", payload: Data("{nope".utf8)) }
        #expect(fixture.async.unfinishedCount == 0)
    }

    @Test func theTeachingSwitchDeliversOneEventTwiceAndSaysSo() async throws {
        let fixture = try AsyncFixture()
        fixture.async.deliverNextEventTwice()
        let twice = try fixture.invoke()
        let once = try fixture.invoke()
        await fixture.drain()
        #expect(fixture.attempts.calls.withLock { $0.count } == 3)
        #expect(fixture.async.event(twice)?.duplicateDeliveries == 1)
        #expect(fixture.async.event(once)?.duplicateDeliveries == 0)
        #expect(fixture.async.event(twice)?.timeline.contains { $0.text.contains("duplicate") } == true)
        #expect(fixture.async.summary().duplicateDeliveries == 1)
    }

    @Test func unfinishedEventsAreCountedForTheQuitWarning() async throws {
        let fixture = try AsyncFixture(["fn": [.error]])
        _ = try fixture.invoke()
        _ = try fixture.invoke()
        await fixture.step()
        #expect(fixture.async.unfinishedCount == 1)
        #expect(fixture.async.summary().unfinished == 1)
    }
}
