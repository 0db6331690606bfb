/// How well a learner recalled a card: FSRS's four grades.
///
/// The raw values are FSRS's own (1 to 4); the memory formulas use them as numbers
/// (`G - 3` in the difficulty and short-term stability updates), so they must not change.
package enum Rating: Int, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// Not recalled: the answer was wrong, revealed, or a lucky guess.
    case again = 1
    /// Recalled with serious difficulty.
    case hard = 2
    /// Recalled.
    case good = 3
    /// Recalled at once and without doubt.
    case easy = 4

    package static func < (a: Rating, b: Rating) -> Bool { a.rawValue < b.rawValue }

    package var description: String {
        switch self {
        case .again: "Again"
        case .hard: "Hard"
        case .good: "Good"
        case .easy: "Easy"
        }
    }

    /// A passing grade: anything but Again.
    package var isRecall: Bool { self != .again }
}
