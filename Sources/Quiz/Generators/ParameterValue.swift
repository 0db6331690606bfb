import LambdaModel

/// A parameter value: a number, or a word such as `arm64` or `true`.
package enum ParameterValue: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case word(String)

    package var description: String {
        switch self {
        case .number(let n): Number.grouped(n)
        case .word(let w): w
        }
    }
}
