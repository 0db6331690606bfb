import ContentYAML
import Foundation
import TutorSupport

/// Reads the native YAML bank format (documented in `Quizzes/README.md`).
///
/// Built for partial loading: every problem becomes a `path:line:col` diagnostic, a question
/// with an error is left out and the others load, and a YAML syntax error inside one question
/// of a `questions:` list costs that question only (the list is re-read item by item).
///
/// The parts: this file reads a bank file (its header, `defaults:` and the list); the common
/// fields of a question are in `BankParser+Question.swift`; each question type has its own
/// reader (`BankParser+Choices.swift`, `+Numeric`, `+Generated`…), and recovery from YAML
/// syntax errors is in `BankParser+Recovery.swift`.
package enum BankParser {
    /// What a bank file gave: its questions and everything wrong with it.
    package struct Result: Sendable {
        package var bank: QuestionBank
        package var diagnostics: [Diagnostic]
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
    /// Parses a whole bank file. The bank's name is `bank:` or the file name without extension.
    package static func parse(yaml: String, file: String) -> Result {
        var reader = YAMLReader(file: file)
        let fallbackName = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        var bank = QuestionBank(name: fallbackName, file: file)
        let root: YAMLNode?
        do throws(YAMLSyntaxError) {
            root = try reader.compose(yaml)
        } catch {
            return recover(yaml: yaml, file: file, bank: bank, error: error)
        }
        guard let root else {
            reader.warning(nil, "the bank is empty")
            return Result(bank: bank, diagnostics: reader.diagnostics)
        }
        var defaults = Defaults()
        var questionNodes: [YAMLNode] = []
        switch root {
        case .list(let sequence):
            questionNodes = Array(sequence)
        case .mapping:
            guard let entries = reader.entries(root, "a bank", allowed: bankKeys) else { break }
            for entry in entries {
                if entry.key == "questions" {
                    if case .list(let sequence) = entry.value {
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
    package static func parseQuestion(yaml: String, file: String, firstLine: Int, columnOffset: Int = 0,
                                     fallbackID: String, domain: String? = nil, lesson: String? = nil,
                                     topics: [String] = []) -> (question: Question?, diagnostics: [Diagnostic]) {
        var reader = YAMLReader(file: file, lineOffset: max(0, firstLine - 1), columnOffset: columnOffset)
        let root: YAMLNode?
        do throws(YAMLSyntaxError) {
            root = try reader.compose(yaml)
        } catch {
            reader.report(error)
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

    // MARK: - Header

    /// One bank-level field other than `questions:`.
    static func readHeader(_ key: String, _ value: YAMLNode, bank: inout QuestionBank, defaults: inout Defaults,
                                   _ reader: inout YAMLReader) {
        switch key {
        case "bank": if let name = reader.text(value, "bank") { bank.name = name }
        case "title": bank.title = reader.text(value, "title")
        case "description": bank.summary = reader.text(value, "description")
        case "defaults": defaults = readDefaults(value, &reader)
        default: break
        }
    }

    static func readDefaults(_ node: YAMLNode, _ reader: inout YAMLReader) -> Defaults {
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
}
