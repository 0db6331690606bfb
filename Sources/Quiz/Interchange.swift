import Foundation
import TutorSupport

/// Questions read from another format (GIFT, Aiken).
public struct ImportResult: Sendable {
    public var questions: [Question]
    /// Errors (the question was skipped) and warnings (something could not be carried over).
    public var diagnostics: [Diagnostic]
}

/// Questions written to another format.
public struct ExportResult: Sendable {
    public var text: String
    public var exported: Int
    /// What the format could not hold, one sentence per kind of loss with the ids affected.
    /// Empty when nothing was lost.
    public var notes: [String]
}

/// Settings for an import.
public struct ImportOptions: Sendable {
    /// Domain for questions whose source says nothing usable (GIFT categories can name one).
    public var domain: String
    /// Prefix for generated ids (default: the file name).
    public var idPrefix: String?

    public init(domain: String = ExamDomain.development.id, idPrefix: String? = nil) {
        self.domain = domain
        self.idPrefix = idPrefix
    }
}

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
        default:
            break
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

/// Ids for imported questions: lowercase words joined by `-`.
enum Slug {
    static func make(_ text: String, maxWords: Int = 8) -> String {
        let words = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) || !$0.isASCII })
        return words.prefix(maxWords).joined(separator: "-")
    }

    /// `base`, or `base-2`, `base-3`… if taken.
    static func unique(_ base: String, in used: inout Set<String>) -> String {
        var candidate = base
        var n = 1
        while used.contains(candidate) {
            n += 1
            candidate = "\(base)-\(n)"
        }
        used.insert(candidate)
        return candidate
    }
}

/// Collects what an export drops, grouped by kind, so the report reads as a few sentences
/// rather than one line per question.
struct LossNotes {
    private var order: [String] = []
    private var ids: [String: [String]] = [:]

    mutating func add(_ what: String, _ id: String) {
        if ids[what] == nil { order.append(what) }
        if ids[what, default: []].last != id { ids[what, default: []].append(id) }
    }

    var sentences: [String] {
        order.map { what in
            let list = ids[what]!
            let shown = list.prefix(8).joined(separator: ", ") + (list.count > 8 ? " and \(list.count - 8) more" : "")
            return "\(what) (\(list.count) question\(list.count == 1 ? "" : "s"): \(shown))"
        }
    }
}
