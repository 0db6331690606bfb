/// How one parameter of a generated question gets its value for a variant.
package enum ParameterDraw: Sendable, Hashable {
    case fixed(ParameterValue)
    /// `from`, `from + step`, … up to `to` (inclusive), each equally likely.
    case range(from: Double, to: Double, step: Double)
    case oneOf([ParameterValue])

    func draw(_ random: inout SeededRandom) -> ParameterValue {
        switch self {
        case .fixed(let value):
            return value
        case .oneOf(let values):
            return values[random.int(below: values.count)]
        case .range(let from, let to, let step):
            let steps = Int(((to - from) / step + 1e-9).rounded(.down))
            let k = random.int(in: 0...max(0, steps))
            let value = from + Double(k) * step
            return .number((value * 1e9).rounded() / 1e9)
        }
    }
}
