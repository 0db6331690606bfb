import Foundation
import LambdaService
import MiniLambda
import TestSupport

/// A service over a fresh functions folder, with the fake invoker and a manual wall clock.
struct ServiceFixture {
    let directory: TemporaryDirectory
    let functions: FunctionRegistry
    let invoker: FakeInvoker
    let clock: ManualWallClock
    let service: LambdaService

    init(invoker: FakeInvoker = FakeInvoker(), weightRoll: (@Sendable () -> Double)? = nil) throws {
        directory = try TemporaryDirectory(prefix: "lambdaservice")
        clock = ManualWallClock()
        functions = FunctionRegistry(root: directory.url.appendingPathComponent("functions"), clock: clock)
        self.invoker = invoker
        if let weightRoll {
            service = LambdaService(functions: functions, invoker: invoker, weightRoll: weightRoll)
        } else {
            service = LambdaService(functions: functions, invoker: invoker)
        }
    }

    /// A new service over the same folder (a later session).
    func reopened() -> LambdaService {
        LambdaService(functions: functions, invoker: invoker)
    }

    func invoke(_ function: String, qualifier: String? = nil) async throws -> InvocationResult {
        try await service.invoke(function, qualifier: qualifier, payload: Data("{}".utf8))
    }
}
