import Foundation
import LambdaModel

/// Requests (or events, or messages) per second over simulated time.
///
/// Rates may be fractional; the simulator turns them into whole arrivals per second by carrying
/// the remainder, so 0.5 per second gives one arrival every other second.
package enum TrafficProfile: Sendable, Hashable {
    /// The same rate from t = 0 (with nothing warm: a step from zero at t = 0).
    case steady(rps: Double)
    /// `from` until `at`, then `to`.
    case step(from: Double, to: Double, at: Int)
    /// `from` until `start`, straight up (or down) to `to` over `length` seconds, then `to`.
    case ramp(from: Double, to: Double, start: Int, length: Int)
    /// `base`, then `peak` for `length` seconds from `start`, then `base` again.
    case spike(base: Double, peak: Double, start: Int, length: Int)
    /// A day-shaped wave between `low` (at t = 0) and `high` (half a period later).
    case sine(low: Double, high: Double, period: Int)
    /// One rate per second (from a CSV); zero after the last.
    case series([Double])

    /// Rate at second `t` (t ≥ 0).
    @inline(__always)
    package func rate(at t: Int) -> Double {
        switch self {
        case .steady(let rps):
            return rps
        case .step(let from, let to, let at):
            return t < at ? from : to
        case .ramp(let from, let to, let start, let length):
            if t < start { return from }
            if length <= 0 || t >= start + length { return to }
            return from + (to - from) * Double(t - start) / Double(length)
        case .spike(let base, let peak, let start, let length):
            return t >= start && t < start + length ? peak : base
        case .sine(let low, let high, let period):
            guard period > 0 else { return low }
            let phase = 2 * Double.pi * Double(t % period) / Double(period)
            return low + (high - low) * (1 - cos(phase)) / 2
        case .series(let values):
            return t < values.count ? values[t] : 0
        }
    }

    /// Highest rate the profile reaches.
    package var peak: Double {
        switch self {
        case .steady(let rps): rps
        case .step(let from, let to, _): max(from, to)
        case .ramp(let from, let to, _, _): max(from, to)
        case .spike(let base, let peak, _, _): max(base, peak)
        case .sine(let low, let high, _): max(low, high)
        case .series(let values): values.max() ?? 0
        }
    }

    /// A length that shows the whole shape, for when the learner gives none.
    package var suggestedLength: Int {
        let fiveMinutes = 300
        switch self {
        case .steady: return fiveMinutes
        case .step(_, _, let at): return max(fiveMinutes, at + 180)
        case .ramp(_, _, let start, let length): return max(fiveMinutes, start + length + 120)
        case .spike(_, _, let start, let length): return max(fiveMinutes, start + length + 180)
        case .sine(_, _, let period): return period
        case .series(let values): return max(1, values.count)
        }
    }

    /// The profile in words, for the scenario header: `unit` is what is counted per second
    /// (`requests/s`, `events/s`).
    package func summary(unit: String) -> String {
        func r(_ value: Double) -> String { Number.grouped(value) }
        switch self {
        case .steady(let rps): return "\(r(rps)) \(unit) from t = 0"
        case .step(let from, let to, let at): return "\(r(from)) → \(r(to)) \(unit) at \(Clock.label(at))"
        case .ramp(let from, let to, let start, let length):
            return "\(r(from)) → \(r(to)) \(unit), ramp over \(Clock.label(length))" + (start > 0 ? " from \(Clock.label(start))" : "")
        case .spike(let base, let peak, let start, let length):
            return "\(r(base)) \(unit), spike to \(r(peak)) for \(Clock.label(length)) at \(Clock.label(start))"
        case .sine(let low, let high, let period): return "\(r(low))–\(r(high)) \(unit) in a wave of \(Clock.label(period))"
        case .series(let values): return "\(Clock.label(values.count)) from CSV, peak \(r(values.max() ?? 0)) \(unit)"
        }
    }
}

/// Simulated-time labels: `45s`, `2m`, `1m30s`, `3h`, `1d2h`.
package enum Clock {
    package static func label(_ seconds: Int) -> String {
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 {
            let m = seconds / 60, s = seconds % 60
            return s == 0 ? "\(m)m" : "\(m)m\(s)s"
        }
        if seconds < 86_400 {
            let h = seconds / 3600, m = (seconds % 3600) / 60
            return m == 0 ? "\(h)h" : "\(h)h\(m)m"
        }
        let d = seconds / 86_400, h = (seconds % 86_400) / 3600
        return h == 0 ? "\(d)d" : "\(d)d\(h)h"
    }
}
