import LambdaModel

/// How fast Lambda adds execution environments when demand grows.
package enum ScalingModel: Sendable, Hashable {
    /// Today's model (since late 2023): each function on its own may add up to 1,000
    /// environments every 10 s. AWS refills that allowance continuously rather than in one lump,
    /// and unused allowance does not pile up: a bucket of 1,000 that refills at 100 per second.
    case perFunction
    /// History (before November 2023): an account-wide initial burst (500–3,000 by Region), then
    /// 500 more environments per minute shared by every function in the account.
    case accountBurst(burst: Int)

    /// The pre-2023 burst of a Region, from the facts table.
    package static func legacy(region: String) -> ScalingModel {
        switch region.lowercased() {
        case "us-east-1", "us-west-2", "eu-west-1": return .accountBurst(burst: Facts.legacyBurstLarge.int)
        case "ap-northeast-1", "eu-central-1", "us-east-2": return .accountBurst(burst: Facts.legacyBurstMedium.int)
        default: return .accountBurst(burst: Facts.legacyBurstSmall.int)
        }
    }

    /// Allowance a function starts with and refills up to (per-function model).
    static var bucketSize: Double { Facts.scalingRate.value }
    /// Allowance refilled every simulated second (per-function model).
    static var refillPerSecond: Double { Facts.scalingRate.value / Facts.scalingInterval.value }
    /// Account-wide growth per second after the burst (legacy model).
    static var legacyGrowthPerSecond: Double { Facts.legacyScalingPerMinute.value / 60 }

    /// One line for the scenario header.
    package var summary: String {
        switch self {
        case .perFunction:
            return "scaling \(Number.grouped(Facts.scalingRate.value)) environments per \(Facts.scalingInterval.int) s per function"
        case .accountBurst(let burst):
            return "scaling before Nov 2023 (history): account burst \(Number.grouped(Double(burst))), then \(Facts.legacyScalingPerMinute.int) per minute"
        }
    }
}
