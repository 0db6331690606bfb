import Foundation
@testable import MiniLambda
import NIOPosix
import Synchronization
import Testing
import LambdaService
import NIOCore
import TestSupport

/// The timers of an environment against the things they guard. A timer cannot be cancelled
/// atomically with what it guards: the INIT limit is cancelled only when the task waiting for
/// INIT runs again, and the watchdog reads the deadline outside the broker's lock. On a loaded
/// machine (the test suite on 2 cores) that task can run seconds late, so a timer may fire
/// after INIT or the invocation is over. It must then do nothing. It used to close the broker,
/// and the next invocation, the cold one, came back as `Runtime.ExitError`, `signal: killed`.
///
/// Each test puts the late timer exactly where the load put it, by calling what the timer runs.
@Suite(.serialized)
struct RaceTests {
    // MARK: - The broker alone

    @Test func initLimitAfterTheRuntimeIsReadyIsANoOp() async throws {
        let broker = InvocationBroker()
        let runtime = FakeRuntime(broker)
        runtime.askForNext()
        #expect(broker.phase == .ready)
        #expect(!broker.abortInit(.timedOut), "INIT had ended: nothing to time out")
        #expect(broker.phase == .ready)
        guard case .ready = await broker.awaitInit() else {
            Issue.record("INIT should have ended ready")
            return
        }
        let completion = await runtime.invoke(Self.invocation("a"), answer: "ok-a")
        #expect(completion.outcome.responseText == "ok-a")
    }

    /// The issue-10 bug: an environment took the next event while its runtime, which had just
    /// answered, was exiting (an unhandled rejection). The event was still queued, never taken
    /// from `/next`, so it is undelivered (the invoker gives it to a fresh environment), not a
    /// Runtime.ExitError of an invocation that never ran.
    @Test func anEventQueuedWhenTheRuntimeExitsIsUndelivered() async throws {
        let broker = InvocationBroker()
        let runtime = FakeRuntime(broker)
        runtime.askForNext()
        runtime.onDispatch("first") { invocation in
            #expect(broker.response(id: invocation.requestID, body: Data("ok-first".utf8), tooLarge: false) == .accepted)
        }
        let first = await broker.invoke(Self.invocation("first"))
        #expect(first.outcome.responseText == "ok-first")
        // The runtime has not asked for the next event: this one waits in the queue.
        let second = Task { await broker.invoke(Self.invocation("second")) }
        while broker.queuedRequestID != "second" { await Task.yield() }
        broker.close(.exited(.exited(128)))
        let outcome = await second.value.outcome
        guard case .undelivered(.exited) = outcome else {
            Issue.record("expected undelivered, got \(outcome)")
            return
        }
    }

    @Test func anEventTakenWhenTheRuntimeExitsIsAborted() async throws {
        let broker = InvocationBroker()
        let runtime = FakeRuntime(broker)
        runtime.askForNext()
        runtime.onDispatch("taken") { _ in broker.close(.exited(.exited(1))) }
        let taken = await broker.invoke(Self.invocation("taken"))
        guard case .aborted(.exited) = taken.outcome else {
            Issue.record("expected aborted, got \(taken.outcome)")
            return
        }
    }

    @Test func initLimitBeforeTheRuntimeIsReadyTimesInitOut() async throws {
        let broker = InvocationBroker()
        #expect(broker.abortInit(.timedOut))
        guard case .aborted(.timedOut) = await broker.awaitInit() else {
            Issue.record("INIT should have timed out")
            return
        }
        #expect(broker.phase == .closed)
    }

    @Test func aStaleDeadlineDoesNotTouchTheNextInvocation() async throws {
        let broker = InvocationBroker()
        let runtime = FakeRuntime(broker)
        runtime.askForNext()
        let first = await runtime.invoke(Self.invocation("first"), answer: "ok-first")
        #expect(first.outcome.responseText == "ok-first")
        // The watchdog read the first invocation's deadline just before its result came.
        #expect(!broker.abortInvocation("first", .timedOut))
        #expect(broker.phase == .ready)

        // And while the next one runs, the stale deadline still names the first.
        let staleAbort = Mutex<Bool?>(nil)
        runtime.onDispatch("second") { invocation in
            staleAbort.withLock { $0 = broker.abortInvocation("first", .timedOut) }
            #expect(broker.response(id: invocation.requestID, body: Data("ok-second".utf8), tooLarge: false) == .accepted)
        }
        let second = await broker.invoke(Self.invocation("second"))
        #expect(staleAbort.withLock { $0 } == false)
        #expect(second.outcome.responseText == "ok-second", "\(second.outcome)")
        #expect(broker.phase == .ready)
    }

