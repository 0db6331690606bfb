import Foundation
import TutorSupport

/// The questions of one bank file, plus helpers to load a folder of them.
public struct QuestionBank: Sendable, Hashable {
    /// `bank:` in the file, else the file name without `.yaml`.
    public var name: String
    public var title: String?
    public var summary: String?
    /// The file it was read from (as given to the loader, for diagnostics).
    public var file: String
    public var questions: [Question]

    public init(name: String, title: String? = nil, summary: String? = nil, file: String, questions: [Question] = []) {
        self.name = name
        self.title = title
        self.summary = summary
        self.file = file
        self.questions = questions
    }
}

/// Every bank of a folder, loaded with partial failure: what loads is usable, what does not is
/// in ``diagnostics``.
public struct QuestionLibrary: Sendable {
    public var banks: [QuestionBank]
    /// Problems found while reading (syntax, missing fields, unknown types, duplicate ids).
    public var diagnostics: [Diagnostic]

    public init(banks: [QuestionBank], diagnostics: [Diagnostic] = []) {
        self.banks = banks
        self.diagnostics = diagnostics
    }

    /// All questions, in bank order then file order. When two questions share an id, only
    /// the first is kept (the duplicate is an error in ``diagnostics``).
    public var questions: [Question] {
        var seen: Set<String> = []
        return banks.flatMap(\.questions).filter { seen.insert($0.id).inserted }
    }

    public func question(id: String) -> Question? {
        questions.first { $0.id == id }
    }

    /// Loads every `*.yaml` / `*.yml` file in `folder` (not recursive), sorted by name so the
    /// order is the same on every machine.
    public static func load(folder: URL) -> QuestionLibrary {
        load(folders: [folder])
    }

    /// Loads the banks of several folders (bundled content, then trainers' folders) as one
    /// library, so an id reused in another folder is reported too.
    public static func load(folders: [URL]) -> QuestionLibrary {
        var files: [URL] = []
        var problems: [Diagnostic] = []
        for folder in folders {
            do {
                let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                files += names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { folder.appendingPathComponent($0) }
            } catch {
                problems.append(.error(folder.path, "cannot read the question folder: \(error.localizedDescription)"))
            }
        }
        var library = load(files: files)
        library.diagnostics = problems + library.diagnostics
        return library
    }

    /// Loads the given bank files. Paths in diagnostics are as given.
    public static func load(files: [URL]) -> QuestionLibrary {
        var library = QuestionLibrary(banks: [])
        for file in files {
            let text: String
            do {
                text = try String(contentsOf: file, encoding: .utf8)
            } catch {
                library.diagnostics.append(.error(file.relativePath, "cannot read the file: \(error.localizedDescription)"))
                continue
            }
            library.add(BankParser.parse(yaml: text, file: file.relativePath))
        }
        return library
    }

    /// Adds a parsed bank, reporting ids already used by an earlier bank.
    public mutating func add(_ result: BankParser.Result) {
        diagnostics += result.diagnostics
        var firstSeen: [String: Question] = [:]
        for question in banks.flatMap(\.questions) where firstSeen[question.id] == nil { firstSeen[question.id] = question }
        for question in result.bank.questions {
            if let first = firstSeen[question.id] {
                let at = question.source.position(of: "id")
                diagnostics.append(.error(question.source.file, line: at.line, column: at.column,
                                          "duplicate id '\(question.id)' (first used at \(first.source.file):\(first.source.line))"))
            } else {
                firstSeen[question.id] = question
            }
        }
        banks.append(result.bank)
    }
}

/// Which questions a practice run or an export takes.
public struct QuestionFilter: Sendable, Hashable {
    public var domains: Set<String> = []
    public var topics: Set<String> = []
    public var types: Set<QuestionType> = []
    public var banks: Set<String> = []
    public var ids: Set<String> = []
    public var exam: String?

    public init(domains: Set<String> = [], topics: Set<String> = [], types: Set<QuestionType> = [],
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
    public init(parsing words: [String]) throws(QuizError) {
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
                    throw QuizError("filter.type", "unknown question type '\(parts[1])'")
                }
                types.insert(type)
            default:
                throw QuizError("filter.field", "cannot select by '\(parts[0])'; use domain:, topic:, type:, bank:, exam: or id:")
            }
        }
    }

    public func matches(_ question: Question, bank: String? = nil) -> Bool {
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

    public func apply(to library: QuestionLibrary) -> [Question] {
        var seen: Set<String> = []
        return library.banks.flatMap { bank in bank.questions.filter { matches($0, bank: bank.name) } }
            .filter { seen.insert($0.id).inserted }
    }
}
