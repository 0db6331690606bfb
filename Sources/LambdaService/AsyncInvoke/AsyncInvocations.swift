import Foundation
import LambdaModel
import LocalServices
import MiniLambda
import Synchronization
import TutorSupport

/// Asynchronous invocation (the Invoke API's `Event` type) as Lambda does it: the event is
/// accepted at once into an internal queue, then attempted on the service clock —
/// function errors and timeouts retried `MaximumRetryAttempts` times (1 min, then 2 min),
/// throttles and system errors requeued with backoff (1 s doubling to 5 min) while the event is
/// younger than `MaximumEventAgeInSeconds` — and what is given up goes to the DLQ and the
/// on-failure destination, what succeeds to the on-success destination.
///
/// Time only moves through `clock` (a ``ScaledClock`` in the session, a manual one in tests):
/// ``runDue()`` runs every attempt that is due now, so tests advance the clock instead of
/// sleeping. Delivery is at-least-once, as on AWS; ``deliverNextEventTwice()`` makes that visible.
/// State lives for the session.
package final class AsyncInvocations: Sendable {
    /// One synchronous attempt of an event (the service's invoke; a fake in tests).
    package typealias Attempt = @Sendable (_ function: String, _ qualifier: String?, _ payload: Data) async throws(LambdaServiceError) -> AsyncAttemptResult

    package let queues: LocalQueues
    /// SNS topics for DLQs and destinations that name one; nil where none run (then such a
    /// delivery fails and is noted as AWS counts it).
    package let topics: LocalTopics?
    package let clock: any WallClock
    let attempt: Attempt
    /// Where settings are kept with each function (`functions/NAME/async.json`); nil in tests.
    let functions: FunctionRegistry?
    /// Whether a function exists (requests for unknown ones are refused at once, as Invoke does).
    let exists: @Sendable (String) -> Bool
    let state = Mutex(State())

    struct State {
        var events: [String: AsyncEvent] = [:]
        /// Unfinished events' ids.
        var pending: Set<String> = []
        /// Queued events by due time: an entry stands while its event is still `.queued` at
        /// that time (a change of state leaves it behind, skipped when it surfaces).
        var dueTimes = MinHeap<DueEntry>()
        var nextSerial: UInt64 = 0

        /// Files `event` under its due time if it is queued.
        mutating func schedule(_ event: AsyncEvent) {
            guard case .queued(let due) = event.state else { return }
            nextSerial += 1
            dueTimes.push(DueEntry(due: due, serial: nextSerial, requestID: event.requestID))
        }

        /// Whether `entry` still stands (its event is queued at that time).
        func stands(_ entry: DueEntry) -> Bool {
            events[entry.requestID]?.state == .queued(due: entry.due)
        }
        var settings: [String: AsyncSettings] = [:]
        var duplicateNext = false
    }

    package init(queues: LocalQueues, topics: LocalTopics? = nil, clock: any WallClock, functions: FunctionRegistry? = nil,
                exists: @escaping @Sendable (String) -> Bool = { _ in true }, attempt: @escaping Attempt) {
        self.queues = queues
        self.topics = topics
        self.clock = clock
        self.functions = functions
        self.exists = exists
        self.attempt = attempt
    }

    /// Async invocation over `service`: attempts are the service's synchronous invokes (so its
    /// concurrency limits throttle them), settings are stored with each function.
    package convenience init(service: LambdaService, queues: LocalQueues, topics: LocalTopics? = nil, clock: any WallClock) {
        self.init(queues: queues, topics: topics, clock: clock, functions: service.functions, exists: { service.functions.exists($0) }) { function, qualifier, payload throws(LambdaServiceError) in
            AsyncAttemptResult(try await service.invoke(function, qualifier: qualifier, payload: payload))
        }
    }

    // MARK: - Accepting

    /// Queues `payload` for `function` (a name, `name:qualifier` or ARN) and returns the
    /// request id at once (the 202). Refuses, as Invoke does, a payload over the async limit,
    /// one that is not JSON, and an unknown function.
    package func invokeAsync(function: String, qualifier: String? = nil, payload: Data) throws(LambdaServiceError) -> String {
        let reference = try FunctionReference(parsing: function, qualifier: qualifier)
        guard payload.count <= Facts.asyncPayloadBytes.int else {
            throw LambdaServiceError(.requestTooLarge, "\(payload.count) byte payload is too large for the Event invocation type (limit \(Facts.asyncPayloadBytes.int) bytes)")
        }
        guard (try? JSONSerialization.jsonObject(with: payload, options: [.fragmentsAllowed])) != nil else {
            throw LambdaServiceError(.invalidRequestContent, "Could not parse request body into json: Unexpected character in the request payload")
        }
        guard exists(reference.name) else {
            throw LambdaServiceError(.resourceNotFound, "Function not found: \(Self.functionArn(reference.name, reference.qualifier))")
        }
        loadSettings(reference.name)
        let now = clock.now()
        var event = AsyncEvent(requestID: RandomUUID.string(), function: reference.name, qualifier: reference.qualifier,
                               payload: payload, receivedAt: now, state: .queued(due: now))
        event.note("received (\(payload.count) bytes), queued for \(reference.name)\(reference.qualifier.map { ":\($0)" } ?? "")", at: now)
        state.withLock { state in
            if state.duplicateNext {
                state.duplicateNext = false
                event.deliverTwice = true
                event.note("teaching switch: this event will be delivered twice (at-least-once delivery)", at: now)
            }
            state.events[event.requestID] = event
            state.pending.insert(event.requestID)
            state.schedule(event)
        }
        return event.requestID
    }

    /// The teaching switch: the next accepted event is delivered to the handler twice, as AWS's
    /// at-least-once delivery sometimes does, so a lesson can show why handlers must be idempotent.
    package func deliverNextEventTwice() { state.withLock { $0.duplicateNext = true } }

    // MARK: - Running

    /// Runs every attempt due now (concurrently, as Lambda would) and applies the outcomes.
    /// Returns how many attempts ran.
    @discardableResult
    package func runDue() async -> Int {
        let now = clock.now()
        let (due, expired) = state.withLock { state -> ([AsyncEvent], [String]) in
            var due: [AsyncEvent] = [], expired: [String] = []
            while let entry = state.dueTimes.minimum, entry.due <= now {
                state.dueTimes.pop()
                guard state.stands(entry), var event = state.events[entry.requestID] else { continue }
                let id = entry.requestID
                let settings = Self.lookup(state.settings, event.function, event.qualifier)
                if now.timeIntervalSince(event.receivedAt) > Double(settings.config.maximumEventAge) {
                    expired.append(id)
                    continue
                }
                event.state = .running
                state.events[id] = event
                due.append(event)
            }
            return (due, expired)
        }
        for id in expired {
            await fail(id, .eventAgeExceeded, response: nil, note: "older than the maximum event age before its next attempt")
        }
        let attempt = self.attempt
        // Due attempts run side by side in up to `attemptLanes` lanes, each taking every
        // lanes-th event in due order: the function's concurrency (LambdaService) decides what
        // is throttled, as on Lambda. One task per event instead made a backlog cost a task and
        // a thread hop per attempt, more than the attempt itself (BENCHMARKS.md, issue 15).
        let lanes = min(due.count, Self.attemptLanes)
        await withTaskGroup(of: Void.self) { group in
            for lane in 0..<lanes {
                group.addTask {
                    for event in stride(from: lane, to: due.count, by: lanes).map({ due[$0] }) {
                        let first = await Self.run(attempt, event)
                        var duplicate: Result<AsyncAttemptResult, LambdaServiceError>?
                        if event.deliverTwice, case .success(let result) = first, result.kind == .success {
                            duplicate = await Self.run(attempt, event)
                        }
                        await self.apply(event.requestID, first, duplicate: duplicate)
                    }
                }
            }
        }
        return due.count
    }

    /// How many attempts run at once at most: a guard on the tutor's own tasks, not an AWS
    /// limit (every attempt still counts against the function's and the account's concurrency).
    static let attemptLanes = 64

    /// When the next queued attempt is due (nil when nothing waits).
    package func nextDue() -> Date? {
        state.withLock { state in
            while let entry = state.dueTimes.minimum {
                if state.stands(entry) { return entry.due }
                state.dueTimes.pop()
            }
            return nil
        }
    }

    /// Runs due attempts until cancelled, polling the clock (the session's pump).
    package func run(poll: Duration = .milliseconds(50)) async {
        while !Task.isCancelled {
            await runDue()
            try? await Task.sleep(for: poll)
        }
    }

    private static func run(_ attempt: Attempt, _ event: AsyncEvent) async -> Result<AsyncAttemptResult, LambdaServiceError> {
        do throws(LambdaServiceError) {
            return .success(try await attempt(event.function, event.qualifier, event.payload))
        } catch {
            return .failure(error)
        }
    }

    // MARK: - Outcomes

    private func apply(_ id: String, _ outcome: Result<AsyncAttemptResult, LambdaServiceError>, duplicate: Result<AsyncAttemptResult, LambdaServiceError>?) async {
        let now = clock.now()
        switch outcome {
        case .success(let result) where result.kind == .success:
            let settings = update(id) { event, _ in
                event.invokeCount += 1
                event.requeues = 0
                event.state = .succeeded
                event.deliveries.append(.succeeded)
                event.note("attempt \(event.invokeCount) succeeded (version \(result.executedVersion))", at: now)
                if let duplicate {
                    event.duplicateDeliveries += 1
                    let how = (try? duplicate.get()).map { $0.kind == .success ? "succeeded" : "failed (\($0.errorType ?? "error"))" } ?? "was refused"
                    event.note("delivered again with the same request id — a duplicate (teaching switch); it \(how)", at: now)
                }
            }
            if let destination = settings?.config.onSuccess {
                await deliverRecord(id, to: destination, as: .onSuccess, condition: "Success", response: result)
            }
        case .success(let result):
            var giveUp: AsyncFailureCondition?
            update(id) { event, settings in
                event.invokeCount += 1
                event.requeues = 0
                event.note("attempt \(event.invokeCount) failed (\(result.errorType ?? result.functionError ?? "error"))", at: now)
                guard event.invokeCount - 1 < settings.config.retries else { giveUp = .retriesExhausted; return }
                let delay = event.invokeCount == 1 ? Facts.asyncFirstRetryDelay.value : Facts.asyncSecondRetryDelay.value
                let due = now.addingTimeInterval(delay)
                guard due.timeIntervalSince(event.receivedAt) <= Double(settings.config.maximumEventAge) else { giveUp = .eventAgeExceeded; return }
                event.state = .queued(due: due)
                event.note("retry \(event.invokeCount) of \(settings.config.retries) due at \(Self.clockTime(due))", at: now)
            }
            if let giveUp { await fail(id, giveUp, response: result, note: nil) }
        case .failure(let error) where error.httpStatus == 429 || error.httpStatus >= 500 || error.code == .stopped:
            var expired = false
            update(id) { event, settings in
                event.requeues += 1
                let backoff = min(Facts.asyncThrottleBackoffMin.value * pow(2, Double(event.requeues - 1)), Facts.asyncThrottleBackoffMax.value)
                let due = now.addingTimeInterval(backoff)
                let why = error.reason.map { "\(error.code): \($0.rawValue)" } ?? "\(error.code)"
                guard due.timeIntervalSince(event.receivedAt) <= Double(settings.config.maximumEventAge) else {
                    event.note("not run (\(why)); the next try would pass the maximum event age", at: now)
                    expired = true
                    return
                }
                event.state = .queued(due: due)
                event.note("not run (\(why)) — back in the queue, next try at \(Self.clockTime(due)) (backoff \(Int(backoff)) s)", at: now)
            }
            if expired { await fail(id, .eventAgeExceeded, response: nil, error: error, note: nil) }
        case .failure(let error):
            await fail(id, .retriesExhausted, response: nil, error: error, note: "refused, not retried (\(error.code): \(error.message))")
        }
    }

    /// Gives the event up: the DLQ gets the original event, the on-failure destination the record.
    func fail(_ id: String, _ condition: AsyncFailureCondition, response: AsyncAttemptResult?, error: LambdaServiceError? = nil, note: String?) async {
        let now = clock.now()
        guard let settings = update(id, { event, _ in
            event.state = .failed(condition)
            if let note { event.note(note, at: now) }
            event.note("given up: \(condition.rawValue) after \(event.invokeCount) attempt\(event.invokeCount == 1 ? "" : "s")", at: now)
        }), let event = self.event(id) else { return }
        let statusCode = error?.httpStatus ?? 200
        if let dlq = settings.deadLetterTargetArn {
            let message = response.map(Self.errorMessage) ?? error?.message ?? condition.rawValue
            let attributes = [
                "RequestID": MessageAttributeValue(stringValue: event.requestID),
                "ErrorCode": MessageAttributeValue(dataType: "Number", stringValue: String(statusCode)),
                "ErrorMessage": MessageAttributeValue(stringValue: String(decoding: Data(message.utf8).prefix(1024), as: UTF8.self)),
            ]
            do throws(LocalServiceError) {
                let body = String(decoding: event.payload, as: UTF8.self)
                if dlq.hasPrefix("arn:aws:sns:") {
                    guard let topics else { throw LocalServiceError(.notFound, "no SNS topics run here") }
                    try topics.publish(dlq, message: body, attributes: attributes)
                } else {
                    try queues.send(dlq, body: body, attributes: attributes)
                }
                update(id) { event, _ in event.deliveries.append(.deadLetter(arn: dlq)); event.note("sent to the DLQ \(dlq)", at: now) }
            } catch {
                update(id) { event, _ in event.note("could not be sent to the DLQ \(dlq) (\(error.code)) — a DeadLetterErrors count", at: now) }
            }
        }
        if let destination = settings.config.onFailure {
            await deliverRecord(id, to: destination, as: .onFailure, condition: condition.rawValue, response: response, statusCode: statusCode)
        }
        if settings.deadLetterTargetArn == nil, settings.config.onFailure == nil {
            update(id) { event, _ in event.note("discarded: no DLQ or on-failure destination is configured", at: now) }
        }
    }

    private func deliverRecord(_ id: String, to arn: String, as destination: AsyncDelivery.Destination, condition: String, response: AsyncAttemptResult?,
                               statusCode: Int = 200) async {
        let key = destination.rawValue
        guard let event = event(id) else { return }
        let now = clock.now()
        let record = InvocationRecord(timestamp: now, requestID: event.requestID, functionArn: Self.functionArn(event.function, event.qualifier ?? FunctionVersion.latest),
                                      condition: condition, approximateInvokeCount: event.invokeCount, requestPayload: event.payload,
                                      statusCode: statusCode, executedVersion: response?.executedVersion, functionError: response?.functionError,
                                      responsePayload: response?.payload)
        do throws(DeliveryFailure) {
            let target: AsyncTarget
            do throws(LambdaServiceError) { target = try AsyncTarget.parse(arn) } catch { throw .service(error) }
            switch target {
            case .queue(let name):
                do throws(LocalServiceError) { try queues.send(queues.arn(name), body: record.json()) } catch { throw .local(error) }
            case .topic:
                guard let topics else { throw .local(LocalServiceError(.notFound, "no SNS topics run here")) }
                do throws(LocalServiceError) { try topics.publish(arn, message: record.json()) } catch { throw .local(error) }
            case .function(let function):
                let next: String
                do throws(LambdaServiceError) { next = try invokeAsync(function: function, payload: Data(record.json().utf8)) } catch { throw .service(error) }
                update(id) { event, _ in event.note("\(key) destination invoked \(function) asynchronously (event \(next))", at: now) }
            }
            update(id) { event, _ in event.deliveries.append(.destination(destination, arn: arn)); event.note("invocation record (\(condition)) sent to the \(key) destination \(arn)", at: now) }
        } catch {
            update(id) { event, _ in event.note("could not deliver to the \(key) destination \(arn) (\(error.text)) — a DestinationDeliveryFailures count", at: now) }
        }
    }

    // MARK: - State

    /// Changes event `id` under the lock; returns its settings. Finished events leave `pending`;
    /// one queued anew is filed under its due time.
    @discardableResult
    func update(_ id: String, _ change: (inout AsyncEvent, AsyncSettings) -> Void) -> AsyncSettings? {
        state.withLock { state in
            guard var event = state.events[id] else { return nil }
            let before = event.state
            change(&event, Self.lookup(state.settings, event.function, event.qualifier))
            state.events[id] = event
            if event.isFinished { state.pending.remove(id) }
            if event.state != before { state.schedule(event) }
            return Self.lookup(state.settings, event.function, event.qualifier)
        }
    }

    static func lookup(_ settings: [String: AsyncSettings], _ function: String, _ qualifier: String?) -> AsyncSettings {
        settings[key(function, qualifier)] ?? AsyncSettings()
    }

    static func key(_ function: String, _ qualifier: String?) -> String {
        normalized(qualifier).map { "\(function):\($0)" } ?? function
    }

    static func functionArn(_ function: String, _ qualifier: String?) -> String {
        "arn:aws:lambda:\(LambdaIdentity.region):\(LambdaIdentity.accountID):function:\(function)" + (qualifier.map { ":\($0)" } ?? "")
    }

    static func clockTime(_ date: Date) -> String { date.formatted(clockStyle) + "Z" }
    /// Made once: every retry's note is stamped with it.
    private static let clockStyle = Date.ISO8601FormatStyle(timeZone: .gmt).time(includingFractionalSeconds: false)

    /// The `errorMessage` of an error payload (the whole payload when it has none).
    static func errorMessage(_ result: AsyncAttemptResult) -> String {
        if let object = try? JSONSerialization.jsonObject(with: result.payload) as? [String: Any], let message = object["errorMessage"] as? String {
            return message
        }
        return String(decoding: result.payload, as: UTF8.self)
    }
}

/// An event's place in the due-time heap: by due time, then by when it was filed.
struct DueEntry: Comparable, Sendable {
    let due: Date
    let serial: UInt64
    let requestID: String

    static func < (left: DueEntry, right: DueEntry) -> Bool { (left.due, left.serial) < (right.due, right.serial) }
}
