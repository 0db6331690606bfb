/// What a run produced: per-function summaries, and the series if they were recorded.
package struct SimulationResult: Sendable {
    package let scenario: Scenario
    package let summaries: [FunctionSummary]
    /// Most executions in flight across the account in any second, and when.
    package let peakAccountConcurrency: Double
    package let peakAccountAt: Int
    /// Seconds per recorded sample (0 when nothing was recorded).
    package private(set) var bucketSeconds = 0
    /// `series[i]`: function i's samples; `account`: all functions added up.
    package private(set) var series: [[Sample]] = []
    package private(set) var account: [Sample] = []

    init(scenario: Scenario, summaries: [FunctionSummary], peakAccountConcurrency: Double, peakAccountAt: Int) {
        self.scenario = scenario
        self.summaries = summaries
        self.peakAccountConcurrency = peakAccountConcurrency
        self.peakAccountAt = peakAccountAt
    }

    func with(series recorder: SeriesRecorder) -> SimulationResult {
        var copy = self
        copy.bucketSeconds = recorder.bucketSeconds
        copy.series = recorder.functions
        copy.account = recorder.account
        return copy
    }

    /// The first function's summary (the one a single-function run is about).
    package var main: FunctionSummary { summaries[0] }
}
