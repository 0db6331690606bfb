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
    /// The question as written in our YAML, for what GIFT can only hold as today's values: a
    /// generated question (GIFT gets one variant) or text with `{{fact …}}` placeholders (GIFT
    /// gets the numbers). Re-import restores it — for fact text only if the GIFT text was not
    /// edited meanwhile (see ``restore(_:)``).
    var source: String?

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
        if case .generated = question.body {
            source = BankWriter.write([question], bank: "gift")
        } else if question.texts.contains(where: { !TextTemplate.factKeys(in: $0.text).isEmpty }) {
            source = BankWriter.write([question], bank: "gift")
        }
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

    /// The question as it was before export, when the carried source still describes what was
    /// imported: always for a generated question (the GIFT holds only one variant of it); for
    /// text with fact placeholders when the placeholders, filled in today, give the imported
    /// text (otherwise someone edited it in Moodle, and the edit wins). The `String` says why a
    /// source was not used.
    func restore(_ imported: Question) -> (question: Question?, note: String?) {
        guard let source else { return (nil, nil) }
        let parsed = BankParser.parse(yaml: source, file: imported.source.file)
        guard parsed.diagnostics.errors.isEmpty, parsed.bank.questions.count == 1, var original = parsed.bank.questions.first else {
            return (nil, "the lambda-tutor comment's copy of the question could not be read; today's values were kept")
        }
        original.id = imported.id
        original.source = imported.source
        if case .generated = original.body { return (original, nil) }
        var filled = original
        filled.mapTexts(TextTemplate.renderFacts)
        if case .numeric(var key) = filled.body, case .numeric(let importedKey) = imported.body {
            key.tolerance = importedKey.tolerance  // relative tolerances travel as absolute ones
            filled.body = .numeric(key)
        }
        guard filled == imported else {
            return (nil, "the text differs from the lambda-tutor comment's copy (edited in Moodle?), so its {{fact}} placeholders were not restored")
        }
        return (original, nil)
    }

    /// Applies the carried fields to an imported question.
    func apply(to question: inout Question) {
        if let id {
            // Our own export names a question by its id and files it under lambda-tutor/DOMAIN:
            // that is no Moodle name or category to keep.
            if question.moodle?.name == id { question.moodle?.name = nil }
            if question.moodle?.category?.hasPrefix("lambda-tutor/") == true { question.moodle?.category = nil }
            question.moodle = question.moodle?.orNil
            question.id = id
        }
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