    @Test func theCurrentDeadlineStillTimesTheInvocationOut() async throws {
        let broker = InvocationBroker()
        let runtime = FakeRuntime(broker)
        runtime.askForNext()
        let aborted = Mutex<Bool?>(nil)
        runtime.onDispatch("slow") { invocation in
            aborted.withLock { $0 = broker.abortInvocation(invocation.requestID, .timedOut) }
        }
        let completion = await broker.invoke(Self.invocation("slow"))
        #expect(aborted.withLock { $0 } == true)
        guard case .aborted(.timedOut) = completion.outcome else {
            Issue.record("the invocation should have timed out, got \(completion.outcome)")
            return
        }
        #expect(broker.phase == .closed)
    }

    @Test(arguments: [Abort.exited(.signaled(SIGKILL)), .shutDown, .timedOut])
    func anInvocationOnAClosedBrokerIsUndeliveredNotAborted(reason: Abort) async throws {
        let broker = InvocationBroker()
        FakeRuntime(broker).askForNext()
        broker.close(reason)
        broker.close(.shutDown) // a later close does not change why it closed
        let completion = await broker.invoke(Self.invocation("late"))
        guard case .undelivered(let why) = completion.outcome else {
            Issue.record("expected undelivered, got \(completion.outcome)")
            return
        }
        #expect(String(describing: why) == String(describing: reason))
        #expect(completion.dispatchedAt == nil)
    }

    // MARK: - A real environment

