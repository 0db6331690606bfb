import Foundation
import Testing
import TutorSupport
@testable import Quiz

/// The banks shipped in `Quizzes/` must load and lint clean, and cover every type.
@Suite("Bundled banks")
struct BundledBankTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Quizzes")

    @Test("They load and pass the linter with no errors and no warnings")
    func clean() {
        let (library, diagnostics) = BankLinter().lint(folder: Self.folder)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(library.questions.count >= 499)
    }

    @Test("Every type and every domain is covered; every question has an explanation and references")
    func coverage() throws {
        let questions = QuestionLibrary.load(folder: Self.folder).questions
        try #require(!questions.isEmpty, "no question loaded from \(Self.folder.path)")
        #expect(Set(questions.map(\.type)) == Set(QuestionType.allCases))
        #expect(Set(questions.map(\.domain)) == Set(ExamDomain.all.map(\.id)))
        for question in questions {
            #expect(question.explanation != nil, "\(question.id)")
            #expect(!question.references.isEmpty, "\(question.id)")
            #expect(question.lesson != nil, "\(question.id)")
        }
    }

    @Test("Every question can be answered right through its own key")
    func answerable() throws {
        let questions = QuestionLibrary.load(folder: Self.folder).questions
        try #require(!questions.isEmpty, "no question loaded from \(Self.folder.path)")
        for question in questions {
            for seed in [UInt64(1), 2, 3] {
                let presented = try question.present(seed: seed)
                let grade = Grader.grade(Self.rightAnswer(presented), for: presented)
                #expect(grade.correct, "\(question.id) seed \(seed)")
            }
        }
    }

    static func rightAnswer(_ question: PresentedQuestion) -> Answer {
        switch question.key {
        case .choices(let keys): .choices(keys)
        case .trueFalse(let value): .trueFalse(value)
        case .numeric(let value, _): .number(value)
        case .order(let order): .order(order)
        case .matches(let matches): .matches(matches)
        case .text(let accepted): .text(accepted[0])
        }
    }

    @Test("Every question example in Quizzes/README.md parses")
    func readmeExamples() throws {
        let readme = try String(contentsOf: Self.folder.appendingPathComponent("README.md"), encoding: .utf8)
        let blocks = readme.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        var checked = 0
        for block in blocks {
            if block.hasPrefix("- id:") {
                let result = BankParser.parse(yaml: block, file: "README.md")
                #expect(result.diagnostics.errors.isEmpty, "\(result.diagnostics)\n\(block)")
                #expect(result.bank.questions.count == 1, "\(block)")
                checked += 1
            } else if block.hasPrefix("type:") {
                let (check, diagnostics) = InlineCheck.parse(block, file: "README.md", firstLine: 1, fallbackID: "readme/check-1")
                #expect(check != nil, "\(diagnostics)")
                checked += 1
            }
        }
        #expect(checked == 10, "one example per type, the exam-style example and the check block")
    }
}
