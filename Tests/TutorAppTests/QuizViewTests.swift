import Foundation
import Quiz
import Testing
@testable import TutorApp

/// How `QuizView` lays out feedback: plain text at a fixed width, so the strings are exact.
@Suite("Quiz view")
struct QuizViewTests {
    static func view(columns: Int = 80) -> QuizView {
        QuizView(console: Console.capturing(columns: columns).0)
    }

    static func grade(_ question: Question, _ input: String, seed: UInt64 = 1) throws -> (Grade, PresentedQuestion) {
        let presented = try question.present(seed: seed)
        return (try Grader.grade(input, for: presented).get(), presented)
    }

    @Test("A long numeric mistake remark wraps under its own first word")
    func mistakeWraps() throws {
        let question = Question(id: "n", domain: "performance", stem: "Largest reservation?",
                                body: .numeric(NumericKey(value: 1700, tolerance: .absolute(0), unit: "units", mistakes: [
                                    NumericMistake(value: 1800, feedback: "That forgets that Lambda always keeps 100 units unreserved for functions without a reservation."),
                                ])))
        let (grade, presented) = try Self.grade(question, "1800")
        let lines = Self.view(columns: 40).feedback(grade, for: presented).split(separator: "\n").map(String.init)
        let remark = try #require(lines.firstIndex { $0.contains("That forgets") })
        #expect(lines[remark].hasPrefix("  That"), "indented once, not twice: \(lines[remark])")
        #expect(lines[remark + 1].hasPrefix("  ") && !lines[remark + 1].hasPrefix("   "), "continuation under the text: \(lines[remark + 1])")
    }

    @Test("The revealed key renders its inline Markdown")
    func keyMarkdown() throws {
        let question = Question(id: "s", domain: "development", stem: "Where is the payload?", body: .single([
            Choice("In `detail`, as a JSON object", correct: true),
            Choice("In `body`, as a string", feedback: "That is API Gateway."),
        ]))
        let (grade, presented) = try Self.grade(question, "In `body`, as a string")
        let text = Self.view().feedback(grade, for: presented)
        #expect(text.contains("(In detail, as a JSON object)."), "\(text)")
        #expect(!text.contains("`"))
        #expect(Self.view().reveal(key: Grader.keyText(for: presented), explanation: nil).contains("(In detail, as a JSON object)."))
        let narrow = Self.view(columns: 30).reveal(key: Grader.keyText(for: presented), explanation: nil).split(separator: "\n")
        #expect(narrow.dropLast().allSatisfy { $0.count <= 30 }, "the revealed key wraps: \(narrow)")
    }

    @Test("An ordering key whose last item ends with a full stop gets no second one")
    func noDoubleFullStop() throws {
        let question = Question(id: "o", domain: "development", stem: "Order them.",
                                body: .ordering(["The runtime starts.", "The handler runs.", "The function returns."]))
        let presented = try question.present(seed: 3)
        let wrong = presented.options.indices.reversed().map(PresentedQuestion.label).joined(separator: " ")
        let grade = try Grader.grade(wrong, for: presented).get()
        let text = Self.view(columns: 200).feedback(grade, for: presented)
        #expect(text.contains("The function returns."), "\(text)")
        #expect(!text.contains(".."), "\(text)")
        #expect(QuizView.endsSentence("`x` ends **here.**"))
        #expect(!QuizView.endsSentence("B (In `detail`)"))
    }

    @Test("A generated explanation that starts with {working} shows a list under Why:")
    func workingList() throws {
        let spec = GeneratorSpec(generator: "cost", ask: "total", parameters: [
            "requests": .fixed(.number(5_000_000)), "duration_ms": .fixed(.number(200)), "memory_mb": .fixed(.number(1024)),
        ], tolerance: .absolute(0.01))
        let question = Question(id: "c", domain: "cost", stem: "Bill?", body: .generated(spec), explanation: "{working}")
        let (grade, presented) = try Self.grade(question, "1")
        let lines = Self.view().feedback(grade, for: presented).split(separator: "\n").map(String.init)
        let why = try #require(lines.firstIndex(of: "Why:"), "\(lines)")
        #expect(lines[(why + 1)...].contains { $0.hasPrefix("• Requests:") }, "\(lines)")
        #expect(!lines.contains { $0.contains("Why: - Requests") })
    }
}
