import Testing
@testable import LambdaModel

/// The four worked examples of the fact sheet (§2), reproduced to the cent.
@Suite("Cost estimate")
struct CostEstimateTests {
    private func cents(_ value: Double) -> Int { Int((value * 100).rounded()) }

    @Test("Example A: 5M × 1,024 MB × 200 ms with free tier is $10.80")
    func exampleA() {
        let estimate = CostEstimate(.init(requests: 5_000_000, durationMs: 200, memoryMB: 1024, freeTier: true))
        #expect(cents(estimate.lines.first { $0.label == "Requests" }!.amount) == 80)
        #expect(cents(estimate.lines.first { $0.label.hasPrefix("Duration") }!.amount) == 1000)
        #expect(cents(estimate.total) == 1080)
    }

    @Test("Example B: 30M × 512 MB × 120 ms is $36.00 on x86 and $30.00 on Arm")
    func exampleB() {
        let x86 = CostEstimate(.init(requests: 30_000_000, durationMs: 120, memoryMB: 512))
        let arm = CostEstimate(.init(requests: 30_000_000, durationMs: 120, memoryMB: 512, architecture: .arm64))
        #expect(cents(x86.total) == 3600)
        #expect(cents(arm.total) == 3000)
    }

    @Test("Example C: provisioned concurrency 10 × 2,048 MB for 30 days plus 6M requests is $228.87")
    func exampleC() {
        let estimate = CostEstimate(.init(requests: 6_000_000, durationMs: 100, memoryMB: 2048, provisioned: 10, provisionedHours: 720))
        #expect(cents(estimate.lines.first { $0.label == "Provisioned concurrency" }!.amount) == 21600)
        #expect(cents(estimate.lines.first { $0.label == "Duration on provisioned concurrency" }!.amount) == 1167)
        #expect(cents(estimate.lines.first { $0.label == "Requests" }!.amount) == 120)
        #expect(!estimate.lines.contains { $0.label.hasPrefix("Duration (") }, "all traffic fits on provisioned environments")
        #expect(cents(estimate.total) == 22887)
    }

    @Test("Example D: 1M × 1 s with 10,240 MB of /tmp costs $0.29 for storage")
    func exampleD() {
        let estimate = CostEstimate(.init(requests: 1_000_000, durationMs: 1000, memoryMB: 128, ephemeralMB: 10240))
        #expect(cents(estimate.lines.first { $0.label == "Ephemeral storage" }!.amount) == 29)
    }

    @Test("Durations are billed rounded up to the next millisecond")
    func roundsUp() {
        let a = CostEstimate(.init(requests: 1_000_000, durationMs: 27.55, memoryMB: 1024))
        let b = CostEstimate(.init(requests: 1_000_000, durationMs: 28, memoryMB: 1024))
        #expect(a.total == b.total)
    }

    @Test("Free tier never makes a line negative")
    func freeTierFloor() {
        let estimate = CostEstimate(.init(requests: 10, durationMs: 100, memoryMB: 128, freeTier: true))
        #expect(estimate.total == 0)
        #expect(estimate.lines.allSatisfy { $0.amount >= 0 })
    }

    @Test("Usage above the first price tier is charged at the lower tier rate")
    func tiers() {
        // 10 billion GB-s on x86: 6B at tier 1, 4B at tier 2.
        let estimate = CostEstimate(.init(requests: 10_000_000_000, durationMs: 1000, memoryMB: 1024))
        let duration = estimate.lines.first { $0.label.hasPrefix("Duration") }!.amount
        let expected = 6e9 * Facts.priceX86Tier1.value + 4e9 * Facts.priceX86Tier2.value
        #expect(abs(duration - expected) < 0.01)
    }

    @Test("INIT time is billed on cold starts")
    func initBilled() {
        let warm = CostEstimate(.init(requests: 1_000_000, durationMs: 100, memoryMB: 1024))
        let cold = CostEstimate(.init(requests: 1_000_000, durationMs: 100, memoryMB: 1024, initMs: 500, coldStartRate: 0.01))
        // 1% of 1M = 10,000 cold starts × 0.5 s × 1 GB = 5,000 GB-s extra.
        #expect(abs((cold.total - warm.total) - 5000 * Facts.priceX86Tier1.value) < 0.0001)
    }

    @Test("Provisioned concurrency is billed in 5-minute units")
    func provisionedRounding() {
        #expect(CostEstimate.provisionedBillingSeconds(hours: 1) == 3600)
        #expect(CostEstimate.provisionedBillingSeconds(hours: 1.0 / 60) == 300)
    }

    @Test("One invocation costs one request plus its billed GB-seconds")
    func singleInvocation() {
        let cost = CostEstimate.singleInvocation(billedMs: 1000, memoryMB: 1024)
        #expect(abs(cost - (0.0000002 + 0.0000166667)) < 1e-12)
    }
}
