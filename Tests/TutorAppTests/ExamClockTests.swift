import Foundation
import Quiz
import TestSupport
import Testing
@testable import TutorApp
import TutorSupport

/// The exam clock as an idle learner meets it: the end time shown up front, and a clear
/// report on the first line typed after it.
@Suite("Exam clock")
struct ExamClockTests {
    static let bank = "bank: tf\nquestions:\n" + (1...3).map { n in
        """
          - id: tf-\(n)
            domain: development
            type: true-false
            stem: Statement \(n) is true.
            answer: true
            false_feedback: It is true.
            explanation: Because.

        """
    }.joined()

    static func fixture() throws -> (SessionFixture, ManualWallClock) {
        let fixture = try SessionFixture(quizzes: ["tf.yaml": bank])
        let clock = ManualWallClock()
        _ = fixture.session.service { QuizService(session: fixture.session, clock: clock) }
        return (fixture, clock)
    }

    @Test("The header shows when the exam ends; the first line after that says time ran out then and scores earlier answers only")
    func lateLine() async throws {
        let (fixture, clock) = try Self.fixture()
        let ends = QuizView.time(clock.now().addingTimeInterval(300))
        #expect(await fixture.run("exam --preset workshop --questions 3 --minutes 5 --seed 1", "t") == [true, true], "\(fixture.capture.all)")
        let out = fixture.capture.output
        #expect(out.contains("3 questions, 5:00 (ends at \(ends))"), "\(out)")
        #expect(out.contains("Question 2 of 3 · development · medium · ends at \(ends)"), "\(out)")
        clock.advance(by: 60)
        await fixture.run("time")
        #expect(fixture.capture.output.contains("4:00 left (ends at \(ends)) · 2 unanswered"))

        clock.advance(by: 1000)
        #expect(await fixture.run("t") == [true])
        let after = fixture.capture.output
        #expect(after.contains("Time ran out at \(ends). The exam was submitted then, with the answers given before \(ends); 't' was not recorded."), "\(after)")
        #expect(after.contains("1 of 3 scored questions right"))
        #expect(after.contains("time used 5:00 of 5:00\nTime ran out at \(ends); the exam was submitted automatically."))
        let history = fixture.session.quiz.exams.completed()
        #expect(history.first?.finished == clock.now().addingTimeInterval(-1000 - 60 + 300))
    }

    @Test("Enter alone after the deadline reports it too")
    func emptyLine() async throws {
        let (fixture, clock) = try Self.fixture()
        let ends = QuizView.time(clock.now().addingTimeInterval(300))
        await fixture.run("exam --preset workshop --questions 3 --minutes 5 --seed 1")
        await fixture.run("")
        #expect(!fixture.capture.output.contains("Time ran out"), "Enter before the deadline does nothing")
        clock.advance(by: 301)
        await fixture.run("")
        #expect(fixture.capture.output.contains("Time ran out at \(ends). The exam was submitted then, with the answers given before \(ends)."))
        #expect(fixture.capture.output.contains("0 of 3 scored questions right"))
    }
}
