/// How the busy time of one request spreads over the simulated seconds after it starts.
///
/// The simulator advances one second at a time. Requests admitted in a second are taken to
/// start at its beginning, so a request of duration d keeps an environment busy for
/// min(1, d − k) of second k (k = 0, 1, …). Averaged over the duration distribution, that gives
/// `warm[k]`; a cold start adds its INIT time before the handler, which `coldExtra[k]` adds on
/// top. The concurrency of a second is then a weighted sum of recent admissions: with d < 1 s it
/// is simply rate × d (Little's law), and the sum over k is the mean duration, so steady states
/// are exact while ramps lag by at most a second.
struct OccupancyKernel: Sendable {
    /// Busy share of second k for a warm request.
    let warm: [Double]
    /// Extra busy share of second k for a cold request (its INIT), on top of `warm`.
    let coldExtra: [Double]
    /// Mean busy seconds of a warm request: the mean duration (capped at the timeout).
    let meanDuration: Double

    var count: Int { warm.count }

    init(duration: DurationModel, initSeconds: Double) {
        let warmShares = Self.shares(duration, shift: 0)
        let coldShares = Self.shares(duration, shift: initSeconds)
        let count = max(warmShares.count, coldShares.count)
        var warm = warmShares + Array(repeating: 0, count: count - warmShares.count)
        let cold = coldShares + Array(repeating: 0, count: count - coldShares.count)
        // Shares below a billionth are noise from the numeric integration.
        for index in warm.indices where warm[index] < 1e-12 { warm[index] = 0 }
        self.warm = warm
        self.coldExtra = zip(cold, warm).map { max(0, $0 - $1) }
        self.meanDuration = warm.reduce(0, +)
    }

    /// E[clamp(D + shift − k, 0, 1)] for k = 0, 1, …, i.e. ∫ from k − shift to k + 1 − shift of
    /// the survival function (which is 1 below zero).
    static func shares(_ duration: DurationModel, shift: Double) -> [Double] {
        switch duration {
        case .fixed(let seconds):
            let total = min(seconds, DurationModel.cap) + shift
            let count = max(1, Int(total.rounded(.up)))
            return (0..<count).map { k in min(1, max(0, total - Double(k))) }
        case .lognormal:
            var result: [Double] = []
            var k = 0
            let limit = Int((DurationModel.cap + shift).rounded(.up))
            while k <= limit {
                let share = integrateSurvival(duration, from: Double(k) - shift, to: Double(k) + 1 - shift)
                result.append(share)
                if share < 1e-12, Double(k) - shift > duration.median { break }
                k += 1
            }
            while result.count > 1, let last = result.last, last < 1e-12 { result.removeLast() }
            return result
        }
    }

    /// ∫ survival(x) dx over [a, b] (Simpson's rule; exact 1 per second below zero).
    static func integrateSurvival(_ duration: DurationModel, from a: Double, to b: Double) -> Double {
        var total = 0.0
        var lower = a
        if lower < 0 {
            total += min(b, 0) - lower
            lower = 0
        }
        guard b > lower else { return total }
        let n = 128
        let h = (b - lower) / Double(n)
        var sum = duration.survival(lower) + duration.survival(b)
        for i in 1..<n {
            sum += duration.survival(lower + Double(i) * h) * (i % 2 == 1 ? 4 : 2)
        }
        return total + sum * h / 3
    }
}
