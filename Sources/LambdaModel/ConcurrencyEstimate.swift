/// Concurrency needed for a steady workload, checked against the limits that would throttle it.
///
/// Concurrency = requests per second × average duration in seconds. Two separate limits apply:
/// the concurrency limit (account pool or a function's reserved concurrency) and the synchronous
/// request-rate limit of 10 × that concurrency. The second catches very short functions at very
/// high rates, which the formula alone misses.
package struct ConcurrencyEstimate: Sendable, Hashable {
    package enum LimitKind: String, Sendable, Hashable {
        case account = "account limit"
        case reserved = "reserved concurrency"
    }

    package let requestsPerSecond: Double
    package let durationSeconds: Double
    /// The exact product (may be fractional).
    package let concurrency: Double
    /// Environments needed: the product rounded up.
    package let environments: Int
    package let limit: Int
    package let limitKind: LimitKind
    /// Requests per second allowed by the rate limit at this concurrency limit.
    package let requestRateLimit: Int
    package var exceedsConcurrencyLimit: Bool { environments > limit }
    package var exceedsRequestRateLimit: Bool { requestsPerSecond > Double(requestRateLimit) }
    package var throttles: Bool { exceedsConcurrencyLimit || exceedsRequestRateLimit }
    /// The smallest limit that serves the workload without throttling (both checks).
    package var limitNeeded: Int { max(environments, limitNeededByRate) }
    /// The smallest limit whose request-rate limit (10 × the limit) covers the request rate.
    package var limitNeededByRate: Int { Int((requestsPerSecond / Facts.rpsPerConcurrency.value).rounded(.up)) }
    /// True when the request rate, not concurrency, sets ``limitNeeded``. Then a shorter
    /// duration would not lower the limit needed: the rate limit counts requests, not
    /// environments, so only a higher limit or fewer requests help.
    package var requestRateSetsLimit: Bool { exceedsRequestRateLimit && limitNeededByRate >= environments }
    /// Seconds of steady scaling from zero to the environments needed (1,000 more every 10 s).
    package var secondsToScale: Int {
        let steps = (Double(min(environments, limit)) / Facts.scalingRate.value).rounded(.up)
        return Int(max(0, steps - 1) * Facts.scalingInterval.value)
    }

    /// - Parameters:
    ///   - reservedConcurrency: the function's reserved concurrency, if set; otherwise the
    ///     account limit applies.
    ///   - accountLimit: the account's concurrency quota (default from the facts table).
    package init(requestsPerSecond: Double, durationSeconds: Double, reservedConcurrency: Int? = nil,
                accountLimit: Int = Limits.accountConcurrency) {
        self.requestsPerSecond = requestsPerSecond
        self.durationSeconds = durationSeconds
        let product = requestsPerSecond * durationSeconds
        // Guard against 59.99999 → 60 style floating error before rounding up.
        let cleaned = (product * 1_000_000).rounded() / 1_000_000
        self.concurrency = cleaned
        self.environments = Int(cleaned.rounded(.up))
        if let reserved = reservedConcurrency {
            self.limit = reserved
            self.limitKind = .reserved
        } else {
            self.limit = accountLimit
            self.limitKind = .account
        }
        self.requestRateLimit = limit * Facts.rpsPerConcurrency.int
    }
}
