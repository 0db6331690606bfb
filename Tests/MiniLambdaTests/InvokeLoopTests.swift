import Foundation
import LambdaService
@testable import MiniLambda
import NIOCore
import NIOPosix
import Testing
import TestSupport

/// Invokes run on the invoker's event loops (what the Lambda API does for synchronous
/// invokes): jobs land on the loop, a cold start still works from there (it hops off the loop),
/// and new environments are spread so that two callers on two loops each get their own loop's.
@Suite(.serialized)
struct InvokeLoopTests {
    static let echo = "def handler(event, context):\n    return {'ok': True}\n"
    static let slow = "import time\ndef handler(event, context):\n    time.sleep(0.4)\n    return {'ok': True}\n"

    @Test func aTaskPreferringALoopExecutorRunsOnThatLoop() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let loops = InvokeLoops(group: group)
        #expect(loops.executors.count == 2)
        for executor in loops.executors {
            let (onLoop, current) = await Task(executorPreference: executor) { () -> (Bool, Bool) in
                // And after a suspension, resumed from another thread.
                try? await Task.sleep(for: .milliseconds(5))
                return (executor.eventLoop.inEventLoop, loops.current === executor.eventLoop)
            }.value
            #expect(onLoop, "the job ran on \(executor.eventLoop)")
            #expect(current, "InvokeLoops.current names the loop the task runs on")
        }
        #expect(loops.current == nil, "a pool thread is on none of the loops")
        try await group.shutdownGracefully()
    }

    @Test func coldAndWarmInvokesFromALoopSucceedAndStayOnIt() async throws {
        try await Harness.run { h in
            try h.function("echo", code: Self.echo)
            let executor = h.invoker.loops.executors[0]
            let (cold, warm) = try await Task(executorPreference: executor) {
                (try await h.invoke("echo"), try await h.invoke("echo"))
            }.value
            #expect(cold.status == .success && cold.coldStart, "\(cold.payloadText)")
            #expect(warm.status == .success && !warm.coldStart, "\(warm.payloadText)")
            #expect(warm.environmentID == cold.environmentID)
            #expect(h.invoker.pool.environmentCount(on: executor.eventLoop) == 1, "the environment is served on the caller's loop")
        }
    }

    @Test func onlyACodeFolderKnownToBeSmallIsWalkedOnTheLoop() async throws {
        try await Harness.run { h in
            try h.function("tree", code: Self.echo)
            let package = try h.registry.package("tree")
            #expect(!package.hasSmallCodeFolder, "never walked: its size is unknown")
            _ = package.fingerprint()
            #expect(package.hasSmallCodeFolder)
            for index in 0..<250 { try h.registry.writeCode("tree", file: "data/file\(index).txt", contents: "\(index)") }
            _ = package.fingerprint()
            #expect(!package.hasSmallCodeFolder, "250 files are walked on the pool")
            // And an invoke from a loop still works with the walk off the loop.
            let result = try await Task(executorPreference: h.invoker.loops.executors[0]) { try await h.invoke("tree") }.value
            #expect(result.status == .success, "\(result.payloadText)")
        }
    }

    @Test func twoCallersOnTwoLoopsGetAnEnvironmentOnEach() async throws {
        try await Harness.run { h in
            guard h.invoker.loops.executors.count >= 2 else { return }
            try h.function("slow", code: Self.slow)
            // One environment first, from a pool thread; then two callers at once, each on its loop.
            #expect(try await h.invoke("slow").status == .success)
            let executors = Array(h.invoker.loops.executors.prefix(2))
            let results = try await withThrowingTaskGroup(of: InvocationResult.self) { group in
                for executor in executors {
                    group.addTask(executorPreference: executor) { try await h.invoke("slow") }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.allSatisfy { $0.status == .success }, "\(results.map(\.payloadText))")
            for executor in executors {
                #expect(h.invoker.pool.environmentCount(on: executor.eventLoop) == 1,
                        "one environment on each caller's loop, not both on the first's")
            }
        }
    }
}
