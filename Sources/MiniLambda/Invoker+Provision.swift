import Foundation
import TutorSupport

/// Environments started ahead of any invocation, as Lambda does for provisioned concurrency:
/// INIT runs now (its log lines go to the environment's stream), and the environments wait
/// idle, so the invocations they serve start warm.
extension Invoker {
    /// Makes sure `count` environments of `package` exist (started with its initialization
    /// type), starting the missing ones one after another. Returns how many are ready; INIT
    /// failures stop early and are returned as the error's message.
    @discardableResult
    package func prepareEnvironments(package: FunctionPackage, count: Int) async throws(MiniLambdaError) -> Int {
        guard count > 0 else { return 0 }
        let settings = currentSettings
        let fingerprint = package.fingerprint()
        let name = package.configuration.functionName
        var held: [ExecutionEnvironment] = []
        defer { for environment in held { pool.checkin(environment) } }
        for _ in 0..<count {
            switch try pool.checkout(functionName: name, fingerprint: fingerprint) {
            case .warm(let environment):
                held.append(environment)
            case .cold:
                let started: ColdStart
                do {
                    started = try await coldStart(package: package, fingerprint: fingerprint, settings: settings, requestID: RandomUUID.string())
                } catch {
                    pool.adopt(nil)
                    throw error
                }
                switch started {
                case .ready(let environment, _, let log):
                    guard pool.adopt(environment) else {
                        await environment.shutdown(grace: .zero)
                        throw MiniLambdaError(.shutDown, "the runtime was shut down while provisioned environments were starting")
                    }
                    log.store(in: logs, group: package.configuration.logGroupName, stream: environment.logStreamName)
                    held.append(environment)
                case .failed(let result, let log):
                    pool.adopt(nil)
                    log.store(in: logs, group: package.configuration.logGroupName, stream: result.logStreamName)
                    throw MiniLambdaError(.system, "INIT failed in a provisioned environment (\(result.errorType ?? "error")): \(result.payloadText)")
                }
            }
        }
        return held.count
    }
}
