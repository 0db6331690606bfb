import Testing
@testable import LambdaModel

@Suite("Concurrency estimate")
struct ConcurrencyEstimateTests {
    @Test("The fact sheet's examples: 100 rps × 0.5 s = 50; 5,000 rps × 0.2 s = 1,000",
          arguments: [(100.0, 0.5, 50), (5000.0, 0.2, 1000), (200.0, 0.3, 60)])
    func formula(rps: Double, seconds: Double, expected: Int) {
        let estimate = ConcurrencyEstimate(requestsPerSecond: rps, durationSeconds: seconds)
        #expect(estimate.environments == expected)
        #expect(!estimate.exceedsConcurrencyLimit)
    }

    @Test("20,000 rps × 50 ms needs 1,000 environments but breaks the 10 × concurrency rate limit")
    func rateLimit() {
        let estimate = ConcurrencyEstimate(requestsPerSecond: 20_000, durationSeconds: 0.05)
        #expect(estimate.environments == 1000)
        #expect(!estimate.exceedsConcurrencyLimit)
        #expect(estimate.exceedsRequestRateLimit)
        #expect(estimate.limitNeeded == 2000)
        #expect(estimate.throttles)
        #expect(estimate.requestRateSetsLimit, "the rate, not the concurrency, decides the limit here")
        // Halving the duration changes the concurrency but not the limit needed.
        let faster = ConcurrencyEstimate(requestsPerSecond: 20_000, durationSeconds: 0.025)
        #expect(faster.limitNeeded == 2000)
        #expect(faster.requestRateSetsLimit)
    }

    @Test("When concurrency sets the limit needed, shorter durations lower it")
    func concurrencySetsLimit() {
        let estimate = ConcurrencyEstimate(requestsPerSecond: 3000, durationSeconds: 1)
        #expect(estimate.limitNeeded == 3000)
        #expect(!estimate.requestRateSetsLimit)
        #expect(ConcurrencyEstimate(requestsPerSecond: 3000, durationSeconds: 0.5).limitNeeded == 1500)
    }

    @Test("Reserved concurrency replaces the account limit as the ceiling")
    func reserved() {
        let estimate = ConcurrencyEstimate(requestsPerSecond: 100, durationSeconds: 1, reservedConcurrency: 50)
        #expect(estimate.limitKind == .reserved)
        #expect(estimate.exceedsConcurrencyLimit)
        #expect(estimate.requestRateLimit == 500)
    }

    @Test("Fractional concurrency rounds up to whole environments")
    func roundsUp() {
        #expect(ConcurrencyEstimate(requestsPerSecond: 3, durationSeconds: 0.5).environments == 2)
        #expect(ConcurrencyEstimate(requestsPerSecond: 0.1, durationSeconds: 0.3).concurrency == 0.03)
    }

    @Test("Scaling adds 1,000 environments every 10 seconds")
    func scalingTime() {
        #expect(ConcurrencyEstimate(requestsPerSecond: 1000, durationSeconds: 1, accountLimit: 5000).secondsToScale == 0)
        #expect(ConcurrencyEstimate(requestsPerSecond: 3000, durationSeconds: 1, accountLimit: 5000).secondsToScale == 20)
    }
}
