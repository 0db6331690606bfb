import Foundation

/// What the service layer needs from the workers: run a packaged function once, retire a
/// function's idle environments, stop everything.
///
/// ``Invoker`` is the real one; LambdaService's tests put a deterministic fake in its place,
/// so routing, throttles and metrics are tested without processes.
package protocol FunctionInvoking: Sendable {
    func invoke(package: FunctionPackage, payload: Data, options: InvokeOptions) async throws(MiniLambdaError) -> InvocationResult
    /// Shuts down the idle environments of `functionName` (all with nil), so the next invoke is a cold start.
    func retireEnvironments(functionName: String?) async
    /// Shuts down idle environments of `current`'s function that run none of these packages.
    func retireOutdatedEnvironments(current: FunctionPackage, keeping others: [FunctionPackage]) async
    /// Starts environments ahead for provisioned concurrency, until `count` of `package` exist.
    func prepareEnvironments(package: FunctionPackage, count: Int) async throws(MiniLambdaError) -> Int
    func shutdownAll() async
}

extension Invoker: FunctionInvoking {}

/// Runs `body` with an invoker and shuts it down afterwards, whether `body` returns or throws:
/// no child process outlives the scope.
package func withInvoker<T>(settings: RuntimeSettings = RuntimeSettings(), logs: LogStore = LogStore(), privatePaths: [URL] = [],
                           _ body: (Invoker) async throws -> T) async throws -> T {
    let invoker = Invoker(settings: settings, logs: logs, privatePaths: privatePaths)
    do {
        let value = try await body(invoker)
        await invoker.shutdownAll()
        return value
    } catch {
        await invoker.shutdownAll()
        throw error
    }
}
