import Foundation
import Testing
import TestSupport
import TutorSupport
@testable import Quiz

@Suite("Practice session")
struct PracticeSessionTests {
    @Test("Answer, feedback, next; records carry time, seed, confidence, hint and show")
    func flow() throws {
        let clock = ManualWallClock()
        let questions = Fixtures.library().questions.filter { ["tf-reserved", "num-retries"].contains($0.id) }
        var session = PracticeSession(questions: questions, seed: 5, clock: clock, sessionID: "s1")
        #expect(session.position == (1, 2))
        let first = try #require(session.current)

        clock.advance(by: 12)
        _ = session.hint()
        let answer = first.id == "tf-reserved" ? "false" : "3"
        guard case .reprompt = session.submit("???") else { Issue.record("expected a re-prompt"); return }
        guard case .graded(let grade, let record) = session.submit(answer, confidence: .sure) else {
            Issue.record("expected a grade"); return
        }
        #expect(grade.correct)
        #expect(record.seconds == 12)
        #expect(record.hinted)
        #expect(record.confidence == .sure)
        #expect(record.seed == first.seed)
        #expect(record.session == "s1")
        #expect(session.state == .answered)
        guard case .notAsking = session.submit(answer) else { Issue.record("answering twice"); return }

        let next = session.next()
        let second = try #require(next)
        clock.advance(by: 3)
        let shown = session.show()
        let reveal = try #require(shown)
        #expect(reveal.record.revealed)
        #expect(!reveal.record.correct)
        #expect(reveal.record.answer == nil)
        #expect(reveal.record.question == second.id)
        #expect(!reveal.record.hinted, "the hint flag does not leak into the next question")
        let after = session.next()
        #expect(after == nil)
        #expect(session.state == .finished)
        let summary = session.summary
        #expect(summary.answered == 1)
        #expect(summary.correct == 1)
        #expect(summary.revealed == 1)
    }

    @Test("Same seed, same questions and variants")
    func reproducible() {
        let pool = Fixtures.library().questions
        let a = PracticeSession(questions: pool, count: 4, seed: 77, clock: ManualWallClock())
        let b = PracticeSession(questions: pool.reversed(), count: 4, seed: 77, clock: ManualWallClock())
        #expect(a.questions == b.questions)
        #expect(a.questions.count == 4)
    }
}

@Suite("Exam session")
struct ExamSessionTests {
    func pool() -> [Question] {
        (0..<30).map { n in
            Question(id: "q\(n)", domain: ExamDomain.all[n % 4].id, stem: "Q\(n)", body: .trueFalse(TrueFalse(answer: n % 2 == 0)))
        }
    }

    /// Single-choice questions in DVA-C02's four domains (the types and domains its preset takes).
    func choicePool() -> [Question] {
        (0..<30).map { n in
            Question(id: "c\(n)", domain: ExamDomain.all[n % 4].id, stem: "C\(n)",
                     body: .single([Choice("right", correct: true), Choice("wrong"), Choice("also wrong"), Choice("no")]), shuffle: false)
        }
    }

    func rightAnswer(_ question: PresentedQuestion) -> String {
        if case .trueFalse(let value) = question.key { return value ? "t" : "f" }
        return "?"
    }

    @Test("A preset fitted to a small pool keeps its pace and scales unscored items")
    func presetFitting() {
        let (session, problems) = ExamSession.start(pool: choicePool() + pool(), preset: .developerAssociate, seed: 1, clock: ManualWallClock())
        #expect(problems.isEmpty)
        #expect(session.count == 30)
        #expect(session.state.config.timeLimit == 60 * 60, "130 min × 30/65 = 60 min")
        #expect(session.state.unscored.count == 6, "15 × 30/65 rounded down")
        #expect(session.state.questions.allSatisfy { $0.type == .single }, "true/false is not a DVA-C02 response type")
        let workshop = ExamSession.start(pool: pool(), preset: .workshop, seed: 1, clock: ManualWallClock()).session
        #expect(workshop.count == 15)
        #expect(workshop.state.config.timeLimit == 20 * 60)
        #expect(workshop.state.unscored.isEmpty)
    }

