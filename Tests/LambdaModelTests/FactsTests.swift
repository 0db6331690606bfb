import Foundation
import Testing
@testable import LambdaModel

@Suite("Facts table")
struct FactsTests {
    @Test("Keys are unique and every fact is listed")
    func uniqueKeys() {
        #expect(Set(Facts.keys).count == Facts.all.count)
        for fact in Facts.all {
            #expect(Facts.named(fact.key) == fact)
        }
    }

    @Test("Every fact has an https source and an ISO as-of date")
    func provenance() {
        for fact in Facts.all {
            #expect(fact.source.hasPrefix("https://"), "\(fact.key)")
            #expect(fact.asOf.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil, "\(fact.key)")
            #expect(!fact.title.isEmpty)
        }
    }

    @Test("The headline numbers match the fact sheet")
    func headline() {
        #expect(Limits.memoryMB == 128...10240)
        #expect(Limits.timeoutSeconds == 1...900)
        #expect(Limits.defaultTimeoutSeconds == 3)
        #expect(Limits.accountConcurrency == 1000)
        #expect(Limits.environmentBytes == 4096)
        #expect(Limits.syncResponseBytes == 6_291_556)
        #expect(Limits.asyncPayloadBytes == 1_048_576)
        #expect(Facts.scalingRate.value == 1000)
        #expect(Facts.asyncRetriesDefault.value == 2)
    }

    @Test("Display strings read like a person wrote them")
    func display() {
        #expect(Facts.timeoutMax.display == "900 s (15 min)")
        #expect(Facts.memoryMax.display == "10,240 MB")
        #expect(Facts.priceRequests.display == "$0.20 per 1M requests")
        #expect(Facts.priceX86Tier1.display == "$0.0000166667 per GB-second")
        #expect(Facts.initBilledSince.display == "2025-08-01")
        #expect(Facts.asyncMaxEventAge.display == "21,600 s (6 h)")
        #expect(Facts.streamMaxRetriesDefault.display == "-1")
        #expect(Facts.armDiscount.display == "20 %")
    }

    @Test("A month fact reads as month and year")
    func month() {
        #expect(FactUnit.month.format(202510) == "October 2025")
        #expect(FactUnit.month.format(202401) == "January 2024")
        #expect(FactUnit.month.format(202312) == "December 2023")
        #expect(Facts.urlBothPermissionsSince.display == "October 2025")
        #expect(Facts.perFunctionScalingSince.display == "November 2023")
        // Not a month: shown as stored rather than as a made-up date.
        #expect(FactUnit.month.format(202513) == "202513")
    }

    @Test("Figures AWS has replaced say so in their title or note")
    func history() {
        let replaced = [Facts.memoryLegacyMax, Facts.memoryLegacyStep, Facts.legacyBurstLarge, Facts.legacyBurstMedium,
                        Facts.legacyBurstSmall, Facts.legacyScalingPerMinute, Facts.streamBatchMaxLegacy, Facts.enisPerVPCLegacy,
                        Facts.billingLegacyGranularity]
        for fact in replaced {
            let text = "\(fact.title) \(fact.note ?? "")"
            #expect(text.contains("History") || text.contains("history"), "\(fact.key)")
        }
    }

    @Test("Search matches words in key, title and note")
    func search() {
        #expect(Facts.search(["timeout"]).contains(Facts.timeoutMax))
        #expect(Facts.search(["free", "gb"]).contains(Facts.freeGBSeconds))
        #expect(Facts.search(["nothing-like-this"]).isEmpty)
    }

    @Test("vCPU share grows in proportion to memory and never passes the documented 6")
    func vcpu() {
        #expect(Limits.vCPUs(forMemoryMB: 1769) == 1)
        #expect(Limits.vCPUs(forMemoryMB: 3538) == 2)
        // 10,240 / 1,769 ≈ 5.79: the proportional share; AWS documents up to 6 vCPUs at this size.
        #expect(Limits.vCPUs(forMemoryMB: 10240) <= Facts.maxVCPUs.value)
        #expect(Limits.vCPUs(forMemoryMB: 20000) == Facts.maxVCPUs.value)
        #expect(abs(Limits.vCPUs(forMemoryMB: 128) - 128.0 / 1769) < 1e-9)
    }
}

@Suite("Number formatting")
struct NumberTests {
    @Test func grouping() {
        #expect(Number.grouped(1_000_000) == "1,000,000")
        #expect(Number.grouped(0.5) == "0.5")
        #expect(Number.grouped(1234.25) == "1,234.25")
        #expect(Number.grouped(999.99999) == "1,000")
        #expect(Number.money(10.80002) == "10.80")
        #expect(Number.money(1234567.891) == "1,234,567.89")
        #expect(Number.plain(0.0000166667) == "0.0000166667")
    }
}
