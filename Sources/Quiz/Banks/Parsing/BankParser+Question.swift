import ContentYAML
import Foundation
import TutorSupport

extension BankParser {
    /// Keys every question may have, whatever its type.
    static let commonKeys = ["id", "type", "domain", "topics", "difficulty", "stem", "explanation", "hint",
                             "references", "lesson", "exam", "moodle"]

    /// The keys a type adds to ``commonKeys``. A switch, not a table, so a new type does not
    /// compile until it says which keys it reads.
    static func keys(for type: QuestionType) -> [String] {
        switch type {
        case .single, .multiple: choiceKeys
        case .trueFalse: trueFalseKeys
        case .numeric: numericKeys
        case .ordering: orderingKeys
        case .matching: matchingKeys
        case .shortText: shortTextKeys
        case .generated: generatedKeys
        }
    }

    /// What a question of unknown type may hold (so a bad `type:` does not also warn on every key).
    static var allQuestionKeys: [String] {
        commonKeys + Array(Set(QuestionType.allCases.flatMap(keys(for:)))).sorted()
    }

    static let idPattern = #"^[a-z0-9][a-z0-9._/-]*$"#

    /// Reads one question; returns nil (with at least one error) if it cannot be used.
    static func readQuestion(_ node: YAMLNode, defaults: Defaults, fallbackID: String?, _ reader: inout YAMLReader) -> Question? {
        let errorsBefore = reader.diagnostics.errors.count
        let start = reader.location(node)
        guard case .mapping = node else {
            reader.error(node, "a question must be a mapping (`id:`, `type:`, `stem:` …), not a \(node.kind)")
            return nil
        }
        // First pass: the type decides which keys are allowed.
        var typeNode: YAMLNode?
        if case .mapping(let mapping) = node { typeNode = mapping["type"] }
        var type: QuestionType?
        if let typeNode, let raw = reader.text(typeNode, "type") {
            type = QuestionType(rawValue: raw.lowercased())
            if type == nil {
                let hint = Suggestions.didYouMean(raw, in: QuestionType.allCases.map(\.rawValue)).map { "; \($0)" }
                    ?? " (types: \(QuestionType.allCases.map(\.rawValue).joined(separator: ", ")))"
                reader.error(typeNode, "unknown question type '\(raw)'\(hint)")
            }
        } else if typeNode == nil {
            reader.error(node, "the question has no `type:` (one of \(QuestionType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let allowed = type.map { commonKeys + keys(for: $0) } ?? allQuestionKeys
        guard let entries = reader.entries(node, "a question", allowed: allowed) else { return nil }
        var fields: [String: YAMLNode] = [:]
        var keyNodes: [String: YAMLNode] = [:]
        for entry in entries {
            fields[entry.key] = entry.value
            keyNodes[entry.key] = entry.keyNode
        }
        var span = SourceSpan(file: reader.file, line: start.line, column: start.column)
        for (key, value) in fields { span.fields[key] = reader.location(value) }

        // id
        var id = fallbackID ?? ""
        if let idNode = fields["id"] {
            if let value = reader.text(idNode, "id") {
                id = value
                if value.range(of: idPattern, options: .regularExpression) == nil {
                    reader.error(idNode, "id '\(value)' may use only lowercase letters, digits, '-', '_', '.' and '/'")
                }
            }
        } else if fallbackID == nil {
            reader.error(node, "the question has no `id:` (a stable name such as `timeout-max`)")
        }

        let domain: String? = fields["domain"].map { readDomain($0, &reader) } ?? defaults.domain
        if fields["domain"] == nil, defaults.domain == nil {
            reader.error(node, "the question has no `domain:` (one of \(ExamDomain.all.map(\.id).joined(separator: ", ")); or set it under `defaults:`)")
        }
        let stem = fields["stem"].flatMap { reader.text($0, "stem") }
        if fields["stem"] == nil { reader.error(node, "the question has no `stem:` (the question text)") }
        let difficulty = fields["difficulty"].flatMap { readDifficulty($0, &reader) } ?? defaults.difficulty ?? .medium
        let topics = fields["topics"].flatMap { reader.strings($0, "topics") } ?? defaults.topics
        let exam = fields["exam"].flatMap { readExam($0, &reader) } ?? (defaults.exams, defaults.inExams)
        let lesson = fields["lesson"].flatMap { reader.text($0, "lesson") } ?? defaults.lesson
        let explanation = fields["explanation"].flatMap { reader.text($0, "explanation") }
        let hint = fields["hint"].flatMap { reader.text($0, "hint") }
        var references: [String] = []
        if let node = fields["references"] {
            references = reader.strings(node, "references") ?? []
            if case .list(let sequence) = node {
                for (index, item) in sequence.enumerated() { span.fields["references[\(index)]"] = reader.location(item) }
            }
        }

        var body: Question.Body?
        if let type {
            body = readBody(QuestionFields(type: type, values: fields, keys: keyNodes, question: node), span: &span, &reader)
        }
        let shuffle = fields["shuffle"].flatMap { reader.bool($0, "shuffle") } ?? true
        let moodle = fields["moodle"].flatMap { readMoodle($0, &reader) }
        guard reader.diagnostics.errors.count == errorsBefore, let body, let domain, let stem else { return nil }
        var question = Question(id: id, domain: domain, topics: topics, difficulty: difficulty, stem: stem, body: body,
                                explanation: explanation, hint: hint, references: references, lesson: lesson, exams: exam.exams,
                                inExams: exam.inExams, shuffle: shuffle, source: span)
        question.moodle = moodle
        return question
    }

    /// `moodle: {name: Async retries, category: $course$/top/Lambda}` (written by `import gift`).
    static func readMoodle(_ node: YAMLNode, _ reader: inout YAMLReader) -> MoodleOrigin? {
        guard let entries = reader.entries(node, "moodle", allowed: ["name", "category", "answers"]) else { return nil }
        var origin = MoodleOrigin()
        for entry in entries {
            switch entry.key {
            case "answers":
                guard case .list(let items) = entry.value else {
                    reader.error(entry.value, "moodle answers must be a list of {text:, weight:, feedback:}")
                    continue
                }
                origin.answers = items.compactMap { item -> MoodleOrigin.Answer? in
                    guard let fields = reader.entries(item, "a Moodle answer", allowed: ["text", "weight", "feedback"]) else { return nil }
                    var answer = MoodleOrigin.Answer(text: "", weight: 100)
                    for field in fields {
                        switch field.key {
                        case "text": answer.text = reader.text(field.value, "text") ?? ""
                        case "weight": answer.weight = reader.text(field.value, "weight").flatMap(Double.init) ?? 100
                        default: answer.feedback = reader.text(field.value, "feedback")
                        }
                    }
                    return answer
                }
            case "name": origin.name = reader.text(entry.value, "moodle name")
            default: origin.category = reader.text(entry.value, "moodle category")
            }
        }
        return origin.orNil
    }

    /// The type-specific fields, each type read by its own reader.
    static func readBody(_ fields: QuestionFields, span: inout SourceSpan, _ reader: inout YAMLReader) -> Question.Body? {
        switch fields.type {
        case .single: readChoices(fields, span: &span, &reader).map(Question.Body.single)
        case .multiple: readChoices(fields, span: &span, &reader).map(Question.Body.multiple)
        case .trueFalse: readTrueFalse(fields, &reader).map(Question.Body.trueFalse)
        case .numeric: readNumeric(fields, &reader).map(Question.Body.numeric)
        case .ordering: readOrdering(fields, &reader).map(Question.Body.ordering)
        case .matching: readMatching(fields, &reader).map(Question.Body.matching)
        case .shortText: readShortText(fields, &reader).map(Question.Body.shortText)
        case .generated: readGenerated(fields, &reader).map(Question.Body.generated)
        }
    }

    /// `exam:` is an exam code, a list of codes, or `false` for a question no exam asks in that
    /// form (a recall drill kept for lessons and practice): no code then, and no exam preset
    /// draws it.
    static func readExam(_ node: YAMLNode, _ reader: inout YAMLReader) -> (exams: [String], inExams: Bool)? {
        if let flag = YAMLReader.boolValue(node) {
            if flag {
                reader.error(node, "exam: true means nothing; give exam codes (`exam: [DVA-C02]`), or `exam: false` to keep the question out of exams")
                return nil
            }
            return ([], false)
        }
        if case .list(let sequence) = node, let item = sequence.first(where: { YAMLReader.boolValue($0) != nil }) {
            reader.error(item, "`false` cannot be one of several exam codes; write `exam: false` on its own to keep the question out of exams")
            return nil
        }
        guard let codes = reader.strings(node, "exam") else { return nil }
        return (codes, true)
    }

    static func readDomain(_ node: YAMLNode, _ reader: inout YAMLReader) -> String? {
        guard let value = reader.text(node, "domain") else { return nil }
        if let domain = ExamDomain.named(value) { return domain.id }
        let hint = Suggestions.didYouMean(value, in: ExamDomain.all.map(\.id)).map { "; \($0)" }
            ?? " (use one of: \(ExamDomain.all.map(\.id).joined(separator: ", ")))"
        reader.error(node, "unknown domain '\(value)'\(hint)")
        return nil
    }

    static func readDifficulty(_ node: YAMLNode, _ reader: inout YAMLReader) -> Difficulty? {
        guard let value = reader.text(node, "difficulty") else { return nil }
        if let difficulty = Difficulty(rawValue: value.lowercased()) { return difficulty }
        reader.error(node, "difficulty must be easy, medium or hard, not '\(value)'")
        return nil
    }
}
