import LambdaModel

/// The simplifications and assumptions behind a run, as footnote lines for wherever its output
/// is shown. Only the ones that matter for the scenario are listed.
package enum ModelNotes {
    package static func notes(for scenario: Scenario) -> [String] {
        var notes = [
            "Model: one step per simulated second; requests in a second are spread evenly, so concurrency is each second's average (rate × duration), not the sub-second peak real traffic reaches.",
        ]
        let functions = scenario.functions
        let defaultInit = functions.contains { abs($0.initSeconds - Assumptions.initSeconds) < 1e-9 }
        let idleDefault = functions.contains { $0.idleLifetimeSeconds == Assumptions.idleLifetimeSeconds }
        var assumptions: [String] = []
        if defaultInit {
            assumptions.append("INIT \(DurationModel.format(Assumptions.initSeconds)) per cold start (the middle of AWS's \"under \(Facts.coldStartFast.display) to over \(Facts.coldStartSlow.display)\"; --init)")
        }
        if idleDefault {
            assumptions.append("idle environments kept \(Clock.label(Assumptions.idleLifetimeSeconds)) (--idle)")
        }
        if !assumptions.isEmpty {
            notes.append("Assumptions AWS does not publish: " + assumptions.joined(separator: ", ") + ".")
        }
        switch scenario.scaling {
        case .perFunction:
            notes.append("Scaling: each function may add \(Number.grouped(Facts.scalingRate.value)) environments per \(Facts.scalingInterval.int) s, refilled continuously (\(Number.grouped(ScalingModel.refillPerSecond)) a second) and never saved up.")
        case .accountBurst:
            notes.append("History: this is the scaling model replaced in \(Facts.perFunctionScalingSince.display); today each function scales on its own.")
        }
        if functions.contains(where: { $0.provisioned > 0 }) {
            notes.append("Provisioned environments are ready at t = 0 and never recycled; in reality allocation takes a minute or two and environments are replaced now and then.")
        }
        if functions.contains(where: { if case .queue = $0.caller { return true } else { return false } }) {
            notes.append("SQS pollers halve their concurrency after a throttled second (AWS says they back off, not by how much); throttled messages return to the queue at once.")
        }
        if functions.contains(where: { if case .async = $0.caller { return true } else { return false } }) {
            notes.append("Throttled async events are retried on the documented schedule (1 s doubling to 5 min) without jitter, so retries come in waves.")
        }
        if functions.count > 1 {
            notes.append("Functions without reserved concurrency share the rest of the pool each second in proportion to what they ask for.")
        }
        notes.append("Function errors and timeouts are not simulated; every invocation that runs succeeds.")
        return notes
    }
}
