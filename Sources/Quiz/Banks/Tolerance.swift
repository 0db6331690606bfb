/// How far a numeric answer may be from the key and still count.
package enum Tolerance: Sendable, Hashable, Codable, CustomStringConvertible {
    case absolute(Double)
    /// Percent of the key (`2%` of 10.80 is ±0.216).
    case relative(Double)

    package func allowance(for value: Double) -> Double {
        switch self {
        case .absolute(let amount): abs(amount)
        case .relative(let percent): abs(value) * abs(percent) / 100
        }
    }

    package var description: String {
        switch self {
        case .absolute(let amount): Self.trim(amount)
        case .relative(let percent): "\(Self.trim(percent))%"
        }
    }

    static func trim(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
