import Foundation
import LambdaModel
import Synchronization

/// One invocation as the Runtime API hands it to a runtime on `/next`.
struct Invocation: Sendable {
    var requestID: String
    var payload: Data
    /// Wall-clock epoch milliseconds (`Lambda-Runtime-Deadline-Ms`), as AWS sends it.
    var deadlineEpochMs: Int64
    var invokedFunctionArn: String
    var traceID: String
    var clientContext: String?
    var cognitoIdentity: String?
    /// `X-Amz-Tenant-Id` of the Invoke call (tenant isolation), as `Lambda-Runtime-Aws-Tenant-Id`.
    var tenantID: String?
    var contentType = "application/json"
}

/// How an environment's INIT ended, as seen from the Runtime API.
enum InitSignal: Sendable {
    /// The runtime asked for its first invocation: init code ran without error.
    case ready(at: ContinuousClock.Instant)
    /// The runtime posted to `/runtime/init/error`.
    case initError(payload: Data, errorType: String?)
    /// The process ended, init timed out, or the environment was shut down first.
    case aborted(Abort)
}

/// Why an invocation or an init ended without the runtime reporting a result.
enum Abort: Sendable {
    case timedOut
    case exited(ProcessExit)
    case shutDown
    /// The caller's task was cancelled (Ctrl-C in the REPL).
    case cancelled
}

/// How one invocation ended.
enum InvocationOutcome: Sendable {
    case response(Data)
    case functionError(payload: Data, errorType: String?)
    /// The runtime posted a response of `bytes` bytes, over the synchronous limit.
    case responseTooLarge(bytes: Int)
    /// The invocation was pending (queued or running) when it was ended for this reason.
    case aborted(Abort)
    /// The environment had already been closed, for this reason, when the invocation arrived:
    /// the runtime never saw the event, so nothing of the function ran for it. Not a crash of
    /// the invocation; the caller may deliver it to another environment.
    case undelivered(Abort)
}

/// The result of one invocation with the two instants Duration is measured between.
struct InvocationCompletion: Sendable {
    var outcome: InvocationOutcome
    /// When the event was written to the runtime (`/next` answered).
    var dispatchedAt: ContinuousClock.Instant?
    /// When the result arrived (or the abort happened).
    var completedAt: ContinuousClock.Instant
}

/// Writes the answer to a parked `GET /next`; supplied by the HTTP layer.
protocol NextResponder: Sendable {
    func send(_ invocation: Invocation)
}

/// The state machine behind one environment's Runtime API: which invocation the runtime may
/// see, which request ids it may answer, and who is waiting for what.
///
/// Called from the NIO event loop (HTTP requests) and from the environment's tasks (invoke,
/// timeout, process exit); a `Mutex` keeps the transitions atomic, and continuations are resumed
/// outside the lock.
final class InvocationBroker: Sendable {
    enum Phase: Sendable, Equatable {
        case initializing, ready, closed
    }

    /// An answer the HTTP layer sends back to the runtime.
    struct Reply: Sendable, Equatable {
        var status: Int
        var body: String

