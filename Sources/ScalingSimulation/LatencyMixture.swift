/// Latency percentiles over every invocation that ran: warm ones take the duration, cold ones
/// the duration plus INIT.
///
/// The durations are independent of time, so the mix is fully described by the two counts;
/// percentiles come from the mixed distribution directly (no per-request sampling).
struct LatencyMixture {
    let duration: DurationModel
    let initSeconds: Double
    let warm: Double
    let cold: Double

    var total: Double { warm + cold }

    func cdf(_ x: Double) -> Double {
        guard total > 0 else { return 0 }
        return (warm * duration.cdf(x) + cold * duration.cdf(x - initSeconds)) / total
    }

    /// The `p` quantile in seconds, or nil when nothing ran.
    func quantile(_ p: Double) -> Double? {
        guard total > 0 else { return nil }
        if case .fixed(let seconds) = duration {
            // Two values: the warm duration and duration + INIT.
            return warm / total >= p ? seconds : seconds + initSeconds
        }
        var low = 0.0, high = DurationModel.cap + initSeconds
        for _ in 0..<100 {
            let mid = (low + high) / 2
            if cdf(mid) < p { low = mid } else { high = mid }
        }
        return high
    }

    var mean: Double? {
        guard total > 0 else { return nil }
        let base = OccupancyKernel.shares(duration, shift: 0).reduce(0, +)
        return base + initSeconds * cold / total
    }
}
