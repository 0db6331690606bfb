import Foundation
import Quiz
import Testing
import TestSupport
@testable import TutorApp

/// What a newcomer meets in the first hour: the prompt after a finished lesson, the course
/// share, the quiz's command line, and `fn new` on a name already taken.
@Suite("First hour", .serialized)
struct FirstHourTests {
    @Test("Finishing a lesson drops its name from the prompt; opening a step brings it back")
    func promptAfterFinish() async throws {
        let fixture = try SessionFixture()
        await fixture.run("lesson beta")
        #expect(fixture.session.prompt() == "λ beta 1/1 › ")
        await fixture.run("next")
        #expect(fixture.capture.output.contains("You finished Beta"), "\(fixture.capture.output)")
        #expect(fixture.session.prompt() == "λ › ")
        await fixture.run("lesson alpha --step 2")
        #expect(fixture.session.prompt() == "λ alpha 2/3 › ")
    }

    @Test("The course share says it counts steps and checkpoints")
    func courseLine() async throws {
        let fixture = try SessionFixture()
        await fixture.run("lessons")
        #expect(fixture.capture.output.contains("0% of 4 steps and checkpoints · 0 of 2 lessons done"), "\(fixture.capture.output)")
    }

    @Test("A question offers 'hint' only when it has one")
    func hintOnlyWhenThere() throws {
        let view = QuizView(console: Console.capturing(columns: 80).0)
        let plain = Question(id: "p", domain: "development", stem: "Stem?", body: .single([Choice("Yes", correct: true), Choice("No")]))
        var hinted = plain
        hinted.hint = "Think of the timeout."
        let commands = ["hint", "show", "skip", "stop"]
        let without = view.question(try plain.present(seed: 1), header: "Question 1 of 2", commands: commands)
        let with = view.question(try hinted.present(seed: 1), header: "Question 1 of 2", commands: commands)
        #expect(without.hasSuffix("show · skip · stop"), "\(without)")
        #expect(with.hasSuffix("hint · show · skip · stop"), "\(with)")
    }
}