    @Test("Time runs on the injected clock; time up submits automatically")
    func timeUp() throws {
        let clock = ManualWallClock()
        var (session, _) = ExamSession.start(pool: pool(), preset: .workshop, minutes: 10, seed: 2, clock: clock)
        #expect(session.timeRemainingText == "10:00")
        clock.advance(by: 61)
        #expect(session.timeRemainingText == "8:59")
        guard case .ok = session.answer(rightAnswer(session.current!)) else { Issue.record("answer"); return }
        clock.advance(by: 600)
        #expect(session.timeRemaining == 0)
        guard case .finished(let result) = session.answer("t") else { Issue.record("expected auto-submit"); return }
        #expect(result.timedOut)
        #expect(result.secondsUsed == 600)
        #expect(result.scoredCorrect == 1)
        #expect(result.unansweredNumbers.count == 14)
        #expect(session.isFinished)
        let again = session.checkTime()
        #expect(again == result)
    }

    @Test("A timed-out exam ends at its deadline: answers after it do not count, time is charged to it")
    func deadline() throws {
        let clock = ManualWallClock()
        var (session, _) = ExamSession.start(pool: pool(), preset: .workshop, minutes: 10, seed: 2, clock: clock)
        #expect(session.deadline == clock.now().addingTimeInterval(600))
        clock.advance(by: 100)
        _ = session.pause()
        #expect(session.deadline == nil, "the clock stops while paused")
        clock.advance(by: 1000)
        session = ExamSession(resuming: session.state, clock: clock)
        let deadline = try #require(session.deadline)
        #expect(deadline == clock.now().addingTimeInterval(500))
        clock.advance(by: 200)
        guard case .ok = session.answer(rightAnswer(session.current!)) else { Issue.record("answer"); return }
        clock.advance(by: 3600)  // idle far past the deadline, then an answer arrives
        guard case .finished(let result) = session.answer(rightAnswer(session.current!)) else { Issue.record("expected auto-submit"); return }
        #expect(result.timedOut)
        #expect(result.finished == deadline, "dated to the deadline, not to the late line")
        #expect(result.secondsUsed == 600)
        #expect(result.scoredCorrect == 1)
        #expect(result.items[1].answer == nil, "the late answer is not counted")
        #expect(result.items[0].seconds == 300)
        #expect(result.items[1].seconds == 300, "charged up to the deadline")
    }

    @Test("Pause stops the clock; resume from the saved state continues where it was")
    func pauseResume() throws {
        let clock = ManualWallClock()
        let folder = try TemporaryDirectory()
        let store = ExamStore(home: DataHome(root: folder.url))
        var (session, _) = ExamSession.start(pool: pool(), preset: .workshop, seed: 3, clock: clock, id: "e1")
        clock.advance(by: 100)
        _ = session.answer("t")
        session.toggleFlag()
        try store.save(session.pause())
        clock.advance(by: 5000)  // a long break does not count

        let (saved, warnings) = store.paused()
        #expect(warnings.isEmpty)
        let state = try #require(saved.first)
        let resumed = ExamSession(resuming: state, clock: clock)
        #expect(resumed.number == 2)
        #expect(resumed.isFlagged)
        #expect(resumed.state.answers[0] == .trueFalse(true))
        #expect(resumed.timeRemaining == 20 * 60 - 100)
        clock.advance(by: 50)
        #expect(resumed.timeRemaining == 20 * 60 - 150)
        #expect(resumed.state.seconds[0] == 100)
    }

