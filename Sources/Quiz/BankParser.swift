import ContentYAML
import Foundation
import LambdaModel
import TutorSupport
import Yams

/// Reads the native YAML bank format (documented in `Quizzes/README.md`).
///
/// Built for partial loading: every problem becomes a `path:line:col` diagnostic, a question
/// with an error is left out and the others load, and a YAML syntax error inside one question
/// of a `questions:` list costs that question only (the list is re-read item by item).
public enum BankParser {
    /// What a bank file gave: its questions and everything wrong with it.
    public struct Result: Sendable {
        public var bank: QuestionBank
        public var diagnostics: [Diagnostic]
    }

    /// Values a bank's `defaults:` block gives every question that does not set its own.
    struct Defaults {
        var domain: String?
        var topics: [String] = []
        var difficulty: Difficulty?
        var lesson: String?
        var exams: [String] = []
        /// `exam: false` under `defaults:` makes the whole bank practice-only.
        var inExams = true
    }

    static let bankKeys = ["bank", "title", "description", "defaults", "questions"]
    static let defaultKeys = ["domain", "topics", "difficulty", "lesson", "exam"]
    static let commonKeys = ["id", "type", "domain", "topics", "difficulty", "stem", "explanation", "hint",
                             "references", "lesson", "exam"]
    static let keysByType: [QuestionType: [String]] = [
        .single: ["choices", "shuffle"],
        .multiple: ["choices", "shuffle"],
        .trueFalse: ["answer", "true_feedback", "false_feedback"],
        .numeric: ["answer", "tolerance", "unit", "mistakes"],
        .ordering: ["items"],
        .matching: ["pairs", "distractors"],
        .shortText: ["accept"],
        .generated: ["generator", "ask", "parameters", "tolerance", "unit"],
    ]
    static var allQuestionKeys: [String] { commonKeys + Array(Set(keysByType.values.joined())).sorted() }

    /// Parses a whole bank file. The bank's name is `bank:` or the file name without extension.
    public static func parse(yaml: String, file: String) -> Result {
        var reader = YAMLReader(file: file)
        let fallbackName = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        var bank = QuestionBank(name: fallbackName, file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            return recover(yaml: yaml, file: file, bank: bank, error: error)
        }
        guard let root else {
            reader.warning(nil, "the bank is empty")
            return Result(bank: bank, diagnostics: reader.diagnostics)
        }
        var defaults = Defaults()
        var questionNodes: [Node] = []
        switch root {
        case .sequence(let sequence):
            questionNodes = Array(sequence)
        case .mapping:
            guard let entries = reader.entries(root, "a bank", allowed: bankKeys) else { break }
            for entry in entries {
                if entry.key == "questions" {
                    if case .sequence(let sequence) = entry.value {
                        questionNodes = Array(sequence)
                    } else {
                        reader.error(entry.value, "questions must be a list (each question starts with '- id:')")
                    }
                } else {
                    readHeader(entry.key, entry.value, bank: &bank, defaults: &defaults, &reader)
                }
            }
        default:
            reader.error(root, "a bank is a mapping with `questions:` or a list of questions")
        }
        if questionNodes.isEmpty, !reader.diagnostics.hasErrors {
            reader.warning(root, "the bank has no questions")
        }
        for node in questionNodes {
            if let question = readQuestion(node, defaults: defaults, fallbackID: nil, &reader) {
                bank.questions.append(question)
            }
        }
        return Result(bank: bank, diagnostics: reader.diagnostics)
    }

