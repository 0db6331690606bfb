import Foundation

/// Which questions a practice run or an export takes.
package struct QuestionFilter: Sendable, Hashable {
    package var domains: Set<String> = []
    package var topics: Set<String> = []
    package var types: Set<QuestionType> = []
    package var banks: Set<String> = []
    package var ids: Set<String> = []
    package var exam: String?

    package init(domains: Set<String> = [], topics: Set<String> = [], types: Set<QuestionType> = [],
                banks: Set<String> = [], ids: Set<String> = [], exam: String? = nil) {
        self.domains = domains
        self.topics = topics
        self.types = types
        self.banks = banks
        self.ids = ids
        self.exam = exam
    }

    /// Reads a selection as the CLI takes it: words such as `domain:security`, `topic:concurrency`,
    /// `type:numeric`, `bank:starter`, `exam:DVA-C02`, or bare question ids.
    package init(parsing words: [String]) throws(QuizError) {
        for word in words {
            let parts = word.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                ids.insert(word)
                continue
            }
            switch parts[0].lowercased() {
            case "domain": domains.insert(parts[1].lowercased())
            case "topic": topics.insert(parts[1].lowercased())
            case "bank": banks.insert(parts[1])
            case "exam": exam = parts[1]
            case "id": ids.insert(parts[1])
            case "type":
                guard let type = QuestionType(rawValue: parts[1].lowercased()) else {
                    throw QuizError(.filterType, "unknown question type '\(parts[1])'")
                }
                types.insert(type)
            default:
                throw QuizError(.filterField, "cannot select by '\(parts[0])'; use domain:, topic:, type:, bank:, exam: or id:")
            }
        }
    }

    package func matches(_ question: Question, bank: String? = nil) -> Bool {
        if !domains.isEmpty, !domains.contains(question.domain) { return false }
        if !topics.isEmpty, !question.topics.contains(where: { topics.contains($0.lowercased()) }) { return false }
        if !types.isEmpty, !types.contains(question.type) { return false }
        if !ids.isEmpty, !ids.contains(question.id) { return false }
        if !banks.isEmpty, !(bank.map(banks.contains) ?? false) { return false }
        if let exam, !question.exams.isEmpty, !question.exams.contains(where: { $0.caseInsensitiveCompare(exam) == .orderedSame }) {
            return false
        }
        return true
    }

    package func apply(to library: QuestionLibrary) -> [Question] {
        var seen: Set<String> = []
        return library.banks.flatMap { bank in bank.questions.filter { matches($0, bank: bank.name) } }
            .filter { seen.insert($0.id).inserted }
    }
}
