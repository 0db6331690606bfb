import Foundation
import TutorSupport

/// Every bank of a folder, loaded with partial failure: what loads is usable, what does not is
/// in ``diagnostics``.
package struct QuestionLibrary: Sendable {
    package var banks: [QuestionBank]
    /// Problems found while reading (syntax, missing fields, unknown types, duplicate ids).
    package var diagnostics: [Diagnostic]

    package init(banks: [QuestionBank], diagnostics: [Diagnostic] = []) {
        self.banks = banks
        self.diagnostics = diagnostics
    }

    /// All questions, in bank order then file order. When two questions share an id, only
    /// the first is kept (the duplicate is an error in ``diagnostics``).
    package var questions: [Question] {
        var seen: Set<String> = []
        return banks.flatMap(\.questions).filter { seen.insert($0.id).inserted }
    }

    package func question(id: String) -> Question? {
        questions.first { $0.id == id }
    }

    /// Loads every `*.yaml` / `*.yml` file in `folder` (not recursive), sorted by name so the
    /// order is the same on every machine.
    package static func load(folder: URL) -> QuestionLibrary {
        load(folders: [folder])
    }

    /// Loads the banks of several folders (bundled content, then trainers' folders) as one
    /// library, so an id reused in another folder is reported too.
    package static func load(folders: [URL]) -> QuestionLibrary {
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
    package static func load(files: [URL]) -> QuestionLibrary {
        var library = QuestionLibrary(banks: [])
        for file in files {
            let text: String
            switch ContentText.read(file, file: file.relativePath, kind: "question banks are UTF-8 YAML") {
            case .success(let decoded): text = decoded
            case .failure(let problem):
                library.diagnostics.append(problem)
                continue
            }
            library.add(BankParser.parse(yaml: text, file: file.relativePath))
        }
        return library
    }

    /// Adds a parsed bank, reporting ids already used by an earlier bank.
    package mutating func add(_ result: BankParser.Result) {
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
