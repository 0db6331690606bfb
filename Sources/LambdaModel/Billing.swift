import Foundation

/// Billed duration and cost of one invocation, with the rule for INIT made explicit. Beside
/// ``CostEstimate`` in the pure domain so the runtime's REPORT (MiniLambda), the service and
/// the simulator can share one rule.
public enum Billing {
    /// `ceil(Duration)`, plus Init Duration on a cold start when `includeInit` (AWS since
    /// August 2025: ``Facts/initBilledSince``).
    ///
    /// Both durations are taken as the REPORT line shows them, to 2 decimals, so a learner can
    /// redo the sum from the line: `Duration: 27.00 ms` bills 27 ms, never 28 for a hidden
    /// 27.003 ms.
    public static func billedMilliseconds(durationMs: Double, initDurationMs: Double?, includeInit: Bool) -> Int {
        let hundredths = asDisplayed(durationMs) + (includeInit ? asDisplayed(initDurationMs ?? 0) : 0)
        let milliseconds = (hundredths + 99) / 100
        return max(milliseconds, Facts.billingGranularity.int)
    }

    /// A duration in hundredths of a millisecond, rounded as `String(format: "%.2f")` shows it.
    private static func asDisplayed(_ milliseconds: Double) -> Int {
        Int((milliseconds * 100).rounded())
    }

    public static func cost(billedMs: Int, memoryMB: Int, ephemeralMB: Int = Facts.ephemeralDefault.int) -> Double {
        CostEstimate.singleInvocation(billedMs: billedMs, memoryMB: memoryMB, ephemeralMB: ephemeralMB)
    }
}
