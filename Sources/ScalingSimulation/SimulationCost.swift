import LambdaModel

/// The bill for a run, worked out by ``CostEstimate`` (the code `calc cost` uses), never by
/// prices of its own.
///
/// The simulator knows which invocations ran on provisioned environments and which spilled
/// over, so it prices the two parts separately: one estimate with the provisioned charge and the
/// duration on provisioned concurrency, one at on-demand rates with the INIT time of every cold
/// start (billed since 2025-08-01). Each estimate bills its own requests.
package struct SimulationCost: Sendable {
    package let provisioned: CostEstimate?
    package let onDemand: CostEstimate?
    /// Seconds the bill covers (the run).
    package let periodSeconds: Int
    /// The same pattern repeated for a 30-day month, when the run is shorter than that (and a
    /// steady load or at least an hour long).
    package let monthlyTotal: Double?

    package var total: Double { (provisioned?.total ?? 0) + (onDemand?.total ?? 0) }

    /// Every line of both estimates, provisioned first.
    package var lines: [CostEstimate.Line] { (provisioned?.lines ?? []) + (onDemand?.lines ?? []) }

    /// Provisioned on Arm: the facts table has checked provisioned prices for x86 only.
    let armProvisioned: Bool

    package var notes: [String] {
        var notes: [String] = []
        if armProvisioned {
            notes.append("Provisioned concurrency on Arm: the facts table has checked prices for x86 only, so the provisioned lines use the x86 rates (Arm's are reported to be about 20% lower).")
        }
        // The even-spread assumption is the calculator's: the simulator counted which
        // invocations ran on provisioned environments.
        var assumptions: [CostEstimate.Assumption] = []
        for assumption in (provisioned?.assumptions ?? []) + (onDemand?.assumptions ?? [])
        where assumption != .evenSpread && !assumptions.contains(assumption) {
            assumptions.append(assumption)
        }
        return notes + assumptions.map(\.text)
    }

    static let monthSeconds = 30 * 86_400

    init(spec: FunctionSpec, totals: FunctionTotals, meanDuration: Double, lengthSeconds: Int) {
        periodSeconds = lengthSeconds
        armProvisioned = spec.provisioned > 0 && spec.architecture == .arm64
        let build = { (factor: Double, hours: Double) -> (CostEstimate?, CostEstimate?) in
            let durationMs = meanDuration * 1000
            var provisioned: CostEstimate?
            var onDemand: CostEstimate?
            // Whole invocations on each side of the split (the split itself is fluid).
            let onPC = spec.provisioned > 0 ? totals.onProvisioned.rounded() : 0
            let spill = max(0, totals.invocations.rounded() - onPC)
            if spec.provisioned > 0 {
                provisioned = CostEstimate(CostEstimate.Input(
                    requests: onPC * factor, durationMs: durationMs, memoryMB: spec.memoryMB, architecture: spec.architecture,
                    provisioned: spec.provisioned, provisionedHours: hours))
            }
            if spill > 0 || spec.provisioned == 0 {
                onDemand = CostEstimate(CostEstimate.Input(
                    requests: spill * factor, durationMs: durationMs, memoryMB: spec.memoryMB, architecture: spec.architecture,
                    initMs: spec.initSeconds * 1000, coldStartRate: spill > 0 ? min(1, totals.coldStarts / spill) : 0))
            }
            return (provisioned, onDemand)
        }
        (provisioned, onDemand) = build(1, Double(lengthSeconds) / 3600)
        // A month of a pattern only makes sense for a steady load or a run of an hour or more;
        // thirty days of a five-minute spike is not a forecast.
        let repeatable: Bool
        if case .steady = spec.traffic { repeatable = true } else { repeatable = lengthSeconds >= 3_600 }
        if lengthSeconds < Self.monthSeconds, repeatable {
            let month = build(Double(Self.monthSeconds) / Double(lengthSeconds), Double(Self.monthSeconds) / 3600)
            monthlyTotal = (month.0?.total ?? 0) + (month.1?.total ?? 0)
        } else {
            monthlyTotal = nil
        }
    }
}
