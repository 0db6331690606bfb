import Foundation

/// Billed duration and cost of one invocation, with the rule for INIT made explicit. Beside
/// ``CostEstimate`` in the pure domain so the runtime's REPORT (MiniLambda), the service and
/// the simulator can share one rule.
package enum Billing {
    /// `ceil(Duration)`, plus Init Duration on a cold start when `includeInit` (AWS since
    /// August 2025: ``Facts/initBilledSince``).
    ///
    /// Both durations are taken as the REPORT line shows them, to 2 decimals, so a learner can
    /// redo the sum from the line: `Duration: 27.00 ms` bills 27 ms, never 28 for a hidden
    /// 27.003 ms.
    package static func billedMilliseconds(durationMs: Double, initDurationMs: Double?, includeInit: Bool) -> Int {
        let hundredths = asDisplayed(durationMs) + (includeInit ? asDisplayed(initDurationMs ?? 0) : 0)
        // A whole number of hundredths over 100 is exact or at least 0.01 from a whole
        // millisecond, so rounding it up cannot be pushed over by the division.
        return Int(billedRunMilliseconds(Double(hundredths) / 100))
    }

    /// AWS's rule for the time a run is billed (lambda-facts.md §2, "rounded up to the nearest
    /// 1 ms"): up to the next ``Facts/billingGranularity``, and never less than one unit. The
    /// REPORT line, `calc cost` and the simulator all bill through it.
    ///
    /// A handler's run always takes some time on Lambda, so 0 ms cannot be billed there; here
    /// it can arise (a run shorter than the REPORT's 0.01 ms, or `calc cost --duration 0ms`),
    /// and it is billed as the 1 ms the shortest real run is billed.
    package static func billedRunMilliseconds(_ durationMs: Double) -> Double {
        let unit = Facts.billingGranularity.value
        return max(unit, (durationMs / unit).rounded(.up) * unit)
    }

    /// INIT time as billed by itself (the estimates' cold starts): rounded up like a run, but
    /// 0 stays 0: no INIT phase, nothing to bill.
    package static func billedInitMilliseconds(_ initMs: Double) -> Double {
        let unit = Facts.billingGranularity.value
        return (max(0, initMs) / unit).rounded(.up) * unit
    }

    /// A duration in hundredths of a millisecond, rounded as `String(format: "%.2f")` shows it.
    private static func asDisplayed(_ milliseconds: Double) -> Int {
        Int((milliseconds * 100).rounded())
    }

    package static func cost(billedMs: Int, memoryMB: Int, ephemeralMB: Int = Facts.ephemeralDefault.int) -> Double {
        CostEstimate.singleInvocation(billedMs: billedMs, memoryMB: memoryMB, ephemeralMB: ephemeralMB)
    }
}