    /// The race as it happened: INIT ends, the INIT limit fires before the cold start's task
    /// cancels it, then the invocation comes. And the watchdog, late for a finished invocation.
    @Test func lateTimersLeaveARealEnvironmentHealthy() async throws {
        let h = try Harness()
        try h.function("late", code: "def handler(event, context):\n    return event['n'] * 2\n")
        let package = try h.registry.package("late")
        let settings = RuntimeSettings(scratchRoot: h.directory.url.appendingPathComponent("late-envs"))
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let environment = try await ExecutionEnvironment.start(function: package, fingerprint: package.fingerprint(),
                                                               settings: settings, group: group)
        guard case .ready = await environment.awaitInit(limit: .seconds(600)) else {
            Issue.record("INIT failed: \(environment.output.take().text)")
            await environment.shutdown(grace: .zero)
            try await group.shutdownGracefully()
            await h.invoker.shutdownAll()
            return
        }
        environment.initLimitReached()
        let first = Self.invocation("first", payload: #"{"n": 21}"#)
        let firstCompletion = await environment.invoke(first)
        #expect(firstCompletion.outcome.responseText == "42", "\(firstCompletion.outcome)")

        environment.deadlinePassed(requestID: first.requestID)
        #expect(environment.isUsable, "a finished invocation's deadline does not stop the environment")
        let second = await environment.invoke(Self.invocation("second", payload: #"{"n": 2}"#))
        #expect(second.outcome.responseText == "4", "\(second.outcome)")
        #expect(environment.isUsable)
        await environment.shutdown(grace: .zero)
        try await group.shutdownGracefully()
        await h.invoker.shutdownAll()
        #expect(processesUsing(h.directory.path).isEmpty)
    }

    // MARK: - Through the Invoker

    /// Many cold starts at once in two invokers (as parallel suites run them): every one of
    /// them answers.
    @Test func concurrentColdStartsInTwoInvokers() async throws {
        let code = "def handler(event, context):\n    return {'n': event['n']}\n"
        let a = try Harness()
        let b = try Harness()
        try a.function("left", code: code)
        try b.function("right", code: code)
        let results = try await withThrowingTaskGroup(of: (Int, InvocationResult).self) { group in
            for n in 0..<8 {
                let (h, name) = n.isMultiple(of: 2) ? (a, "left") : (b, "right")
                group.addTask { (n, try await h.invoke(name, #"{"n": \#(n)}"#)) }
            }
            var results: [(Int, InvocationResult)] = []
            for try await result in group { results.append(result) }
            return results
        }
        await a.invoker.shutdownAll()
        await b.invoker.shutdownAll()
        #expect(results.count == 8)
        for (n, result) in results {
            #expect(result.status == .success, "\(n): \(result.errorType ?? "") \(result.payloadText) \(result.logLines)")
            #expect(result.json?["n"] as? Int == n)
        }
        #expect(processesUsing(a.directory.path).isEmpty && processesUsing(b.directory.path).isEmpty)
    }

    /// The tutor quitting while a handler runs: the invoke fails with `.shutDown` (it is not
    /// the function's crash), the log says so, and nothing is left running.
    @Test func shutdownDuringAnInvocationIsAShutDownError() async throws {
        let h = try Harness()
        // The sandbox shows the handler nothing of the test's folders: it says it started by
        // running a process the test can see from outside.
        try h.function("hang", code: """
        import subprocess, time
        def handler(event, context):
            subprocess.Popen(["sleep", "600.25"])
            time.sleep(600)
        """, settings: ["timeout=900"])
        let invoke = Task { try await h.invoke("hang") }
        try await Self.waitForProcess(marker: h.directory.path, argument: "600.25")
        await h.invoker.shutdownAll()
        let outcome = await invoke.result
        #expect(Self.code(of: outcome) == .shutDown, "\(outcome)")
        let lines = h.invoker.logs.streams(group: "/aws/lambda/hang").flatMap(\.events).map(\.message)
        #expect(lines.contains { $0.contains("was stopped: the runtime was shut down") }, "\(lines)")
        #expect(!lines.contains { $0.contains("Runtime exited with error") })
        #expect(processesUsing(h.directory.path).isEmpty, "left: \(processesUsing(h.directory.path))")
    }

    /// The tutor quitting while a cold start's INIT runs: the environment is stopped with the
    /// rest (not left to finish INIT after the runtime was shut down), no INIT retry starts,
    /// and the invoke fails with `.shutDown`.
    @Test func shutdownDuringInitIsAShutDownError() async throws {
        let h = try Harness()
        try h.function("slowinit", code: """
        import subprocess, time
        subprocess.Popen(["sleep", "600.5"])
        time.sleep(600)
        def handler(event, context):
            return "never"
        """)
        let invoke = Task { try await h.invoke("slowinit") }
        try await Self.waitForProcess(marker: h.directory.path, argument: "600.5")
        await h.invoker.shutdownAll()
        let left = processesUsing(h.directory.path)
        #expect(left.isEmpty, "left: \(left)")
        // An INIT nobody stopped would be waited for until its runtime exits: end it here.
        if !left.isEmpty { invoke.cancel() }
        let outcome = await invoke.result
        #expect(Self.code(of: outcome) == .shutDown, "\(outcome)")
        #expect(processesUsing(h.directory.path).isEmpty, "left: \(processesUsing(h.directory.path))")
    }

    // MARK: - Helpers

    static func invocation(_ id: String, payload: String = "{}") -> Invocation {
        Invocation(requestID: id, payload: Data(payload.utf8), deadlineEpochMs: 0, invokedFunctionArn: "arn", traceID: "trace")
    }

    static func code(of result: Result<InvocationResult, any Error>) -> MiniLambdaError.Code? {
        guard case .failure(let error) = result else { return nil }
        return (error as? MiniLambdaError)?.code
    }

    /// Waits for a process of the environments under `marker` whose command line has
    /// `argument` (a condition, not a duration; the test's time limit bounds it).
    static func waitForProcess(marker: String, argument: String) async throws {
        while !processesUsing(marker).contains(where: { pid in
            let words = (FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") ?? Data()).split(separator: 0)
            return words.contains { String(decoding: $0, as: UTF8.self) == argument }
        }) {
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}

/// Plays the runtime's side of the broker: a parked `/next`, and what to do at the moment an
/// invocation is handed over (synchronously, so nothing waits or polls: an invocation that is
/// never handed over simply leaves its action undone).
private final class FakeRuntime: NextResponder {
    let broker: InvocationBroker
    private let actions = Mutex<[String: @Sendable (Invocation) -> Void]>([:])

    init(_ broker: InvocationBroker) {
        self.broker = broker
    }

    /// `GET /next`: parks (and ends INIT on the first call).
    func askForNext() {
        #expect(broker.next(self) == nil)
    }

    func onDispatch(_ requestID: String, _ action: @escaping @Sendable (Invocation) -> Void) {
        actions.withLock { $0[requestID] = action }
    }

    func send(_ invocation: Invocation) {
        let action = actions.withLock { $0.removeValue(forKey: invocation.requestID) }
        action?(invocation)
    }

    /// Hands `invocation` over, answers it with `answer` and asks for the next one.
    func invoke(_ invocation: Invocation, answer: String) async -> InvocationCompletion {
        onDispatch(invocation.requestID) { [broker] invocation in
            #expect(broker.response(id: invocation.requestID, body: Data(answer.utf8), tooLarge: false) == .accepted)
        }
        let completion = await broker.invoke(invocation)
        askForNext()
        return completion
    }
}

extension InvocationOutcome {
    var responseText: String? {
        guard case .response(let body) = self else { return nil }
        return String(decoding: body, as: UTF8.self)
    }
}
