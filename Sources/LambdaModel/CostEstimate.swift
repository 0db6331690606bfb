import Foundation

/// A monthly Lambda bill worked out line by line, as a teacher would write it on the board.
///
/// Pure arithmetic over the prices in ``Facts``; the cost calculator, generated quiz questions
/// and the runtime's per-invoke cost all use it, so they can never disagree.
package struct CostEstimate: Sendable, Hashable {
    package enum Architecture: String, Sendable, Hashable, CaseIterable {
        case x86_64, arm64
    }

    package struct Input: Sendable, Hashable {
        package var requests: Double
        /// Average duration of one invocation, in milliseconds (billed by ``Billing/billedRunMilliseconds(_:)``:
        /// rounded up to 1 ms, at least 1 ms).
        package var durationMs: Double
        package var memoryMB: Int
        package var architecture: Architecture
        package var freeTier: Bool
        /// Provisioned concurrency: environments kept ready, and for how many hours.
        package var provisioned: Int
        package var provisionedHours: Double
        /// Configured /tmp size; only the part above the free 512 MB is charged.
        package var ephemeralMB: Int
        /// INIT duration added to billed time on cold starts (billed since August 2025).
        package var initMs: Double
        /// Share of invocations that are cold starts (0–1).
        package var coldStartRate: Double

        package init(requests: Double, durationMs: Double, memoryMB: Int, architecture: Architecture = .x86_64,
                    freeTier: Bool = false, provisioned: Int = 0, provisionedHours: Double = 0,
                    ephemeralMB: Int = Facts.ephemeralDefault.int, initMs: Double = 0, coldStartRate: Double = 0) {
            self.requests = requests
            self.durationMs = durationMs
            self.memoryMB = memoryMB
            self.architecture = architecture
            self.freeTier = freeTier
            self.provisioned = provisioned
            self.provisionedHours = provisionedHours
            self.ephemeralMB = ephemeralMB
            self.initMs = initMs
            self.coldStartRate = coldStartRate
        }
    }

    package struct Line: Sendable, Hashable {
        package let label: String
        /// The arithmetic written out ("5,000,000 × 0.2 s × 1 GB = 1,000,000 GB-s").
        package let working: [String]
        package let amount: Double
    }

    package let input: Input
    package let lines: [Line]
    /// Sum of the unrounded line amounts.
    package let total: Double
    /// An assumption the learner should know about, named so a caller that models it
    /// otherwise (the simulator knows which invocations spilled over) can leave it out.
    package enum Assumption: Sendable, Hashable {
        /// Provisioned environments serve traffic spread evenly until their time is used up.
        case evenSpread
        /// The compute free tier covers on-demand duration only.
        case freeTierOnDemandOnly

        package var text: String {
            switch self {
            case .evenSpread:
                "Traffic is assumed to be spread evenly: provisioned environments serve it until their time is used up; the rest spills over to on-demand rates."
            case .freeTierOnDemandOnly:
                "The compute free tier is applied to on-demand duration only."
            }
        }
    }

    /// The assumptions this estimate makes, in the order they arose.
    package let assumptions: [Assumption]
    /// The assumptions in words.
    package var notes: [String] { assumptions.map(\.text) }
    package var pricesAsOf: String { Facts.priceRequests.asOf }

    package init(_ input: Input) {
        self.input = input
        var lines: [Line] = []
        var assumptions: [Assumption] = []
        let memoryGB = Double(input.memoryMB) / 1024
        let billedMs = Billing.billedRunMilliseconds(input.durationMs)
        let billedInitMs = Billing.billedInitMilliseconds(input.initMs)
        let durationS = billedMs / 1000

        // Requests.
        let freeRequests = input.freeTier ? Facts.freeRequests.value : 0
        let billableRequests = max(0, input.requests - freeRequests)
        var requestWorking = ["\(Number.grouped(input.requests)) requests"]
        if input.freeTier {
            requestWorking.append("− \(Number.grouped(freeRequests)) free = \(Number.grouped(billableRequests)) billable")
        }
        let requestCost = billableRequests / 1_000_000 * Facts.priceRequests.value
        requestWorking.append("\(Number.grouped(billableRequests / 1_000_000)) M × $\(Number.fixed(Facts.priceRequests.value, 2)) = $\(Number.money(requestCost))")
        lines.append(Line(label: "Requests", working: requestWorking, amount: requestCost))

        // Split between provisioned and on-demand execution time.
        let totalExecSeconds = input.requests * durationS
        var onDemandRequests = input.requests
        if input.provisioned > 0, input.provisionedHours > 0 {
            let periodSeconds = Self.provisionedBillingSeconds(hours: input.provisionedHours)
            let pcGBs = Double(input.provisioned) * memoryGB * periodSeconds
            let pcCost = pcGBs * Facts.priceProvisioned.value
            lines.append(Line(label: "Provisioned concurrency", working: [
                "\(input.provisioned) × \(Number.grouped(memoryGB)) GB × \(Number.grouped(periodSeconds)) s = \(Number.grouped(pcGBs)) GB-s",
                "\(Number.grouped(pcGBs)) GB-s × $\(Number.plain(Facts.priceProvisioned.value)) = $\(Number.money(pcCost))",
            ], amount: pcCost))

            let capacitySeconds = Double(input.provisioned) * periodSeconds
            let onPCSeconds = min(totalExecSeconds, capacitySeconds)
            let onPCRequests = durationS > 0 ? onPCSeconds / durationS : input.requests
            onDemandRequests = max(0, input.requests - onPCRequests)
            let pcDurationGBs = onPCSeconds * memoryGB
            let pcDurationCost = pcDurationGBs * Facts.priceProvisionedDuration.value
            lines.append(Line(label: "Duration on provisioned concurrency", working: [
                "\(Number.grouped(onPCRequests)) × \(Number.grouped(durationS)) s × \(Number.grouped(memoryGB)) GB = \(Number.grouped(pcDurationGBs)) GB-s",
                "\(Number.grouped(pcDurationGBs)) GB-s × $\(Number.plain(Facts.priceProvisionedDuration.value)) = $\(Number.money(pcDurationCost))",
            ], amount: pcDurationCost))
            assumptions.append(.evenSpread)
            if input.freeTier {
                assumptions.append(.freeTierOnDemandOnly)
            }
        }

        // On-demand duration.
        if onDemandRequests > 0 || input.provisioned == 0 {
            let coldRequests = onDemandRequests * min(max(input.coldStartRate, 0), 1)
            let initSeconds = coldRequests * billedInitMs / 1000
            let gbs = (onDemandRequests * durationS + initSeconds) * memoryGB
            let free = input.freeTier ? min(gbs, Facts.freeGBSeconds.value) : 0
            let billable = gbs - free
            let tiers = Self.tiers(for: input.architecture)
            var remaining = billable
            var cost = 0.0
            var lower = 0.0
            var tierWorking: [String] = []
            for (index, tier) in tiers.enumerated() {
                guard remaining > 0 else { break }
                let size = tier.upTo.map { $0 - lower } ?? .infinity
                let amount = min(remaining, size)
                cost += amount * tier.price
                if tiers.count > 1, billable > tiers[0].upTo ?? .infinity || index > 0 {
                    tierWorking.append("tier \(index + 1): \(Number.grouped(amount)) GB-s × $\(Number.plain(tier.price))")
                }
                remaining -= amount
                lower = tier.upTo ?? lower
            }
            var working = ["\(Number.grouped(onDemandRequests)) × \(Number.grouped(durationS)) s × \(Number.grouped(memoryGB)) GB = \(Number.grouped(onDemandRequests * durationS * memoryGB)) GB-s"]
            if initSeconds > 0 {
                working.append("+ INIT: \(Number.grouped(coldRequests)) cold starts × \(Number.grouped(billedInitMs / 1000)) s × \(Number.grouped(memoryGB)) GB = \(Number.grouped(initSeconds * memoryGB)) GB-s")
            }
            if input.freeTier {
                working.append("− \(Number.grouped(free)) GB-s free = \(Number.grouped(billable)) GB-s billable")
            }
            if tierWorking.isEmpty {
                working.append("\(Number.grouped(billable)) GB-s × $\(Number.plain(tiers[0].price)) = $\(Number.money(cost))")
            } else {
                working.append(contentsOf: tierWorking)
                working.append("= $\(Number.money(cost))")
            }
            let label = input.architecture == .arm64 ? "Duration (Arm)" : "Duration (x86)"
            lines.append(Line(label: label, working: working, amount: cost))
        }

        // Ephemeral storage above the free amount.
        let extraMB = input.ephemeralMB - Facts.ephemeralDefault.int
        if extraMB > 0 {
            let extraGB = Double(extraMB) / 1024
            let gbs = input.requests * durationS * extraGB
            let cost = gbs * Facts.priceEphemeral.value
            lines.append(Line(label: "Ephemeral storage", working: [
                "(\(Number.grouped(Double(input.ephemeralMB))) − \(Facts.ephemeralDefault.int)) MB / 1,024 = \(Number.grouped(extraGB)) GB billable",
                "\(Number.grouped(input.requests)) × \(Number.grouped(durationS)) s × \(Number.grouped(extraGB)) GB = \(Number.grouped(gbs)) GB-s",
                "\(Number.grouped(gbs)) GB-s × $\(Number.plain(Facts.priceEphemeral.value)) = $\(Number.money(cost))",
            ], amount: cost))
        }

        self.lines = lines
        self.total = lines.reduce(0) { $0 + $1.amount }
        self.assumptions = assumptions
    }

    /// Provisioned concurrency is billed in 5-minute units, rounded up.
    static func provisionedBillingSeconds(hours: Double) -> Double {
        let seconds = hours * 3600
        return (seconds / 300).rounded(.up) * 300
    }

    struct Tier {
        let upTo: Double?
        let price: Double
    }

    static func tiers(for architecture: Architecture) -> [Tier] {
        switch architecture {
        case .x86_64:
            return [Tier(upTo: Facts.x86Tier1Limit.value, price: Facts.priceX86Tier1.value),
                    Tier(upTo: Facts.x86Tier2Limit.value, price: Facts.priceX86Tier2.value),
                    Tier(upTo: nil, price: Facts.priceX86Tier3.value)]
        case .arm64:
            return [Tier(upTo: Facts.armTier1Limit.value, price: Facts.priceArmTier1.value),
                    Tier(upTo: Facts.armTier2Limit.value, price: Facts.priceArmTier2.value),
                    Tier(upTo: nil, price: Facts.priceArmTier3.value)]
        }
    }

    /// Cost of one invocation as the mini runtime reports it (no free tier): one request plus
    /// billed milliseconds at the configured memory, first x86 tier, plus the configured /tmp
    /// above the free amount for the same billed time.
    package static func singleInvocation(billedMs: Int, memoryMB: Int, ephemeralMB: Int = Facts.ephemeralDefault.int,
                                        architecture: Architecture = .x86_64) -> Double {
        let request = Facts.priceRequests.value / 1_000_000
        let seconds = Double(billedMs) / 1000
        let gbs = seconds * Double(memoryMB) / 1024
        let storage = seconds * Double(max(0, ephemeralMB - Facts.ephemeralDefault.int)) / 1024 * Facts.priceEphemeral.value
        return request + gbs * tiers(for: architecture)[0].price + storage
    }
}
