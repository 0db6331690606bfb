import Foundation
import LambdaService
import MiniLambda
import Testing

@Suite struct ConcurrencyTests {
    @Test func reservedZeroThrottlesEverything() async throws {
        let f = try ServiceFixture()
        try f.service.createFunction(name: "off")
        try f.service.putFunctionConcurrency("off", reservedConcurrentExecutions: 0)
        do {
            _ = try await f.invoke("off")
            Issue.record("a function with reserved 0 ran")
        } catch let error as LambdaServiceError {
            #expect(error.code == .tooManyRequests)
            #expect(error.httpStatus == 429)
            #expect(error.reason == .reservedFunctionConcurrentInvocationLimitExceeded)
            #expect(error.message == "Rate Exceeded.")
        }
        #expect(f.invoker.invoked.isEmpty)
        let minute = try f.service.metrics(FunctionReference(name: "off"), minutes: 1).minutes[0]
        #expect(minute.throttles == 1 && minute.invocations == 0)
        // The reservation is kept with the function.
        #expect(try f.reopened().getFunctionConcurrency("off").reservedConcurrentExecutions == 0)
    }

    @Test func reservedOneAdmitsOneOfTwoConcurrentCalls() async throws {
        let f = try ServiceFixture()
        try f.service.createFunction(name: "one")
        try await f.service.updateFunctionConfiguration("one", ConfigurationUpdate(settings: ["reserved=1"]))
        f.invoker.hold()
        let first = Task { try await f.invoke("one") }
        await f.invoker.waitUntilInFlight(1)
        do {
            _ = try await f.invoke("one")
            Issue.record("a second concurrent invocation ran under reserved 1")
        } catch let error as LambdaServiceError {
            #expect(error.reason == .reservedFunctionConcurrentInvocationLimitExceeded)
        }
        f.invoker.release()
        #expect(try await first.value.status == .success)
        // The unit is free again.
        #expect(try await f.invoke("one").status == .success)
    }

    @Test func accountLimitThrottlesUnreservedFunctions() async throws {
        let f = try ServiceFixture()
        try f.service.createFunction(name: "busy")
        try f.service.setAccountConcurrency(3)
        #expect(f.service.getAccountSettings().setForTeaching)
        f.invoker.hold()
        let running = (0..<3).map { _ in Task { try await f.invoke("busy") } }
        await f.invoker.waitUntilInFlight(3)
        do {
            _ = try await f.invoke("busy")
            Issue.record("a fourth invocation ran with an account limit of 3")
        } catch let error as LambdaServiceError {
            #expect(error.reason == .concurrentInvocationLimitExceeded)
        }
        f.invoker.release()
        for task in running { _ = try await task.value }
        let minute = try f.service.metrics(FunctionReference(name: "busy"), minutes: 1).minutes[0]
        #expect(minute.invocations == 3 && minute.throttles == 1 && minute.concurrentExecutions == 3)
    }

    @Test func reservationsLeaveTheUnreservedMinimum() throws {
        let f = try ServiceFixture()
        try f.service.createFunction(name: "big")
        do {
            try f.service.putFunctionConcurrency("big", reservedConcurrentExecutions: 901)
            Issue.record("901 of 1,000 were reserved")
        } catch {
            #expect(error.code == .invalidParameterValue)
            #expect(error.message == "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].")
        }
        try f.service.putFunctionConcurrency("big", reservedConcurrentExecutions: 900)
        let settings = f.service.getAccountSettings()
        #expect(settings.accountLimit.concurrentExecutions == 1000)
        #expect(settings.accountLimit.unreservedConcurrentExecutions == 100)
    }

    /// Provisioned 1 on an alias, two invocations at once: one runs on the provisioned
    /// environment, the other spills over to on-demand and is counted as such.
    @Test func provisionedSpillsOverToOnDemand() async throws {
        let f = try ServiceFixture()
        try f.service.createFunction(name: "pc")
        try f.service.publishVersion("pc")
        try f.service.createAlias("pc", name: "live", functionVersion: "1")
        do {
            _ = try await f.service.putProvisionedConcurrencyConfig(FunctionReference(name: "pc"), count: 1)
            Issue.record("provisioned concurrency was put on $LATEST")
        } catch {
            #expect(error.code == .invalidParameterValue)
        }
        let config = try await f.service.putProvisionedConcurrencyConfig(FunctionReference(name: "pc", qualifier: "live"), count: 1)
        #expect(config.status == .ready && config.availableProvisionedConcurrentExecutions == 1)
        f.invoker.hold()
        let a = Task { try await f.invoke("pc:live") }
        let b = Task { try await f.invoke("pc:live") }
        await f.invoker.waitUntilInFlight(2)
        f.invoker.release()
        let results = [try await a.value, try await b.value]
        let kinds = f.invoker.invoked.map(\.initializationType)
        #expect(kinds.filter { $0 == .provisionedConcurrency }.count == 1)
        #expect(kinds.filter { $0 == .onDemand }.count == 1)
        #expect(results.filter(\.coldStart).count == 1, "the provisioned one was started ahead")
        let alias = try f.service.metrics(FunctionReference(name: "pc", qualifier: "live"), minutes: 1).minutes[0]
        #expect(alias.provisionedConcurrencySpilloverInvocations == 1 && alias.invocations == 2 && alias.coldStarts == 1)
        let version = try f.service.metrics(FunctionReference(name: "pc", qualifier: "1"), minutes: 1).minutes[0]
        #expect(version.invocations == 2)
    }
}
