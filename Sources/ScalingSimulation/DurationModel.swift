import Foundation
import LambdaModel

/// How long one invocation runs (the handler, not INIT).
package enum DurationModel: Sendable, Hashable {
    /// Every invocation takes the same time.
    case fixed(seconds: Double)
    /// Log-normal, fitted to a median and a 99th percentile: the usual shape of service latency
    /// (most calls near the median, a long slow tail).
    case lognormal(p50: Double, p99: Double)

    /// z-score of the 99th percentile of a standard normal distribution.
    static let z99 = 2.326_347_874_040_841

    /// Longest duration there is: the maximum timeout. Longer runs would have timed out.
    static var cap: Double { Facts.timeoutMax.value }

    var mu: Double {
        switch self {
        case .fixed(let s): log(s)
        case .lognormal(let p50, _): log(p50)
        }
    }

    var sigma: Double {
        switch self {
        case .fixed: 0
        case .lognormal(let p50, let p99): max(1e-9, (log(p99) - log(p50)) / Self.z99)
        }
    }

    /// The median.
    package var median: Double {
        switch self {
        case .fixed(let s): s
        case .lognormal(let p50, _): p50
        }
    }

    /// Probability that an invocation runs longer than `x` seconds (0 at the timeout cap).
    @inline(__always)
    func survival(_ x: Double) -> Double {
        if x < 0 { return 1 }
        if x >= Self.cap { return 0 }
        switch self {
        case .fixed(let s):
            return x < s ? 1 : 0
        case .lognormal:
            if x <= 0 { return 1 }
            return 0.5 * erfc((log(x) - mu) / (sigma * 2.0.squareRoot()))
        }
    }

    /// Probability that an invocation takes at most `x` seconds.
    func cdf(_ x: Double) -> Double { 1 - survival(x) }

    /// The `p` quantile (0 < p < 1) of the distribution, found by bisection on the CDF.
    package func quantile(_ p: Double) -> Double {
        switch self {
        case .fixed(let s): return min(s, Self.cap)
        case .lognormal:
            var low = 0.0, high = Self.cap
            for _ in 0..<100 {
                let mid = (low + high) / 2
                if cdf(mid) < p { low = mid } else { high = mid }
            }
            return high
        }
    }

    /// A short description (`200 ms`, `p50 120 ms, p99 900 ms`).
    package var summary: String {
        switch self {
        case .fixed(let s): Self.format(s)
        case .lognormal(let p50, let p99): "p50 \(Self.format(p50)), p99 \(Self.format(p99)) (log-normal)"
        }
    }

    /// `200 ms`, `316.2 ms`, `1.5 s`, `2.32 s` (to 0.1 ms below a second, 10 ms above).
    package static func format(_ seconds: Double) -> String {
        seconds < 1 ? "\(Number.grouped((seconds * 1000 * 10).rounded() / 10)) ms" : "\(Number.grouped((seconds * 100).rounded() / 100)) s"
    }
}
