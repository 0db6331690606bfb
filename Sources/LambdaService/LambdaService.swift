import Foundation
import MiniLambda
import Synchronization
import TutorSupport

/// The Lambda service a client talks to, wrapped around the workers: the control plane
/// (functions, versions, aliases, concurrency settings — `Management/`), and the data plane
/// that resolves a name and qualifier, counts concurrency and throttles before an environment
/// is chosen (`Invoke/`, `Concurrency/`), and records metrics (`Metrics/`).
///
/// One per data folder and session, shared by the REPL and the REST layer, so both see the
/// same functions. HTTP-agnostic: every entry point takes and returns values named after the
/// Lambda API's shapes and throws ``LambdaServiceError``. The entry points are listed in
/// Sources/LambdaService/README.md.
package final class LambdaService: Sendable {
    /// The learner's functions on disk (`functions/NAME/…`).
    package let functions: FunctionRegistry
    /// The workers; a fake in tests.
    package let invoker: any FunctionInvoking
    /// Decoded packages per function, keyed by the settings file's stamp: reading and decoding
    /// `function.json` on every warm invoke cost more than the invoke itself.
    private let packages = Mutex<[String: (stamp: [Int], package: FunctionPackage)]>([:])
    let concurrency = ConcurrencyCounter()
    let metrics = MetricsStore()
    /// The time of day for metrics' minutes and the dates the service writes: the registry's
    /// clock, so a function's `LastModified` and its metrics never disagree (and the HTTP
    /// layer's request times and `Date` headers come from it too).
    package var wallClock: any WallClock { functions.clock }
    /// A number in 0..<1 per invocation of an alias with weights (injected so tests can count).
    let weightRoll: @Sendable () -> Double

    /// Uniform in 0..<1, from the system's random bytes (BufferedRandomNumberGenerator).
    static func defaultWeightRoll() -> Double {
        var generator = BufferedRandomNumberGenerator()
        return Double.random(in: 0..<1, using: &generator)
    }

    package init(functions: FunctionRegistry, invoker: any FunctionInvoking,
                weightRoll: @escaping @Sendable () -> Double = { LambdaService.defaultWeightRoll() }) {
        self.functions = functions
        self.invoker = invoker
        self.weightRoll = weightRoll
        // Reservations and provisioned settings saved by earlier sessions count from the start.
        for name in functions.names() {
            guard let state = try? functions.state(name) else { continue }
            if let reserved = state.reservedConcurrentExecutions { try? concurrency.setReservation(name, reserved) }
            for (qualifier, setting) in state.provisioned { concurrency.setProvisioned("\(name):\(qualifier)", setting.requested) }
        }
    }

    /// The service over the learner's data folder, with a real ``Invoker`` that keeps the
    /// data folder out of every function's sight.
    package static func local(dataHome: DataHome, settings: RuntimeSettings = RuntimeSettings(), logs: LogStore = LogStore()) -> (LambdaService, Invoker) {
        let functions = FunctionRegistry(dataHome: dataHome)
        let invoker = Invoker(settings: settings, logs: logs, privatePaths: functions.privatePaths)
        return (LambdaService(functions: functions, invoker: invoker), invoker)
    }

    /// Stops every environment the service's invoker started.
    package func shutdown() async {
        await invoker.shutdownAll()
    }

    /// The package `$LATEST` of `name` runs now (cached while `function.json` is unchanged).
    func latestPackage(_ name: String) throws(LambdaServiceError) -> FunctionPackage {
        let stamp = functions.configurationStamp(name)
        if let stamp, let cached = packages.withLock({ $0[name] }), cached.stamp == stamp {
            return cached.package
        }
        let package = try serviceCall { () throws(MiniLambdaError) in try functions.package(name) }
        if let stamp { packages.withLock { $0[name] = (stamp, package) } }
        return package
    }
}

/// Runs `body` with a service over `functions` and a real invoker, and shuts the invoker down
/// afterwards whether `body` returns or throws.
package func withLambdaService<T>(functions: FunctionRegistry, settings: RuntimeSettings = RuntimeSettings(),
                                 _ body: (LambdaService, Invoker) async throws -> T) async throws -> T {
    try await withInvoker(settings: settings, privatePaths: functions.privatePaths) { invoker in
        try await body(LambdaService(functions: functions, invoker: invoker), invoker)
    }
}
