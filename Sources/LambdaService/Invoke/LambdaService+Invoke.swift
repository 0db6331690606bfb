import Foundation
import MiniLambda
import TutorSupport

/// Invoke, the data plane: resolve the name and qualifier (an alias's weights pick the
/// version), count the invocation against the account's and the function's concurrency (a
/// 429 with AWS's `Reason` when there is none left), then hand the version's package to the
/// workers and record the metrics.
extension LambdaService {
    /// Invokes `function` (a name, `name:qualifier` or an ARN; `qualifier` as the Invoke API's
    /// `Qualifier` parameter) synchronously with `payload` (JSON bytes). The result's
    /// `executedVersion` is the version that ran.
    package func invoke(_ function: String, qualifier: String? = nil, payload: Data,
                       options: InvokeOptions = InvokeOptions()) async throws(LambdaServiceError) -> InvocationResult {
        let reference = try FunctionReference(parsing: function, qualifier: qualifier)
        return try await invoke(reference, payload: payload, options: options)
    }

    package func invoke(_ reference: FunctionReference, payload: Data, options: InvokeOptions = InvokeOptions()) async throws(LambdaServiceError) -> InvocationResult {
        // `$LATEST` needs no resolving: its package look-up answers ResourceNotFound itself
        // (the settings file's stamp is the existence check), so the file is not stat'ed twice.
        let version = reference.resolvedQualifier == FunctionVersion.latest ? FunctionVersion.latest : try resolveVersion(reference, weightRoll: weightRoll())
        var package = try package(reference.name, version: version)
        let qualifier = reference.qualifier
        let provisionedKey = qualifier.map { "\(reference.name):\($0)" }
        let admission: ConcurrencyCounter.Admission
        let provisioned: Bool
        do {
            (admission, provisioned) = try concurrency.admit(function: reference.name, provisionedKey: provisionedKey)
        } catch {
            metrics.recordThrottle(function: reference.name, qualifiers: Self.metricQualifiers(qualifier, version), at: wallClock.now())
            throw error
        }
        defer { concurrency.release(admission) }
        var options = options
        options.qualifier = qualifier
        // On a provisioned unit the environment is one started ahead (or, when Lambda recycled
        // it, a new one started the provisioned way).
        if provisioned { package.initializationType = .provisionedConcurrency }
        let running = concurrency.running(reference.name)
        let hasProvisioning = provisionedKey.map(concurrency.hasProvisioned) ?? false
        do {
            let result = try await invoker.invoke(package: package, payload: payload, options: options)
            metrics.record(result, function: reference.name, qualifiers: Self.metricQualifiers(qualifier, version), concurrent: running,
                           spillover: hasProvisioning && !provisioned, at: wallClock.now())
            return result
        } catch {
            throw LambdaServiceError(error)
        }
    }

    /// The qualifiers an invocation's metrics are also kept under: the alias it came through
    /// and the version that ran (none for `$LATEST` reached by the bare name).
    static func metricQualifiers(_ qualifier: String?, _ version: String) -> [String] {
        var qualifiers: [String] = []
        if let qualifier { qualifiers.append(qualifier) }
        if version != FunctionVersion.latest || qualifier != nil, !qualifiers.contains(version) { qualifiers.append(version) }
        return qualifiers
    }
}
