import Foundation
import TestSupport
import Testing
import TutorSupport
@testable import Quiz

/// `exam: false`: questions kept for lessons and practice that no exam preset draws.
@Suite("Practice-only questions (exam: false)")
struct PracticeOnlyTests {
    static let bank = """
    bank: drills
    defaults:
      domain: development
      exam: [DVA-C02]
    questions:
      - id: drill
        exam: false
        type: single
        stem: How many layers can a function use?
        choices:
          - {text: five, correct: true}
          - {text: ten, feedback: no}
        explanation: x
      - id: scenario
        type: single
        stem: A team needs a shared library in twenty functions. What should it use?
        choices:
          - {text: a layer, correct: true}
          - {text: a copy in each package, feedback: no}
        explanation: x
    """

    static func parse(_ yaml: String) -> BankParser.Result { BankParser.parse(yaml: yaml, file: "drills.yaml") }

    @Test("exam: false on a question, or for a whole bank under defaults; exam codes on a question bring it back")
    func parsing() throws {
        let result = Self.parse(Self.bank)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let drill = try #require(result.bank.questions.first { $0.id == "drill" })
        let scenario = try #require(result.bank.questions.first { $0.id == "scenario" })
        #expect(!drill.inExams && drill.exams.isEmpty)
        #expect(scenario.inExams && scenario.exams == ["DVA-C02"])

        let wholeBank = Self.parse("""
        defaults: {domain: development, exam: false}
        questions:
          - {id: a, type: true-false, stem: x, answer: true, false_feedback: y, explanation: z}
          - {id: b, type: true-false, stem: x, answer: false, true_feedback: y, explanation: z, exam: SAA-C03}
        """)
        #expect(wholeBank.diagnostics.isEmpty, "\(wholeBank.diagnostics)")
        #expect(wholeBank.bank.questions.map(\.inExams) == [false, true])
        #expect(wholeBank.bank.questions.map(\.exams) == [[], ["SAA-C03"]])
    }

    @Test("exam: true and false among codes are errors on their line; the rest of the bank loads")
    func errors() {
        let result = Self.parse("""
        defaults: {domain: development}
        questions:
          - {id: a, type: true-false, stem: x, answer: true, explanation: z, false_feedback: y, exam: true}
          - {id: b, type: true-false, stem: x, answer: true, explanation: z, false_feedback: y, exam: [DVA-C02, false]}
          - {id: c, type: true-false, stem: x, answer: true, explanation: z, false_feedback: y, exam: [DVA-C02]}
        """)
        #expect(result.diagnostics.map(\.description) == [
            "drills.yaml:3:95: error: exam: true means nothing; give exam codes (`exam: [DVA-C02]`), or `exam: false` to keep the question out of exams",
            "drills.yaml:4:105: error: `false` cannot be one of several exam codes; write `exam: false` on its own to keep the question out of exams",
        ])
        #expect(result.bank.questions.map(\.id) == ["c"])
    }

    @Test("No exam preset draws them; practice and selections still do")
    func sampling() throws {
        let questions = Self.parse(Self.bank).bank.questions
        for preset in [ExamPreset.developerAssociate, .workshop] {
            for seed in UInt64(1)...5 {
                let (session, _) = ExamSession.start(pool: questions, preset: preset, seed: seed, clock: ManualWallClock())
                #expect(session.state.questions.map(\.id) == ["scenario"], "\(preset.name) seed \(seed)")
                #expect(session.state.config.questionCount == 1, "the exam is fitted to the questions it can draw")
            }
        }
        let library = QuestionLibrary(banks: [Self.parse(Self.bank).bank])
        #expect(try QuestionFilter(parsing: []).apply(to: library).map(\.id) == ["drill", "scenario"])
        #expect(try QuestionFilter(parsing: ["exam:DVA-C02"]).apply(to: library).map(\.id) == ["drill", "scenario"])
        let practice = PracticeSession(questions: library.questions, seed: 1, clock: ManualWallClock())
        #expect(Set(practice.questions.map(\.id)) == ["drill", "scenario"])
    }

    @Test("The YAML and GIFT writers keep exam: false; Aiken says it cannot")
    func roundTrips() throws {
        let questions = Self.parse(Self.bank).bank.questions
        let yaml = BankWriter.write(questions, bank: "drills")
        #expect(yaml.contains("    exam: false\n"))
        let back = BankParser.parse(yaml: yaml, file: "back.yaml")
        #expect(back.diagnostics.isEmpty, "\(back.diagnostics)")
        #expect(back.bank.questions.map(\.inExams) == [false, true])
        #expect(back.bank.questions.map(\.exams) == [[], ["DVA-C02"]])

        let gift = GIFTWriter.write(questions)
        #expect(gift.text.contains(#""inExams":false"#))
        let imported = GIFTParser.parse(gift.text, file: "drills.gift")
        #expect(imported.questions.map(\.inExams) == [false, true])

        let aiken = AikenFormat.write(questions)
        #expect(aiken.notes.contains { $0.hasPrefix("`exam: false` dropped") && $0.contains("drill") }, "\(aiken.notes)")
    }
}