        static let accepted = Reply(status: 202, body: #"{"status":"OK"}"#)
        static func invalidRequestID() -> Reply {
            Reply(status: 400, body: #"{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}"#)
        }
        static func invalidState(_ from: String, _ to: String, _ why: String) -> Reply {
            Reply(status: 403, body: "{\"errorMessage\":\"State transition from \(from) to \(to) failed for runtime. Error: \(why)\",\"errorType\":\"InvalidStateTransition\"}")
        }
        static func tooLarge() -> Reply {
            Reply(status: 413, body: "{\"errorMessage\":\"Exceeded maximum allowed payload size (\(Limits.syncResponseBytes) bytes).\",\"errorType\":\"RequestEntityTooLarge\"}")
        }
        static let notFound = Reply(status: 404, body: #"{"errorMessage":"Not found","errorType":"NotFound"}"#)
    }

    private struct State {
        var phase: Phase = .initializing
        var parkedNext: (any NextResponder)?
        /// An invocation waiting for the runtime's next `/next`.
        var queued: Invocation?
        /// The invocation the runtime is working on.
        var current: (id: String, dispatchedAt: ContinuousClock.Instant)?
        var waiter: CheckedContinuation<InvocationCompletion, Never>?
        /// The request id of the invocation `waiter` waits for (queued or current).
        var waiterRequestID: String?
        var waiterDispatchedAt: ContinuousClock.Instant?
        var initWaiter: CheckedContinuation<InitSignal, Never>?
        var initSignal: InitSignal?
        /// Why the broker was closed (the first reason wins).
        var closedBy: Abort?
        /// The last invocation the runtime answered (response or error).
        var lastFinished: String?
    }

    private let state = Mutex(State())
    /// Called (on the event loop) each time the runtime parks a `/next` with nothing to do:
    /// the moment Lambda freezes an environment.
    ///
    /// Kept in a struct, not as a bare closure: a `Mutex` of a function type reabstracts the
    /// closure through `withLock`'s `inout` and writes the wrapped copy back, so every read added
    /// two thunks around it. After N invocations the handler ran through 2N nested thunks (17% of
    /// the event loop's time in the API benchmark, and a stack overflow waiting for a long-lived
    /// environment).
    private let idleHandler = Mutex<IdleHandler?>(nil)

    private struct IdleHandler: Sendable {
        let run: @Sendable () -> Void
    }

    var phase: Phase { state.withLock { $0.phase } }

    /// Whether the runtime has answered invocation `requestID` (its caller may not have seen
    /// the answer yet).
    func hasAnswered(_ requestID: String) -> Bool { state.withLock { $0.lastFinished == requestID } }

    /// The invocation waiting for the runtime's next `/next`, if any.
    var queuedRequestID: String? { state.withLock { $0.queued?.requestID } }

    func onRuntimeIdle(_ handler: @escaping @Sendable () -> Void) {
        idleHandler.withLock { $0 = IdleHandler(run: handler) }
    }

    /// True while the runtime waits on `/next` and no invocation is queued or running.
    var runtimeIsWaiting: Bool {
        state.withLock { $0.phase == .ready && $0.parkedNext != nil && $0.current == nil && $0.queued == nil }
    }

    // MARK: - Environment side

    /// Waits until INIT has ended one way or another.
    func awaitInit() async -> InitSignal {
        await withCheckedContinuation { continuation in
            let signal = state.withLock { state -> InitSignal? in
                if let signal = state.initSignal { return signal }
                state.initWaiter = continuation
                return nil
            }
            if let signal { continuation.resume(returning: signal) }
        }
    }

    /// Hands `invocation` to the runtime (now, if it is waiting on `/next`) and waits for the
    /// outcome. Only one invocation at a time: an environment serves requests one by one.
    ///
    /// On a broker that is already closed it returns ``InvocationOutcome/undelivered(_:)`` with
    /// the reason it was closed: the event was never handed to the runtime.
    func invoke(_ invocation: Invocation) async -> InvocationCompletion {
        await withCheckedContinuation { continuation in
            let (responder, closedBy) = state.withLock { state -> ((any NextResponder)?, Abort?) in
                guard state.phase != .closed else { return (nil, state.closedBy ?? .shutDown) }
                assert(state.waiter == nil, "an environment serves one invocation at a time")
                state.waiter = continuation
                state.waiterRequestID = invocation.requestID
                if let parked = state.parkedNext {
                    state.parkedNext = nil
                    let now = ContinuousClock.now
                    state.current = (invocation.requestID, now)
                    state.waiterDispatchedAt = now
                    return (parked, nil)
                }
                state.queued = invocation
                return (nil, nil)
            }
            if let closedBy {
                continuation.resume(returning: InvocationCompletion(outcome: .undelivered(closedBy), dispatchedAt: nil, completedAt: .now))
            }
            responder?.send(invocation)
        }
    }

    /// Closes the broker: whatever is pending (init or invocation) ends with `reason`, and
    /// later requests are refused. For what ends the environment whatever it is doing: the
    /// process exiting, a shutdown, the caller cancelling.
    func close(_ reason: Abort) {
        let now = ContinuousClock.now
        let ended = state.withLock { state in Self.close(&state, reason) }
        ended.resume(now: now)
    }

    /// Ends INIT with `reason` (and closes the broker) only if INIT is still under way. A
    /// limit timer that fires after the runtime became ready is a no-op: the timer cannot be
    /// cancelled atomically with the runtime's first `/next`, and under load the task that
    /// would cancel it may run long after. Returns whether it aborted anything.
    @discardableResult
    func abortInit(_ reason: Abort) -> Bool {
        let now = ContinuousClock.now
        let ended = state.withLock { state -> Ended? in
            guard state.phase == .initializing, state.initSignal == nil else { return nil }
            return Self.close(&state, reason)
        }
        ended?.resume(now: now)
        return ended != nil
    }

    /// Ends the invocation `requestID` with `reason` (and closes the broker) only if it is
    /// still pending, queued or running. A deadline check that raced with the invocation's
    /// result, or that was armed for an earlier invocation, is a no-op. Returns whether it
    /// aborted anything.
    @discardableResult
    func abortInvocation(_ requestID: String, _ reason: Abort) -> Bool {
        let now = ContinuousClock.now
        let ended = state.withLock { state -> Ended? in
            guard state.phase != .closed, state.waiter != nil, state.waiterRequestID == requestID else { return nil }
            return Self.close(&state, reason)
        }
        ended?.resume(now: now)
        return ended != nil
    }

    /// The waiters a close has to resume, outside the lock.
    private struct Ended {
        var reason: Abort
        var initWaiter: CheckedContinuation<InitSignal, Never>?
        var waiter: CheckedContinuation<InvocationCompletion, Never>?
        var dispatchedAt: ContinuousClock.Instant?
        /// The waiter's event was still queued: the runtime never took it from `/next`.
        var neverDispatched = false

        func resume(now: ContinuousClock.Instant) {
            initWaiter?.resume(returning: .aborted(reason))
            // A runtime that exits before it asks for the queued event (it crashed after its
            // last answer, e.g. on an unhandled rejection) never saw it: the event goes to a
            // fresh environment, as Lambda redelivers it, instead of failing with that exit.
            let outcome: InvocationOutcome
            if neverDispatched, case .exited = reason { outcome = .undelivered(reason) } else { outcome = .aborted(reason) }
            waiter?.resume(returning: InvocationCompletion(outcome: outcome, dispatchedAt: dispatchedAt, completedAt: now))
        }
    }

    private static func close(_ state: inout State, _ reason: Abort) -> Ended {
        state.phase = .closed
        if state.closedBy == nil { state.closedBy = reason }
        var ended = Ended(reason: reason)
        if state.initSignal == nil {
            state.initSignal = .aborted(reason)
            ended.initWaiter = state.initWaiter
            state.initWaiter = nil
        }
        ended.waiter = state.waiter
        ended.dispatchedAt = state.waiterDispatchedAt
        ended.neverDispatched = state.waiter != nil && state.queued != nil && state.current == nil
        state.waiter = nil
        state.waiterRequestID = nil
        state.waiterDispatchedAt = nil
        state.queued = nil
        state.current = nil
        return ended
    }

    // MARK: - Runtime side (HTTP requests, on the event loop)

    /// `GET /runtime/invocation/next`. Returns nil when the request is parked (long poll) or was
    /// answered with an invocation through `responder`.
    func next(_ responder: any NextResponder) -> Reply? {
        let now = ContinuousClock.now
        var send: Invocation?
        var initWaiter: CheckedContinuation<InitSignal, Never>?
        var parkedIdle = false
        let reply = state.withLock { state -> Reply? in
            switch state.phase {
            case .closed:
                // Never answer /next with an error: a real runtime would crash. Park it; the
                // environment is about to be killed.
                state.parkedNext = responder
                return nil
            case .initializing:
                state.phase = .ready
                state.initSignal = .ready(at: now)
                initWaiter = state.initWaiter
                state.initWaiter = nil
            case .ready:
                break
            }
            if let current = state.current {
                return .invalidState("Invoking", "Ready", "the runtime asked for the next invocation before answering \(current.id)")
            }
            if state.parkedNext != nil {
                return .invalidState("Ready", "Ready", "another /next request is already waiting")
            }
            if let queued = state.queued {
                state.queued = nil
                state.current = (queued.requestID, now)
                state.waiterDispatchedAt = now
                send = queued
                return nil
            }
            state.parkedNext = responder
            parkedIdle = true
            return nil
        }
        initWaiter?.resume(returning: .ready(at: now))
        if let send { responder.send(send) }
        if parkedIdle, let handler = idleHandler.withLock({ $0 }) { handler.run() }
        return reply
    }

    /// `POST /runtime/invocation/{id}/response`; `size` is the body's length as sent (the
    /// server keeps only the first `limit` bytes of one that is too large).
    func response(id: String, body: Data, size: Int? = nil, tooLarge: Bool) -> Reply {
        finish(id: id, outcome: tooLarge ? .responseTooLarge(bytes: size ?? body.count) : .response(body), reply: tooLarge ? .tooLarge() : .accepted)
    }

    /// `POST /runtime/invocation/{id}/error`.
    func error(id: String, body: Data, errorType: String?) -> Reply {
        finish(id: id, outcome: .functionError(payload: body, errorType: errorType), reply: .accepted)
    }

    /// `POST /runtime/init/error`: accepted (exactly 202) only while initializing.
    func initError(body: Data, errorType: String?) -> Reply {
        let (reply, waiter) = state.withLock { state -> (Reply, CheckedContinuation<InitSignal, Never>?) in
            guard state.phase == .initializing, state.initSignal == nil else {
                return (.invalidState(state.phase == .closed ? "Closed" : "Ready", "InitError", "init has already finished"), nil)
            }
            state.initSignal = .initError(payload: body, errorType: errorType)
            let waiter = state.initWaiter
            state.initWaiter = nil
            return (.accepted, waiter)
        }
        waiter?.resume(returning: .initError(payload: body, errorType: errorType))
        return reply
    }

    private func finish(id: String, outcome: InvocationOutcome, reply: Reply) -> Reply {
        let now = ContinuousClock.now
        let (result, waiter, dispatchedAt) = state.withLock { state -> (Reply, CheckedContinuation<InvocationCompletion, Never>?, ContinuousClock.Instant?) in
            guard let current = state.current, current.id == id else {
                return (.invalidRequestID(), nil, nil)
            }
            // Unknown ids and second answers to the same id both get 400, as on AWS.
            state.current = nil
            state.lastFinished = id
            let waiter = state.waiter
            state.waiter = nil
            state.waiterRequestID = nil
            state.waiterDispatchedAt = nil
            return (reply, waiter, current.dispatchedAt)
        }
        waiter?.resume(returning: InvocationCompletion(outcome: outcome, dispatchedAt: dispatchedAt, completedAt: now))
        return result
    }
}
