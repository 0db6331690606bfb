/// The question types a bank can hold; the raw values are what trainers write after `type:`.
package enum QuestionType: String, Sendable, Hashable, Codable, CaseIterable {
    case single
    case multiple
    case trueFalse = "true-false"
    case numeric
    case ordering
    case matching
    case shortText = "short-text"
    case generated
}
