import LambdaModel
import Synchronization

/// Lambda's concurrency as the service counts it, before an environment is chosen: the
/// account's pool (``Limits/accountConcurrency`` unless set lower for teaching), the
/// functions' reservations carved out of it (at least the unreserved minimum left over), and
/// what each function and qualifier runs now. An invocation is admitted or refused with AWS's
/// `TooManyRequestsException` and `Reason`; an admitted one holds its unit until released.
///
/// Simplification (labelled where the REPL shows it): every unit in flight counts against the
/// pool, provisioned or not, and the pool is counted on this one machine.
final class ConcurrencyCounter: Sendable {
    struct State {
        var accountLimit = Limits.accountConcurrency
        /// Reserved concurrency per function.
        var reservations: [String: Int] = [:]
        /// Units in flight per function, and in the unreserved pool.
        var running: [String: Int] = [:]
        var runningUnreserved = 0
        /// Peak of units in flight per function since the last ``takePeaks()``.
        var peaks: [String: Int] = [:]
        /// Provisioned units per `function:qualifier`: configured, and busy now.
        var provisioned: [String: Int] = [:]
        var provisionedBusy: [String: Int] = [:]
    }

    /// A unit of concurrency held by one invocation.
    struct Admission: Sendable {
        let function: String
        let reserved: Bool
        /// The `function:qualifier` whose provisioned unit it holds, if any.
        let provisionedKey: String?
    }

    private let state = Mutex(State())

    var accountLimit: Int { state.withLock { $0.accountLimit } }

    /// The unreserved minimum for the current account limit: the facts table's 100 of the
    /// default 1,000, scaled in proportion when the limit is set lower for teaching.
    static func unreservedMinimum(accountLimit: Int) -> Int {
        accountLimit >= Limits.accountConcurrency ? Limits.unreservedMinimum
            : accountLimit * Limits.unreservedMinimum / Limits.accountConcurrency
    }

    func snapshot() -> State { state.withLock { $0 } }

    func setAccountLimit(_ limit: Int) throws(LambdaServiceError) {
        try state.withLock { state throws(LambdaServiceError) in
            let reserved = state.reservations.values.reduce(0, +)
            let minimum = Self.unreservedMinimum(accountLimit: limit)
            guard limit - reserved >= minimum else {
                throw .invalid("The account limit \(limit) leaves \(limit - reserved) unreserved, below the minimum of \(minimum): the functions' reservations (\(reserved)) must shrink first.")
            }
            state.accountLimit = limit
        }
    }

    /// PutFunctionConcurrency's check and effect (nil removes the reservation).
    func setReservation(_ function: String, _ value: Int?) throws(LambdaServiceError) {
        try state.withLock { state throws(LambdaServiceError) in
            if let value {
                let others = state.reservations.filter { $0.key != function }.values.reduce(0, +)
                let minimum = Self.unreservedMinimum(accountLimit: state.accountLimit)
                guard value >= 0, state.accountLimit - others - value >= minimum else {
                    throw .invalid("Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [\(minimum)].")
                }
            }
            state.reservations[function] = value
        }
    }

    func setProvisioned(_ key: String, _ value: Int?) {
        state.withLock { $0.provisioned[key] = value }
    }

    /// Admits one invocation of `function` (through `provisionedKey`, the qualifier's
    /// provisioned setting, if it has one) or throws the throttle AWS would.
    func admit(function: String, provisionedKey: String?) throws(LambdaServiceError) -> (Admission, usesProvisioned: Bool) {
        try state.withLock { state throws(LambdaServiceError) -> (Admission, usesProvisioned: Bool) in
            let running = state.running[function, default: 0]
            let reserved = state.reservations[function]
            if let reserved {
                guard running < reserved else {
                    throw LambdaServiceError(.tooManyRequests, "Rate Exceeded.", reason: .reservedFunctionConcurrentInvocationLimitExceeded)
                }
            } else {
                let pool = state.accountLimit - state.reservations.values.reduce(0, +)
                guard state.runningUnreserved < pool else {
                    throw LambdaServiceError(.tooManyRequests, "Rate Exceeded.", reason: .concurrentInvocationLimitExceeded)
                }
                state.runningUnreserved += 1
            }
            state.running[function] = running + 1
            state.peaks[function] = max(state.peaks[function, default: 0], running + 1)
            var held: String?
            if let key = provisionedKey, let capacity = state.provisioned[key], state.provisionedBusy[key, default: 0] < capacity {
                state.provisionedBusy[key, default: 0] += 1
                held = key
            }
            return (Admission(function: function, reserved: reserved != nil, provisionedKey: held), held != nil)
        }
    }

    func release(_ admission: Admission) {
        state.withLock { state in
            state.running[admission.function, default: 1] -= 1
            if !admission.reserved { state.runningUnreserved -= 1 }
            if let key = admission.provisionedKey { state.provisionedBusy[key, default: 1] -= 1 }
        }
    }

    /// Units in flight for `function` now.
    func running(_ function: String) -> Int { state.withLock { $0.running[function, default: 0] } }

    func forget(_ function: String) {
        state.withLock { state in
            state.reservations[function] = nil
            state.provisioned = state.provisioned.filter { !$0.key.hasPrefix(function + ":") }
        }
    }
}
