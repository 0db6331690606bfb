import Foundation

/// How sure the learner was, given with the answer. Feeds calibration ("you are overconfident
/// on Security") and, later, the spaced-repetition rating.
package enum Confidence: String, Sendable, Hashable, Codable, CaseIterable {
    case sure, unsure, guess

    /// Accepts `sure`/`s`, `unsure`/`u`, `guess`/`g` in any case.
    package init?(parsing text: String) {
        switch text.lowercased() {
        case "sure", "s": self = .sure
        case "unsure", "u", "not sure": self = .unsure
        case "guess", "g", "guessed": self = .guess
        default: return nil
        }
    }

    /// Splits a trailing confidence word off a scripted answer line (`a c sure` → `a c`, sure).
    /// Short-text answers are left whole: the word could be part of the answer.
    package static func split(_ line: String, for type: QuestionType) -> (answer: String, confidence: Confidence?) {
        guard type != .shortText else { return (line, nil) }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.lastIndex(of: " ") else { return (trimmed, nil) }
        let word = String(trimmed[trimmed.index(after: space)...])
        guard word.count > 1, let confidence = Confidence(parsing: word) else { return (trimmed, nil) }
        return (String(trimmed[..<space]).trimmingCharacters(in: .whitespaces), confidence)
    }
}
