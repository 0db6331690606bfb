import Foundation

/// A learner's answer after parsing, in terms of the presented question's options.
package enum Answer: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Option indices, sorted (single and multiple choice).
    case choices([Int])
    case trueFalse(Bool)
    case number(Double)
    /// Option indices from first to last (ordering).
    case order([Int])
    /// For each prompt, the chosen option index (matching).
    case matches([Int])
    case text(String)

    /// The canonical written form, as logged and exported: `A,C`, `true`, `60`, `C A B`,
    /// `1B 2A`, or the text.
    package var description: String {
        switch self {
        case .choices(let indices): indices.map(PresentedQuestion.label).joined(separator: ",")
        case .trueFalse(let value): value ? "true" : "false"
        case .number(let value): Tolerance.trim(value)
        case .order(let indices): indices.map(PresentedQuestion.label).joined(separator: " ")
        case .matches(let indices): indices.enumerated().map { "\($0 + 1)\(PresentedQuestion.label($1))" }.joined(separator: " ")
        case .text(let text): text
        }
    }
}
