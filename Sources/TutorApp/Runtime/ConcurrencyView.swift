import Foundation
import LambdaModel
import LambdaService
import MiniLambda
import TerminalUI

/// What concurrent invocations came to (`invoke --concurrent`, `load --rps`), and the
/// account's concurrency (`account`).
enum ConcurrencyView {
    /// One invocation's outcome, as the caller saw it.
    enum Outcome: Sendable {
        case ran(InvocationResult)
        /// 429 TooManyRequestsException with its Reason: Lambda's throttle.
        case throttled(LambdaServiceError.ThrottleReason?)
        /// Refused by the tutor's own cap on processes (not an AWS throttle).
        case localCap
        case failed(String)
    }

    /// The summary, each line wrapped to `width` between words (continuations under its text).
    static func summary(_ outcomes: [Outcome], heading: String, width: Int, style: Style) -> String {
        var ran: [InvocationResult] = []
        var throttles: [String: Int] = [:]
        var capped = 0
        var failures: [String] = []
        for outcome in outcomes {
            switch outcome {
            case .ran(let result): ran.append(result)
            case .throttled(let reason): throttles[reason?.rawValue ?? "no Reason", default: 0] += 1
            case .localCap: capped += 1
            case .failed(let message): failures.append(message)
            }
        }
        let cold = ran.filter(\.coldStart).count
        let errors = ran.filter { $0.status != .success }.count
        var parts = ["\(ran.count) ran (\(cold) cold, \(ran.count - cold) warm\(errors > 0 ? ", \(errors) with a function error" : ""))"]
        let throttled = throttles.values.reduce(0, +)
        parts.append(throttled > 0 ? style.warning("\(throttled) throttled") : "0 throttled")
        var lines = [style.bold(heading) + ": " + parts.joined(separator: ", ")]
        for (reason, count) in throttles.sorted(by: { $0.key < $1.key }) {
            lines.append("  429 TooManyRequestsException, Reason: \(reason) ×\(count)")
        }
        if capped > 0 {
            lines.append("  \(capped) refused by the tutor's local cap on environments (a limit of this machine's, not an AWS throttle; 'envs' shows them)")
        }
        for (message, count) in Dictionary(failures.map { ($0, 1) }, uniquingKeysWith: +).sorted(by: { $0.key < $1.key }) {
            lines.append("  failed ×\(count): \(message)")
        }
        if !ran.isEmpty {
            let durations = ran.map(\.durationMs).sorted()
            var line = "  Duration p50 \(ms(percentile(durations, 0.5))) · p99 \(ms(percentile(durations, 0.99))) · max \(ms(durations.last ?? 0))"
            let inits = ran.compactMap(\.initDurationMs).sorted()
            if !inits.isEmpty { line += " · Init p50 \(ms(percentile(inits, 0.5)))" }
            lines.append(line)
            let versions = Dictionary(ran.map { ($0.executedVersion, 1) }, uniquingKeysWith: +)
            if versions.count > 1 || versions.keys.first != FunctionVersion.latest {
                lines.append("  Executed versions: " + versions.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))
            }
        }
        return lines.flatMap { line in
            TextWrapper.wrap(line, width: width, hangingIndent: line.hasPrefix("  ") ? 4 : 2)
        }.joined(separator: "\n")
    }

    static func account(_ settings: AccountSettings, reserved: [(String, Int)], localCap: Int, style: Style) -> String {
        let limit = settings.accountLimit
        var lines = [style.bold("Account concurrency") + ": \(limit.concurrentExecutions)"
            + (settings.setForTeaching ? style.warning(" (set for teaching; AWS's default is \(Facts.accountConcurrency.display))") : " (AWS's default)")]
        lines.append("  unreserved: \(limit.unreservedConcurrentExecutions) (at least \(settings.unreservedMinimum) always stay unreserved)")
        if reserved.isEmpty {
            lines.append("  reserved: none (fn config NAME reserved=N reserves some for a function)")
        } else {
            lines.append("  reserved: " + reserved.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
        }
        lines.append("  functions: \(settings.accountUsage.functionCount)")
        lines.append(style.dim("  The tutor's own cap: at most \(localCap) environments run as processes on this machine at once — a resource guard, not an AWS limit."))
        return lines.joined(separator: "\n")
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
    }

    static func ms(_ value: Double) -> String { String(format: "%.2f ms", value) }
}
