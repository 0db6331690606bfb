/// How hard the author judges a question (`difficulty:`; medium when not given).
package enum Difficulty: String, Sendable, Hashable, Codable, CaseIterable {
    case easy, medium, hard
}
