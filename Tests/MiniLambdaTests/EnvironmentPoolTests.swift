import Foundation
import MiniLambda
import TestSupport
import Testing

/// The cap on environments: idle ones make room (least recently used first); only busy ones
/// refuse, and the refusal names them.
@Suite(.serialized)
struct EnvironmentPoolTests {
    static let echo = "def handler(event, context):\n    return {'name': context.function_name}\n"
    static let waiter = """
    import os, time
    def handler(event, context):
        while not os.path.exists(event["waitFor"]):
            time.sleep(0.01)
        return "released"
    """

    @Test func eleventhFunctionEvictsTheLeastRecentlyUsedIdleEnvironment() async throws {
        try await Harness.run(settings: { $0.maxEnvironments = 10 }) { h in
            let names = (1...11).map { "fn\($0)" }
            for name in names { try h.function(name, code: Self.echo) }
            for name in names.prefix(10) {
                let result = try await h.invoke(name)
                #expect(result.status == .success, "\(name): \(result.payloadText)")
            }
            // fn1 is now the least recently used: the next invoke of it later is cold, fn2's is warm.
            let warm = try await h.invoke("fn2")
            #expect(!warm.coldStart)
            let eleventh = try await h.invoke("fn11")
            #expect(eleventh.status == .success, "\(eleventh.payloadText)")
            #expect(eleventh.json?["name"] as? String == "fn11")
            let running = await h.invoker.environments()
            #expect(running.count == 10)
            #expect(!running.contains { $0.functionName == "fn1" }, "fn1 was idle longest and made room")
            #expect(running.contains { $0.functionName == "fn2" })
            // Every one of the eleven still answers, one after another.
            for name in names {
                let result = try await h.invoke(name)
                #expect(result.status == .success && result.json?["name"] as? String == name, "\(name): \(result.payloadText)")
            }
            #expect(await h.invoker.environments().count == 10)
        }
    }

    @Test func allBusyRefusesWithATooManyRequestsErrorThatNamesThem() async throws {
        try await Harness.run(settings: { $0.maxEnvironments = 2 }) { h in
            // The flag lives in a folder on PYTHONPATH, which the sandbox shows to the function.
            let shared = try TemporaryDirectory(prefix: "minilambda-flag")
            try h.function("slow", code: Self.waiter, settings: ["timeout=300", "env.PYTHONPATH=\(shared.path)"])
            try h.function("other", code: Self.echo)
            let flag = shared.url.appendingPathComponent("release").path
            let first = Task { try await h.invoke("slow", #"{"waitFor": "\#(flag)"}"#) }
            let second = Task { try await h.invoke("slow", #"{"waitFor": "\#(flag)"}"#) }
            // Both are busy once two environments exist and neither is idle.
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                let environments = await h.invoker.environments(functionName: "slow")
                if environments.count == 2, environments.allSatisfy({ $0.state == .busy }) { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            do {
                _ = try await h.invoke("other")
                Issue.record("a third environment was started beyond the cap")
            } catch let error as MiniLambdaError {
                #expect(error.code == .tooManyRequests)
                #expect(error.message.contains("all 2 are busy (slow (2))"), "\(error.message)")
            }
            _ = FileManager.default.createFile(atPath: flag, contents: Data())
            #expect(try await first.value.status == .success)
            #expect(try await second.value.status == .success)
            // Idle now: the same invoke makes room and succeeds.
            let after = try await h.invoke("other")
            #expect(after.status == .success, "\(after.payloadText)")
        }
    }

    @Test func stopShutsDownIdleNowAndBusyAfterTheirInvocation() async throws {
        try await Harness.run { h in
            let shared = try TemporaryDirectory(prefix: "minilambda-flag")
            try h.function("slow", code: Self.waiter, settings: ["timeout=300", "env.PYTHONPATH=\(shared.path)"])
            let flag = shared.url.appendingPathComponent("release").path
            _ = FileManager.default.createFile(atPath: flag, contents: Data())
            _ = try await h.invoke("slow", #"{"waitFor": "\#(flag)"}"#)
            try FileManager.default.removeItem(atPath: flag)
            let busy = Task { try await h.invoke("slow", #"{"waitFor": "\#(flag)"}"#) }
            let other = Task { try await h.invoke("slow", #"{"waitFor": "\#(flag)"}"#) }
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, await h.invoker.environments(functionName: "slow").filter({ $0.state == .busy }).count < 2 {
                try await Task.sleep(for: .milliseconds(20))
            }
            let (stopped, afterUse) = await h.invoker.stopEnvironments(functionName: "slow")
            #expect(stopped == 0)
            #expect(afterUse == 2)
            _ = FileManager.default.createFile(atPath: flag, contents: Data())
            #expect(try await busy.value.status == .success)
            #expect(try await other.value.status == .success)
            #expect(await h.invoker.environments(functionName: "slow").isEmpty, "busy environments stopped after their invocation")
            let next = try await h.invoke("slow", #"{"waitFor": "\#(flag)"}"#)
            #expect(next.coldStart)
            #expect(await h.invoker.stopEnvironments(functionName: "slow") == (1, 0))
        }
    }
}
