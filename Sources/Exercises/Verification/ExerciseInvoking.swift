import Foundation
import MiniLambda

/// What verification needs from the mini Lambda: invoke a packaged function, force the next
/// invoke to start cold, and stop everything afterwards.
///
/// ``Invoker`` is the real implementation. When the service layer puts its `FunctionInvoking`
/// protocol in front of the Invoker, this conformance is the one line to change.
public protocol ExerciseInvoking: Sendable {
    func invoke(package: FunctionPackage, payload: Data, options: InvokeOptions) async throws(MiniLambdaError) -> InvocationResult
    /// Shuts down the idle environments of `functionName`, so the next invoke is a cold start.
    func retireEnvironments(functionName: String?) async
    func shutdownAll() async
}

extension Invoker: ExerciseInvoking {}