    @Test("Submit warns about unanswered questions; flag, goto and the review grid")
    func navigation() throws {
        let clock = ManualWallClock()
        var (session, _) = ExamSession.start(pool: pool(), preset: .workshop, questions: 4, seed: 4, clock: clock)
        #expect(session.count == 4)
        _ = session.answer(rightAnswer(session.current!))
        #expect(session.number == 2)
        session.toggleFlag()
        _ = try session.goto(4)
        _ = session.answer(rightAnswer(session.current!))
        #expect(session.number == 4, "the last question stays on screen")
        #expect { try session.goto(9) } throws: { ($0 as? QuizError)?.code == .examGoto }
        let grid = session.reviewGrid()
        #expect(grid.map(\.answered) == [true, false, false, true])
        #expect(grid.map(\.flagged) == [false, true, false, false])
        #expect(grid.map(\.current) == [false, false, false, true])
        guard case .confirmSubmit(let open) = session.submit() else { Issue.record("expected a warning"); return }
        #expect(open == [2, 3])
        guard case .finished(let result) = session.submit(confirmed: true) else { Issue.record("expected a result"); return }
        #expect(!result.timedOut)
        #expect(result.scoredCorrect == 2)
        #expect(result.scaledScore == 100 + Int((620.0 * 0.5 / 0.72).rounded()))
        #expect(!result.passed)
        #expect(result.review(.wrong).map(\.number) == [2, 3])
        #expect(result.review(.flagged).map(\.number) == [2])
        #expect(result.records.count == 4)
        #expect(result.records.filter { $0.answer == nil }.count == 2)
    }

    @Test("The DVA-C02 preset takes only its own four domains and the exam's two response types")
    func developerAssociateDomains() {
        var questions = choicePool()
        questions.append(Question(id: "saa-only", domain: "resilience", stem: "SAA", body: .single([Choice("a", correct: true), Choice("b")]),
                                  exams: ["SAA-C03", "DVA-C02"]))
        questions.append(Question(id: "numeric", domain: "development", stem: "N", body: .numeric(NumericKey(value: 1, tolerance: .absolute(0)))))
        questions.append(Question(id: "other-exam", domain: "security", stem: "S", body: .single([Choice("a", correct: true), Choice("b")]),
                                  exams: ["SAA-C03"]))
        let preset = ExamPreset.developerAssociate
        #expect(preset.domains == ["development", "security", "deployment", "troubleshooting"])
        #expect(!preset.admits(questions[30]), "an SAA domain stays out even when the question is tagged for both exams")
        #expect(!preset.admits(questions[31]), "numeric is not a DVA-C02 response type")
        #expect(!preset.admits(questions[32]), "tagged for another exam only")
        let session = ExamSession.start(pool: questions, preset: preset, seed: 9, clock: ManualWallClock()).session
        #expect(Set(session.state.questions.map(\.domain)).isSubset(of: Set(preset.domains)))
        #expect(session.count == 30)
        #expect(Set(ExamPreset.workshop.domains) == Set(ExamDomain.all.map(\.id)))
        #expect(ExamPreset.workshop.types == nil, "a workshop quiz takes every type")
    }

    @Test("Per-domain breakdown: meets at the pass mark, needs improvement below")
    func domains() throws {
        let clock = ManualWallClock()
        var (session, _) = ExamSession.start(pool: pool(), preset: .workshop, questions: 8, seed: 5, clock: clock)
        for _ in 0..<session.count {
            let question = session.current!
            // Right on development and security, wrong elsewhere.
            let right = ["development", "security"].contains(question.domain)
            let answer = right ? rightAnswer(question) : (rightAnswer(question) == "t" ? "f" : "t")
            _ = session.answer(answer)
        }
        guard case .finished(let result) = session.submit() else { Issue.record("expected a result"); return }
        for domain in result.domains {
            #expect(domain.meets == ["development", "security"].contains(domain.domain), "\(domain)")
            #expect(domain.verdict == (domain.meets ? "meets" : "needs improvement"))
        }
        #expect(result.domains.map(\.domain) == ExamDomain.all.map(\.id).filter { d in result.domains.contains { $0.domain == d } })
    }
}
