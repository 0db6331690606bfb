import Testing
@testable import LambdaModel

@Suite("Billing")
struct BillingTests {
    @Test func billingIncludesInitOnColdStarts() {
        #expect(Billing.billedMilliseconds(durationMs: 27.55, initDurationMs: nil, includeInit: true) == 28)
        #expect(Billing.billedMilliseconds(durationMs: 600_000, initDurationMs: 476.75, includeInit: true) == 600_477)
        #expect(Billing.billedMilliseconds(durationMs: 600_000, initDurationMs: 476.75, includeInit: false) == 600_000)
        #expect(Billing.billedMilliseconds(durationMs: 0.2, initDurationMs: nil, includeInit: true) == 1)
        // What the REPORT line shows is what is billed: 27.003 shows as 27.00 and bills 27.
        #expect(Billing.billedMilliseconds(durationMs: 27.003, initDurationMs: nil, includeInit: true) == 27)
        #expect(Billing.billedMilliseconds(durationMs: 27.006, initDurationMs: nil, includeInit: true) == 28)
        #expect(Billing.billedMilliseconds(durationMs: 10.006, initDurationMs: 70.004, includeInit: true) == 81)
        #expect(Billing.billedMilliseconds(durationMs: 10.004, initDurationMs: 69.996, includeInit: true) == 80)
        #expect(Billing.cost(billedMs: 1000, memoryMB: 1024) == CostEstimate.singleInvocation(billedMs: 1000, memoryMB: 1024))
        // /tmp above the free 512 MB is charged for the billed time: 1 s × 1.5 GB extra.
        let withStorage = Billing.cost(billedMs: 1000, memoryMB: 1024, ephemeralMB: 2048) - Billing.cost(billedMs: 1000, memoryMB: 1024)
        #expect(abs(withStorage - 1.5 * Facts.priceEphemeral.value) < 1e-15)
    }

    @Test("One rounding rule: up to the next 1 ms, a run never below 1 ms, INIT 0 stays 0")
    func oneRule() {
        #expect(Billing.billedRunMilliseconds(27) == 27)
        #expect(Billing.billedRunMilliseconds(27.01) == 28)
        #expect(Billing.billedRunMilliseconds(0.2) == 1)
        #expect(Billing.billedRunMilliseconds(0) == 1, "a run on Lambda always takes time: 0 ms bills the shortest run's 1 ms")
        #expect(Billing.billedInitMilliseconds(0) == 0 && Billing.billedInitMilliseconds(476.2) == 477)
        #expect(Billing.billedMilliseconds(durationMs: 0, initDurationMs: nil, includeInit: false) == 1)
    }

    @Test("calc cost bills a duration as the REPORT line does, 0 ms included")
    func calculatorAgreesWithTheReportLine() {
        for duration in [0, 0.2, 27, 27.3, 999.99] {
            let estimate = CostEstimate(CostEstimate.Input(requests: 1, durationMs: duration, memoryMB: 1024))
            let billed = Billing.billedMilliseconds(durationMs: duration, initDurationMs: nil, includeInit: false)
            #expect(abs(estimate.total - Billing.cost(billedMs: billed, memoryMB: 1024)) < 1e-15, "\(duration) ms")
        }
    }
}
