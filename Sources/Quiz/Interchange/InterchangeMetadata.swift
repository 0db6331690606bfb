import Foundation
import TutorSupport

/// What GIFT cannot say but lambda-tutor needs back on re-import, carried in a comment line
/// before each exported question: `// lambda-tutor: {"domain":"security",…}`. Moodle ignores
/// comments, so the file stays valid GIFT.
struct InterchangeMetadata: Codable, Hashable {
    static let prefix = "// lambda-tutor: "

    var id: String?
    var domain: String?
    var topics: [String]?
    var difficulty: Difficulty?
    var lesson: String?
    var exam: [String]?
    /// `false` for a question no exam preset draws (`exam: false` in a bank).
    var inExams: Bool?
    var references: [String]?
    var hint: String?
    var unit: String?
    var tolerance: String?
    var fact: String?
    /// Set when the GIFT question stands in for a type GIFT lacks (`ordering`).
    var type: QuestionType?
    /// `false` for choices that must keep their written order (Moodle shuffles per quiz).
    var shuffle: Bool?

    init(_ question: Question) {
        id = question.id
        domain = question.domain
        topics = question.topics.isEmpty ? nil : question.topics
        difficulty = question.difficulty == .medium ? nil : question.difficulty
        lesson = question.lesson
        exam = question.exams.isEmpty ? nil : question.exams
        inExams = question.inExams ? nil : false
        references = question.references.isEmpty ? nil : question.references
        hint = question.hint.map(TextTemplate.renderFacts)
        shuffle = question.shuffle ? nil : false
        switch question.body {
        case .numeric(let key):
            unit = key.unit
            fact = key.fact
            if case .relative = key.tolerance { tolerance = key.tolerance.description }
        case .ordering:
            type = .ordering
        case .single, .multiple, .trueFalse, .matching, .shortText, .generated:
            break  // nothing type-specific to carry
        }
    }

    var line: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Self.prefix + String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func parse(_ line: String) -> InterchangeMetadata? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix(prefix) else { return nil }
        return try? JSONDecoder().decode(InterchangeMetadata.self, from: Data(trimmed.dropFirst(prefix.count).utf8))
    }

    /// Applies the carried fields to an imported question.
    func apply(to question: inout Question) {
        if let id { question.id = id }
        if let domain, ExamDomain.named(domain) != nil { question.domain = domain }
        if let topics { question.topics = topics }
        if let difficulty { question.difficulty = difficulty }
        if let lesson { question.lesson = lesson }
        if let exam { question.exams = exam }
        if let inExams { question.inExams = inExams }
        if let references { question.references = references }
        if let hint { question.hint = hint }
        if let shuffle { question.shuffle = shuffle }
        if case .numeric(var key) = question.body {
            key.unit = unit ?? key.unit
            key.fact = fact
            if let tolerance, tolerance.hasSuffix("%"), let percent = Double(tolerance.dropLast()) { key.tolerance = .relative(percent) }
            question.body = .numeric(key)
        }
        if type == .ordering, case .matching(let matching) = question.body {
            // Exported as item → position; rebuild the order from the positions.
            let sorted = matching.pairs.sorted { (Int($0.right) ?? 0) < (Int($1.right) ?? 0) }
            question.body = .ordering(sorted.map(\.left))
        }
    }
}
