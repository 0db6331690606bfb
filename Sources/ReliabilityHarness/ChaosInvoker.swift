import Foundation
import MiniLambda
import Synchronization

/// A stand-in for the workers that fails at random and remembers what it returned, so a
/// reliability run can be checked against the handler's own record rather than against the
/// machinery's counts. Each attempt's outcome is a hash of the seed, the event (an async
/// payload, or an SQS record's body) and how many times that event was seen before, so a run
/// repeats from its seed whatever order the concurrent attempts arrive in.
///
/// Async payloads (`{"n":…}`) get one outcome each: success, a function error or a timeout.
/// SQS batches (`{"Records":[…]}`) get one for the batch (an error or a timeout fails it
/// whole); a batch that runs then fails each record on its own with ``itemFailureRate`` and
/// names those in `batchItemFailures`. Nothing waits: a timeout is answered at once with
/// Lambda's `Sandbox.Timedout` error.
package final class ChaosInvoker: FunctionInvoking {
    package enum Outcome: String, Sendable, Hashable, CaseIterable {
        case success, error, timeout
        /// An SQS record the handler reported in `batchItemFailures` (its batch ran).
        case itemFailure
    }

    package let seed: UInt64
    package let errorRate: Double
    package let timeoutRate: Double
    package let itemFailureRate: Double
    /// Per event key, what each delivery got, in order.
    let record = Mutex<[String: [Outcome]]>([:])
    /// Every payload received, in order, when ``keepsPayloads`` (the benchmark replays them
    /// into a fresh invoker with the same seed, which then answers exactly the same).
    let received = Mutex<[Data]>([])
    package let keepsPayloads: Bool

    package init(seed: UInt64, errorRate: Double = 0.25, timeoutRate: Double = 0.1, itemFailureRate: Double = 0.2, keepsPayloads: Bool = false) {
        self.seed = seed
        self.keepsPayloads = keepsPayloads
        self.errorRate = errorRate
        self.timeoutRate = timeoutRate
        self.itemFailureRate = itemFailureRate
    }

    /// What each event got, delivery by delivery.
    package var outcomes: [String: [Outcome]] { record.withLock { $0 } }

    /// How many deliveries got `outcome`, over every event.
    package func count(_ outcome: Outcome) -> Int {
        record.withLock { $0.values.reduce(0) { $0 + $1.count { $0 == outcome } } }
    }

    /// The payloads received so far (empty unless ``keepsPayloads``).
    package var payloads: [Data] { received.withLock { $0 } }

    package func invoke(package: FunctionPackage, payload: Data, options: InvokeOptions) async throws(MiniLambdaError) -> InvocationResult {
        if keepsPayloads { received.withLock { $0.append(payload) } }
        let object = (try? JSONSerialization.jsonObject(with: payload)) as? [String: Any] ?? [:]
        if let records = object["Records"] as? [[String: Any]] {
            return batch(records, package: package)
        }
        let key = (object["n"] as? Int).map(String.init) ?? String(decoding: payload, as: UTF8.self)
        let outcome = record.withLock { record -> Outcome in
            let outcome = roll(key, record[key]?.count ?? 0)
            record[key, default: []].append(outcome)
            return outcome
        }
        return result(outcome, package: package, payload: Data(#"{"ok":true}"#.utf8))
    }

    private func batch(_ records: [[String: Any]], package: FunctionPackage) -> InvocationResult {
        let bodies = records.map { $0["body"] as? String ?? "" }
        let ids = records.map { $0["messageId"] as? String ?? "" }
        let failed = record.withLock { record -> [String]? in
            let first = bodies.first ?? ""
            let outcome = roll("batch:" + first, record[first]?.count ?? 0)
            if outcome != .success {
                for body in bodies { record[body, default: []].append(outcome) }
                return nil
            }
            var failed: [String] = []
            for (body, id) in zip(bodies, ids) {
                let item = unit(hash("item:" + body, record[body]?.count ?? 0)) < itemFailureRate ? Outcome.itemFailure : .success
                record[body, default: []].append(item)
                if item == .itemFailure { failed.append(id) }
            }
            return failed
        }
        guard let failed else {
            let outcome = record.withLock { $0[bodies.first ?? ""]?.last } ?? .error
            return result(outcome, package: package, payload: Data())
        }
        let items = failed.map { #"{"itemIdentifier":"\#($0)"}"# }.joined(separator: ",")
        return result(.success, package: package, payload: Data(#"{"batchItemFailures":[\#(items)]}"#.utf8))
    }

    private func roll(_ key: String, _ delivery: Int) -> Outcome {
        let value = unit(hash(key, delivery))
        return value < errorRate ? .error : value < errorRate + timeoutRate ? .timeout : .success
    }

    private func result(_ outcome: Outcome, package: FunctionPackage, payload: Data) -> InvocationResult {
        let timeout = Double(package.configuration.timeout)
        switch outcome {
        case .success, .itemFailure:
            return InvocationResult(package: package, payload: payload, coldStart: false, durationMs: 1)
        case .error:
            var result = InvocationResult(package: package, status: .functionError, payload: Data(#"{"errorMessage":"chaos: a random failure","errorType":"ChaosError"}"#.utf8),
                                          coldStart: false, durationMs: 1)
            result.errorType = "ChaosError"
            return result
        case .timeout:
            var result = InvocationResult(package: package, status: .timeout, coldStart: false, durationMs: timeout * 1000)
            result.payload = Data(#"{"errorMessage":"Task timed out after \#(String(format: "%.2f", timeout)) seconds","errorType":"Sandbox.Timedout"}"#.utf8)
            result.errorType = "Sandbox.Timedout"
            return result
        }
    }

    /// FNV-1a over the seed, the key and the delivery number, finished with SplitMix64's mixer.
    private func hash(_ key: String, _ delivery: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for byte in key.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        h = (h ^ UInt64(delivery)) &* 0x100_0000_01b3
        h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 31)
    }

    private func unit(_ h: UInt64) -> Double { Double(h >> 11) / Double(1 << 53) }

    package func retireEnvironments(functionName: String?) async {}
    package func retireOutdatedEnvironments(current: FunctionPackage, keeping others: [FunctionPackage]) async {}
    package func prepareEnvironments(package: FunctionPackage, count: Int) async throws(MiniLambdaError) -> Int { count }
    package func shutdownAll() async {}
}
