import Foundation
import TestSupport
import Testing
import TutorSupport
@testable import Quiz

/// How a written question becomes what a learner sees: shuffled choices, deduplicated
/// matching answers, and answers logged in terms of the question as written.
@Suite("Presenting questions")
struct PresentationTests {
    static func choices(_ texts: [String], key: Int = 0, shuffle: Bool = true) -> Question {
        Question(id: "choice", domain: "development", stem: "Pick.",
                 body: .single(texts.enumerated().map { Choice($1, correct: $0 == key, feedback: "Because.") }), shuffle: shuffle)
    }

    static func keyIndex(_ question: PresentedQuestion) -> Int? {
        if case .choices(let keys) = question.key { return keys.first }
        return nil
    }

    @Test("Choices are shuffled per seed, reproducibly, so the key moves around")
    func shuffled() throws {
        let question = Self.choices(["Right", "Wrong 1", "Wrong 2", "Wrong 3"])
        let positions = Set(try (1...40).map { try Self.keyIndex(question.present(seed: UInt64($0))) })
        #expect(positions.count > 2, "the key is not always A: \(positions)")
        #expect(try question.present(seed: 9) == question.present(seed: 9))
        // In a session the seed comes from the session seed and the question id.
        let first = QuestionSampler.present([question], seed: 42).questions
        #expect(first == QuestionSampler.present([question], seed: 42).questions)
        let presented = try #require(first.first)
        #expect(presented.options[try #require(Self.keyIndex(presented))].text == "Right")
    }

    @Test("'All of' and 'None of' options stay last, in their written order")
    func catchAllLast() throws {
        let question = Self.choices(["None of the above", "One", "Two", "Three", "All of these"], key: 4)
        for seed in 1...30 {
            let texts = try question.present(seed: UInt64(seed)).options.map(\.text)
            #expect(texts.suffix(2) == ["None of the above", "All of these"], "seed \(seed): \(texts)")
        }
        #expect(!Question.isCatchAll("Allocate more memory"))
        #expect(!Question.isCatchAll("All offers"))
        #expect(Question.isCatchAll("none of them"))
    }

    @Test("shuffle: false keeps the written order; it is read, written back and linted")
    func fixedOrder() throws {
        let yaml = """
        questions:
          - id: fixed
            domain: development
            type: single
            shuffle: false
            stem: Which?
            choices:
              - {text: Only A, correct: true}
              - {text: Only B, feedback: No.}
              - {text: Both A and B, feedback: No.}
            explanation: A.
          - id: shuffled
            domain: development
            type: single
            stem: Which?
            choices:
              - {text: Only A, correct: true}
              - {text: Only B, feedback: No.}
              - {text: Both A and B, feedback: No.}
            explanation: A.
        """
        let bank = BankParser.parse(yaml: yaml, file: "b.yaml")
        #expect(bank.diagnostics.isEmpty, "\(bank.diagnostics)")
        let fixed = try #require(bank.bank.questions.first)
        #expect(!fixed.shuffle)
        for seed in 1...10 {
            let presented = try fixed.present(seed: UInt64(seed))
            #expect(presented.options.map(\.text) == ["Only A", "Only B", "Both A and B"])
            #expect(presented.sourceOrder == nil)
        }
        let reread = BankParser.parse(yaml: BankWriter.write([fixed], bank: "b"), file: "b.yaml").bank.questions
        #expect(reread.first?.shuffle == false)
        #expect(BankLinter().lint(fixed).isEmpty)
        let warnings = BankLinter().lint(bank.bank.questions[1]).map(\.message)
        #expect(warnings.contains { $0.contains("names other options by letter") && $0.contains("shuffle: false") }, "\(warnings)")
    }

    @Test("The attempt log records answers as written, whatever order was shown")
    func writtenForm() throws {
        let question = Self.choices(["Right", "Wrong 1", "Wrong 2", "Wrong 3"])
        let seed = try #require((1...40).map(UInt64.init).first { try question.present(seed: $0).sourceOrder != nil })
        let presented = try question.present(seed: seed)
        let key = try #require(Self.keyIndex(presented))
        let record = AttemptRecord(presented, session: "s", mode: .practice, time: Date(), answer: .choices([key]), correct: true, seconds: 1)
        #expect(record.answer == "A", "the key was written first")
        let wrongShown = (key + 1) % 4
        let wrong = AttemptRecord(presented, session: "s", mode: .practice, time: Date(), answer: .choices([wrongShown]), correct: false, seconds: 1)
        #expect(wrong.answer == PresentedQuestion.label(presented.sourceOrder![wrongShown]))

        let ordering = try Question(id: "o", domain: "development", stem: "Order.", body: .ordering(["one", "two", "three"])).present(seed: 5)
        guard case .order(let rightOrder) = ordering.key else { Issue.record("not ordering"); return }
        let logged = AttemptRecord(ordering, session: "s", mode: .exam, time: Date(), answer: .order(rightOrder), correct: true, seconds: 1)
        #expect(logged.answer == "A B C", "the right order, as written")
    }

    @Test("Matching answers that render the same are shown once and right for every prompt")
    func matchingDedup() throws {
        let question = Question(id: "m", domain: "development", stem: "Match.", body: .matching(Matching(pairs: [
            .init("Smallest memory", "{{fact memory.min}}"),
            .init("Default memory", "{{fact memory.default}}"),
            .init("Largest memory", "{{fact memory.max}}"),
        ], distractors: ["128 MB", "3,008 MB"])))
        let presented = try question.present(seed: 3)
        #expect(presented.options.map(\.text).sorted() == ["10,240 MB", "128 MB", "3,008 MB"])
        guard case .matches(let key) = presented.key else { Issue.record("not matching"); return }
        #expect(key[0] == key[1])
        let answer = key.map(PresentedQuestion.label).joined(separator: " ")
        #expect(try Grader.grade(answer, for: presented).get().correct)

        // An exam saved before deduplication may show one answer twice: either letter counts.
        var old = presented
        old.options.append(PresentedQuestion.Option(label: PresentedQuestion.label(old.options.count), text: "128 MB"))
        let twin = PresentedQuestion.label(old.options.count - 1)
        let grade = try Grader.grade("\(PresentedQuestion.label(key[0])) \(twin) \(PresentedQuestion.label(key[2]))", for: old).get()
        #expect(grade.correct)
        #expect(grade.items.allSatisfy { $0.right })
    }

    @Test("A paused exam shows the same choice order when resumed")
    func pausedOrder() throws {
        let pool = (1...6).map { n in
            Question(id: "q\(n)", domain: "development", stem: "Q\(n)?",
                     body: .single((0..<4).map { Choice("option \($0)", correct: $0 == 0, feedback: "x") }))
        }
        let clock = ManualWallClock()
        var (exam, _) = ExamSession.start(pool: pool, preset: .workshop, seed: 11, clock: clock)
        let shown = exam.state.questions.map { $0.options.map(\.text) }
        #expect(Set(shown).count > 1, "questions are shuffled differently")
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let saved = try decoder.decode(ExamState.self, from: encoder.encode(exam.pause()))
        let resumed = ExamSession(resuming: saved, clock: clock)
        #expect(resumed.state.questions.map { $0.options.map(\.text) } == shown)
        // A fresh exam with the same seed shows the same order too.
        #expect(ExamSession.start(pool: pool, preset: .workshop, seed: 11, clock: clock).session.state.questions.map { $0.options.map(\.text) } == shown)
    }
}