    /// Parses one question written on its own, as in a lesson's `check` block.
    ///
    /// - Parameters:
    ///   - yaml: the block's text (a question mapping, without `- `).
    ///   - file: the lesson file, for diagnostics.
    ///   - firstLine: the line of the file the block's first line is on (1-based).
    ///   - columnOffset: columns the block is indented by in the file.
    ///   - fallbackID: the id to use when the block has none (`lesson-id/check-2`).
    ///   - defaults: domain, lesson and topics the lesson gives its checks.
    public static func parseQuestion(yaml: String, file: String, firstLine: Int, columnOffset: Int = 0,
                                     fallbackID: String, domain: String? = nil, lesson: String? = nil,
                                     topics: [String] = []) -> (question: Question?, diagnostics: [Diagnostic]) {
        var reader = YAMLReader(file: file, lineOffset: max(0, firstLine - 1), columnOffset: columnOffset)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            reader.syntaxError(error)
            return (nil, reader.diagnostics)
        }
        guard let root else {
            reader.error(nil, "the check block is empty")
            return (nil, reader.diagnostics)
        }
        let defaults = Defaults(domain: domain, topics: topics, difficulty: nil, lesson: lesson)
        let question = readQuestion(root, defaults: defaults, fallbackID: fallbackID, &reader)
        return (question, reader.diagnostics)
    }

    // MARK: - Recovery from YAML syntax errors

    /// Re-reads a file whose YAML does not parse, one top-level list item at a time, so a
    /// syntax error in one question leaves the others loadable.
    private static func recover(yaml: String, file: String, bank: QuestionBank, error: Error) -> Result {
        var bank = bank
        let lines = yaml.components(separatedBy: "\n")
        // Find the list that holds the questions: the first `- ` line after `questions:`, or a
        // top-level list.
        var listStart: Int?
        var indent = 0
        var questionsKeyLine: Int?
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("questions:") { questionsKeyLine = index; continue }
            let stripped = line.drop(while: { $0 == " " })
            if stripped.hasPrefix("- ") || stripped == "-", questionsKeyLine != nil || line.hasPrefix("-") {
                listStart = index
                indent = line.count - stripped.count
                break
            }
        }
        var reader = YAMLReader(file: file)
        guard let listStart else {
            reader.syntaxError(error)
            return Result(bank: bank, diagnostics: reader.diagnostics)
        }
        // The header (bank name and defaults) on its own.
        var defaults = Defaults()
        let headerEnd = questionsKeyLine ?? listStart
        let header = lines[..<headerEnd].joined(separator: "\n")
        if questionsKeyLine != nil {
            do {
                if let node = try Yams.compose(yaml: header), let entries = reader.entries(node, "a bank", allowed: bankKeys) {
                    for entry in entries {
                        readHeader(entry.key, entry.value, bank: &bank, defaults: &defaults, &reader)
                    }
                }
            } catch {
                reader.syntaxError(error)
            }
        }
        // Split the list into items at lines starting with `- ` at the list's indentation.
        var starts: [Int] = []
        for index in listStart..<lines.count {
            let line = lines[index]
            let stripped = line.drop(while: { $0 == " " })
            if line.count - stripped.count == indent, stripped.hasPrefix("- ") || stripped == "-" {
                starts.append(index)
            } else if line.count - stripped.count < indent, !stripped.isEmpty, !stripped.hasPrefix("#") {
                break  // the list has ended
            }
        }
        for (n, start) in starts.enumerated() {
            let end = n + 1 < starts.count ? starts[n + 1] : lines.count
            let chunk = lines[start..<end].map { $0.count >= indent ? String($0.dropFirst(indent)) : $0 }.joined(separator: "\n")
            var itemReader = YAMLReader(file: file, lineOffset: start, columnOffset: indent)
            do {
                guard let node = try Yams.compose(yaml: chunk), case .sequence(let sequence) = node, let item = sequence.first else { continue }
                if let question = readQuestion(item, defaults: defaults, fallbackID: nil, &itemReader) {
                    bank.questions.append(question)
                }
            } catch {
                itemReader.syntaxError(error)
            }
            reader.diagnostics += itemReader.diagnostics
        }
        if !reader.diagnostics.hasErrors {
            // The error lies outside every question (after the list, say): report it as YAML did.
            reader.syntaxError(error)
        }
        return Result(bank: bank, diagnostics: reader.diagnostics)
    }

    // MARK: - Pieces

    /// One bank-level field other than `questions:`.
    private static func readHeader(_ key: String, _ value: Node, bank: inout QuestionBank, defaults: inout Defaults,
                                   _ reader: inout YAMLReader) {
        switch key {
        case "bank": if let name = reader.text(value, "bank") { bank.name = name }
        case "title": bank.title = reader.text(value, "title")
        case "description": bank.summary = reader.text(value, "description")
        case "defaults": defaults = readDefaults(value, &reader)
        default: break
        }
    }

    private static func readDefaults(_ node: Node, _ reader: inout YAMLReader) -> Defaults {
        var defaults = Defaults()
        guard let entries = reader.entries(node, "defaults", allowed: defaultKeys) else { return defaults }
        for entry in entries {
            switch entry.key {
            case "domain": defaults.domain = readDomain(entry.value, &reader)
            case "topics": defaults.topics = reader.strings(entry.value, "topics") ?? []
            case "difficulty": defaults.difficulty = readDifficulty(entry.value, &reader)
            case "lesson": defaults.lesson = reader.text(entry.value, "lesson")
            case "exam":
                if let exam = readExam(entry.value, &reader) { (defaults.exams, defaults.inExams) = exam }
            default: break
            }
        }
        return defaults
    }

    /// `exam:` is an exam code, a list of codes, or `false` for a question no exam asks in that
    /// form (a recall drill kept for lessons and practice): no code then, and no exam preset
    /// draws it.
    static func readExam(_ node: Node, _ reader: inout YAMLReader) -> (exams: [String], inExams: Bool)? {
        if let flag = YAMLReader.boolValue(node) {
            if flag {
                reader.error(node, "exam: true means nothing; give exam codes (`exam: [DVA-C02]`), or `exam: false` to keep the question out of exams")
                return nil
            }
            return ([], false)
        }
        if case .sequence(let sequence) = node, let item = sequence.first(where: { YAMLReader.boolValue($0) != nil }) {
            reader.error(item, "`false` cannot be one of several exam codes; write `exam: false` on its own to keep the question out of exams")
            return nil
        }
        guard let codes = reader.strings(node, "exam") else { return nil }
        return (codes, true)
    }

    private static func readDomain(_ node: Node, _ reader: inout YAMLReader) -> String? {
        guard let value = reader.text(node, "domain") else { return nil }
        if let domain = ExamDomain.named(value) { return domain.id }
        let hint = Suggestions.didYouMean(value, in: ExamDomain.all.map(\.id)).map { "; \($0)" }
            ?? " (use one of: \(ExamDomain.all.map(\.id).joined(separator: ", ")))"
        reader.error(node, "unknown domain '\(value)'\(hint)")
        return nil
    }

    private static func readDifficulty(_ node: Node, _ reader: inout YAMLReader) -> Difficulty? {
        guard let value = reader.text(node, "difficulty") else { return nil }
        if let difficulty = Difficulty(rawValue: value.lowercased()) { return difficulty }
        reader.error(node, "difficulty must be easy, medium or hard, not '\(value)'")
        return nil
    }

    static let idPattern = #"^[a-z0-9][a-z0-9._/-]*$"#

    /// Reads one question; returns nil (with at least one error) if it cannot be used.
    static func readQuestion(_ node: Node, defaults: Defaults, fallbackID: String?, _ reader: inout YAMLReader) -> Question? {
        let errorsBefore = reader.diagnostics.errors.count
        let start = reader.position(node)
        guard case .mapping = node else {
            reader.error(node, "a question must be a mapping (`id:`, `type:`, `stem:` …), not a \(YAMLReader.kind(node))")
            return nil
        }
        // First pass: the type decides which keys are allowed.
        var typeNode: Node?
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
        let allowed = type.map { commonKeys + (keysByType[$0] ?? []) } ?? allQuestionKeys
        guard let entries = reader.entries(node, "a question", allowed: allowed) else { return nil }
        var fields: [String: Node] = [:]
        var keyNodes: [String: Node] = [:]
        for entry in entries {
            fields[entry.key] = entry.value
            keyNodes[entry.key] = entry.keyNode
        }
        var span = SourceSpan(file: reader.file, line: start.line, column: start.column)
        for (key, value) in fields { span.fields[key] = reader.position(value) }

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
            if case .sequence(let sequence) = node {
                for (index, item) in sequence.enumerated() { span.fields["references[\(index)]"] = reader.position(item) }
            }
        }

        var body: Question.Body?
        if let type {
            body = readBody(type, fields: fields, keys: keyNodes, question: node, span: &span, &reader)
        }
        let shuffle = fields["shuffle"].flatMap { reader.bool($0, "shuffle") } ?? true
        guard reader.diagnostics.errors.count == errorsBefore, let body, let domain, let stem else { return nil }
        return Question(id: id, domain: domain, topics: topics, difficulty: difficulty, stem: stem, body: body,
                        explanation: explanation, hint: hint, references: references, lesson: lesson, exams: exam.exams,
                        inExams: exam.inExams, shuffle: shuffle, source: span)
    }

    /// The type-specific fields. Errors about a whole field point at its key (`choices:`).
    private static func readBody(_ type: QuestionType, fields: [String: Node], keys: [String: Node], question: Node,
                                 span: inout SourceSpan, _ reader: inout YAMLReader) -> Question.Body? {
        func require(_ key: String, _ explain: String) -> Node? {
            if let node = fields[key] { return node }
            reader.error(question, "a \(type.rawValue) question needs `\(key):` (\(explain))")
            return nil
        }
        switch type {
        case .single, .multiple:
            guard let list = require("choices", "a list of options, the right one(s) marked `correct: true`"),
                  let choices = readChoices(list, span: &span, &reader) else { return nil }
            let node = keys["choices"] ?? list
            let right = choices.filter(\.correct).count
            if choices.count < 2 { reader.error(node, "give at least 2 choices") }
            if choices.count > 26 { reader.error(node, "at most 26 choices (A–Z)") }
            if type == .single, right != 1 {
                reader.error(node, "a single-choice question needs exactly one choice with `correct: true` (found \(right)); use `type: multiple` for more")
            }
            if type == .multiple, right < 2 {
                reader.error(node, "a multiple-response question needs at least two choices with `correct: true` (found \(right)); use `type: single` for one")
            }
            if type == .multiple, right == choices.count {
                reader.error(node, "every choice is marked correct; add wrong choices")
            }
            return type == .single ? .single(choices) : .multiple(choices)

        case .trueFalse:
            guard let node = require("answer", "true or false"), let answer = reader.bool(node, "answer") else { return nil }
            return .trueFalse(TrueFalse(answer: answer,
                                        trueFeedback: fields["true_feedback"].flatMap { reader.text($0, "true_feedback") },
                                        falseFeedback: fields["false_feedback"].flatMap { reader.text($0, "false_feedback") }))

        case .numeric:
            guard let answerNode = require("answer", "a number, or `{fact: key}` to take it from the facts table") else { return nil }
            var fact: String?
            var value: Double?
            if case .mapping = answerNode {
                if let entries = reader.entries(answerNode, "answer", allowed: ["fact"]), let entry = entries.first,
                   let key = reader.text(entry.value, "fact") {
                    fact = key
                    if let known = Facts.named(key) {
                        value = known.value
                    } else {
                        let hint = Suggestions.didYouMean(key, in: Facts.keys).map { "; \($0)" } ?? ""
                        reader.error(entry.value, "unknown fact '\(key)'\(hint)")
                    }
                } else {
                    reader.error(answerNode, "write the answer as a number or as `{fact: key}`")
                }
            } else {
                value = reader.number(answerNode, "answer")
            }
            guard let toleranceNode = require("tolerance", "how far off an answer may be; `0` for exact, `2%` for relative"),
                  let tolerance = readTolerance(toleranceNode, &reader) else { return nil }
            let mistakes = fields["mistakes"].flatMap { readMistakes($0, &reader) } ?? []
            guard let value else { return nil }
            return .numeric(NumericKey(value: value, fact: fact, tolerance: tolerance,
                                       unit: fields["unit"].flatMap { reader.text($0, "unit") }, mistakes: mistakes))

        case .ordering:
            guard let list = require("items", "the items in their correct order"),
                  let items = readTexts(list, "items", &reader) else { return nil }
            let node = keys["items"] ?? list
            if items.count < 2 { reader.error(node, "give at least 2 items to order") }
            if items.count > 26 { reader.error(node, "at most 26 items (A–Z)") }
            if Set(items).count != items.count { reader.error(node, "the items must all differ") }
            return .ordering(items)

        case .matching:
            guard let list = require("pairs", "a list of `left: right` pairs") else { return nil }
            let node = keys["pairs"] ?? list
            guard case .sequence(let sequence) = list else {
                reader.error(node, "pairs must be a list (`- S3: asynchronous` or `- {left: S3, right: asynchronous}`)")
                return nil
            }
            var pairs: [Matching.Pair] = []
            for item in sequence {
                guard let entries = reader.entries(item, "a pair", allowed: nil) else { continue }
                let keys = entries.map(\.key)
                if Set(keys) == ["left", "right"] {
                    let left = entries.first { $0.key == "left" }.flatMap { reader.text($0.value, "left") }
                    let right = entries.first { $0.key == "right" }.flatMap { reader.text($0.value, "right") }
                    if let left, let right { pairs.append(Matching.Pair(left, right)) }
                } else if entries.count == 1, let right = reader.text(entries[0].value, "the right side of a pair") {
                    pairs.append(Matching.Pair(entries[0].key, right))
                } else {
                    reader.error(item, "write a pair as `- left text: right text` or `- {left: …, right: …}`")
                }
            }
            if pairs.count < 2 { reader.error(node, "give at least 2 pairs") }
            if Set(pairs.map(\.left)).count != pairs.count { reader.error(node, "the left sides must all differ") }
            let distractors = fields["distractors"].flatMap { readTexts($0, "distractors", &reader) } ?? []
            if Set(pairs.map(\.right)).count + distractors.count > 26 { reader.error(node, "at most 26 answers to match (A–Z)") }
            return .matching(Matching(pairs: pairs, distractors: distractors))

        case .shortText:
            guard let node = require("accept", "the accepted answers"),
                  let accepted = reader.strings(node, "accept") else { return nil }
            let cleaned = accepted.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if cleaned.isEmpty { reader.error(node, "give at least one accepted answer") }
            return .shortText(cleaned)

        case .generated:
            guard let generatorNode = require("generator", "one of \(QuestionGenerator.all.map(\.name).joined(separator: ", "))"),
                  let name = reader.text(generatorNode, "generator") else { return nil }
            guard let generator = QuestionGenerator.named(name) else {
                let hint = Suggestions.didYouMean(name, in: QuestionGenerator.all.map(\.name)).map { "; \($0)" }
                    ?? " (generators: \(QuestionGenerator.all.map(\.name).joined(separator: ", ")))"
                reader.error(generatorNode, "unknown generator '\(name)'\(hint)")
                return nil
            }
            let outputs = generator.outputs.map(\.name)
            guard let askNode = require("ask", "which result is the key: \(outputs.joined(separator: ", "))"),
                  let ask = reader.text(askNode, "ask") else { return nil }
            if !outputs.contains(ask) {
                let hint = Suggestions.didYouMean(ask, in: outputs).map { "; \($0)" } ?? " (results: \(outputs.joined(separator: ", ")))"
                reader.error(askNode, "generator '\(name)' has no result '\(ask)'\(hint)")
            }
            var parameters: [String: ParameterDraw] = [:]
            if let node = require("parameters", "how each number is drawn"),
               let entries = reader.entries(node, "parameters", allowed: generator.parameters.map(\.name)) {
                for entry in entries {
                    if let draw = readDraw(entry.value, name: entry.key, &reader) { parameters[entry.key] = draw }
                }
                for parameter in generator.parameters where parameter.required && parameters[parameter.name] == nil
                    && !entries.contains(where: { $0.key == parameter.name }) {
                    reader.error(node, "generator '\(name)' needs the parameter '\(parameter.name)' (\(parameter.summary))")
                }
            }
            guard let toleranceNode = require("tolerance", "how far off an answer may be; `0` for exact, `1%` for relative"),
                  let tolerance = readTolerance(toleranceNode, &reader) else { return nil }
            return .generated(GeneratorSpec(generator: name, ask: ask, parameters: parameters, tolerance: tolerance,
                                            unit: fields["unit"].flatMap { reader.text($0, "unit") }))
        }
    }

    private static func readChoices(_ node: Node, span: inout SourceSpan, _ reader: inout YAMLReader) -> [Choice]? {
        guard case .sequence(let sequence) = node else {
            reader.error(node, "choices must be a list")
            return nil
        }
        var choices: [Choice] = []
        for (index, item) in sequence.enumerated() {
            span.fields["choices[\(index)]"] = reader.position(item)
            switch item {
            case .scalar:
                if let text = reader.text(item, "a choice") { choices.append(Choice(text)) }
            default:
                guard let entries = reader.entries(item, "a choice", allowed: ["text", "correct", "feedback"]) else { continue }
                var choice = Choice("")
                var hasText = false
                for entry in entries {
                    switch entry.key {
                    case "text":
                        if let text = reader.text(entry.value, "text") { choice.text = text; hasText = true }
                    case "correct": choice.correct = reader.bool(entry.value, "correct") ?? false
                    case "feedback": choice.feedback = reader.text(entry.value, "feedback")
                    default: break
                    }
                }
                if !hasText, !entries.contains(where: { $0.key == "text" }) { reader.error(item, "the choice has no `text:`") }
                if hasText { choices.append(choice) }
            }
        }
        return choices
    }

    private static func readTexts(_ node: Node, _ what: String, _ reader: inout YAMLReader) -> [String]? {
        guard case .sequence(let sequence) = node else {
            reader.error(node, "\(what) must be a list")
            return nil
        }
        var out: [String] = []
        for item in sequence {
            if let text = reader.text(item, "each of \(what)") { out.append(text) }
        }
        return out
    }

    /// `0`, `0.01`, `2%`.
    static func readTolerance(_ node: Node, _ reader: inout YAMLReader) -> Tolerance? {
        guard let raw = reader.string(node, "tolerance") else { return nil }
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("%") {
            if let percent = YAMLReader.parseNumber(String(text.dropLast())), percent >= 0 { return .relative(percent) }
        } else if let amount = YAMLReader.parseNumber(text), amount >= 0 {
            return .absolute(amount)
        }
        reader.error(node, "tolerance must be a number of at least 0 (`0`, `0.01`) or a percentage (`2%`), not '\(raw)'")
        return nil
    }

    private static func readMistakes(_ node: Node, _ reader: inout YAMLReader) -> [NumericMistake]? {
        guard case .sequence(let sequence) = node else {
            reader.error(node, "mistakes must be a list of `{answer: …, feedback: …}`")
            return nil
        }
        var out: [NumericMistake] = []
        for item in sequence {
            guard let entries = reader.entries(item, "a mistake", allowed: ["answer", "feedback"]) else { continue }
            let value = entries.first { $0.key == "answer" }.flatMap { reader.number($0.value, "answer") }
            let feedback = entries.first { $0.key == "feedback" }.flatMap { reader.text($0.value, "feedback") }
            if let value, let feedback {
                out.append(NumericMistake(value: value, feedback: feedback))
            } else {
                reader.error(item, "a mistake needs both `answer:` and `feedback:`")
            }
        }
        return out
    }

    /// `250`, `arm64`, `[128, 512]` (one of), `{from: 50, to: 500, step: 50}`, `{one_of: […]}`.
    private static func readDraw(_ node: Node, name: String, _ reader: inout YAMLReader) -> ParameterDraw? {
        func value(_ node: Node) -> ParameterValue? {
            guard let text = reader.string(node, "parameter '\(name)'") else { return nil }
            if let number = YAMLReader.parseNumber(text) { return .number(number) }
            return .word(text)
        }
        switch node {
        case .scalar:
            return value(node).map(ParameterDraw.fixed)
        case .sequence(let sequence):
            let values = sequence.compactMap(value)
            guard !values.isEmpty, values.count == sequence.count else {
                if sequence.isEmpty { reader.error(node, "parameter '\(name)': the list of values is empty") }
                return nil
            }
            return .oneOf(values)
        case .mapping:
            guard let entries = reader.entries(node, "parameter '\(name)'", allowed: ["from", "to", "step", "one_of"]) else { return nil }
            if let oneOf = entries.first(where: { $0.key == "one_of" }) {
                return readDraw(oneOf.value, name: name, &reader)
            }
            let from = entries.first { $0.key == "from" }.flatMap { reader.number($0.value, "from") }
            let to = entries.first { $0.key == "to" }.flatMap { reader.number($0.value, "to") }
            let step = entries.first { $0.key == "step" }.flatMap { reader.number($0.value, "step") } ?? 1
            guard let from, let to else {
                reader.error(node, "parameter '\(name)' needs `from:` and `to:` (and optionally `step:`)")
                return nil
            }
            guard to >= from, step > 0 else {
                reader.error(node, "parameter '\(name)': `to` must be at least `from`, and `step` above zero")
                return nil
            }
            return .range(from: from, to: to, step: step)
        case .alias:
            reader.error(node, "YAML aliases are not supported in banks")
            return nil
        }
    }
}
