import Foundation
import Testing
import TestSupport
import TutorSupport
@testable import Curriculum
@testable import TutorApp
import LineEditor

@Suite("Lesson commands")
struct LessonCommandTests {
    @Test("lessons lists every lesson with its status")
    func list() async throws {
        let fixture = try SessionFixture()
        #expect(await fixture.run("lessons") == [true])
        let out = fixture.capture.output
        #expect(out.contains("alpha"))
        #expect(out.contains("beta"))
        #expect(out.contains("0%"))
    }

    @Test("lesson, next, back and step move through a lesson and record progress")
    func navigation() async throws {
        let fixture = try SessionFixture()
        #expect(await fixture.run("lesson alpha", "next", "next", "back", "step 3") == [true, true, true, true, true])
        #expect(fixture.session.position == Session.Position(lessonID: "alpha", step: 3))
        let saved = ProgressStore(home: fixture.session.dataHome).load().progress
        #expect(saved.lessons["alpha"]?.visited == [1, 2, 3])
        #expect(saved.lessons["alpha"]?.step == 3)
        #expect(saved.currentLesson == "alpha")
        #expect(fixture.capture.output.contains("Alpha  step 3 of 3"))
    }

    @Test("next on the last step finishes the lesson and suggests what is next")
    func finishing() async throws {
        let fixture = try SessionFixture()
        await fixture.run("lesson alpha --step 3", "next")
        #expect(fixture.capture.output.contains("You finished Alpha"))
        #expect(fixture.capture.output.contains("lesson beta"))
        #expect(fixture.session.progress.status(of: fixture.session.catalog.lesson("alpha")!) == .done)
    }

    @Test("Opening a lesson again resumes at the step the learner left")
    func resumes() async throws {
        let fixture = try SessionFixture()
        await fixture.run("lesson alpha --step 2", "lesson beta", "lesson alpha")
        #expect(fixture.session.position == Session.Position(lessonID: "alpha", step: 2))
    }

    @Test("Bad input gets a clear answer and changes nothing")
    func badInput() async throws {
        let fixture = try SessionFixture()
        #expect(await fixture.run("lesson alpah", "step 2", "lesson alpha", "step 9", "step x", "back", "lesson alpha --step 0") == [false, false, true, false, false, false, false])
        let errors = fixture.capture.errors
        #expect(errors.contains("no lesson 'alpah'"))
        #expect(errors.contains("did you mean 'alpha'?"))
        #expect(errors.contains("no lesson is open"))
        #expect(errors.contains("step 9 is out of range: 'alpha' has 3 steps"))
        #expect(errors.contains("the step must be a whole number, got 'x'"))
        #expect(errors.contains("this is the first step"))
        #expect(fixture.session.position == Session.Position(lessonID: "alpha", step: 1))
    }

    @Test("Unknown commands and options suggest the closest ones")
    func didYouMean() async throws {
        let fixture = try SessionFixture()
        #expect(await fixture.run("lesons", "lesson alpha --stp 2") == [false, false])
        #expect(fixture.capture.errors.contains("unknown command 'lesons'"))
        #expect(fixture.capture.errors.contains("did you mean 'lessons'"))
        #expect(fixture.capture.errors.contains("did you mean '--step'?"))
    }

    @Test("run executes the step's try commands in order, then by number")
    func runTries() async throws {
        let fixture = try SessionFixture()
        await fixture.run("lesson alpha")
        #expect(await fixture.run("run") == [true])
        #expect(fixture.capture.output.contains("λ › facts timeout.max"))
        #expect(fixture.capture.output.contains("900 s (15 min)"))
        #expect(fixture.capture.output.contains("next: run (command 2 of 2)"))
        #expect(await fixture.run("run") == [true])
        #expect(fixture.capture.output.contains("100 req/s × 0.500 s = 50 environments"))
        #expect(fixture.capture.output.contains("that was the last command of this step; 'next' goes on"))
        // After the last one, `run` never wraps back to the first.
        #expect(await fixture.run("run") == [false])
        #expect(fixture.capture.errors.contains("all 2 commands of this step have run"))
        #expect(await fixture.run("run 1") == [true], "a number runs one again")
        #expect(await fixture.run("run 3", "next", "run") == [false, true, false])
        #expect(fixture.capture.errors.contains("this step has no commands to run"))
    }

    @Test("run stays on a command that failed until it works, and moves on after one meant to fail")
    func runStaysOnFailure() async throws {
        let lesson = """
        ---
        id: gamma
        title: Gamma
        summary: Failing tries.
        ---
        ## One

        ```try
        facts no-such-fact-anywhere
        !lesson no-such-lesson
        facts timeout.max
        ```
        """
        let fixture = try SessionFixture(lessons: ["01-gamma.md": lesson])
        await fixture.run("lesson gamma")
        #expect(await fixture.run("run") == [false])
        #expect(fixture.capture.errors.contains("try command 1 did not succeed"))
        #expect(await fixture.run("run") == [false], "run stays on the failed command")
        #expect(fixture.capture.output.components(separatedBy: "λ › facts no-such-fact-anywhere").count == 3)
        #expect(await fixture.run("run 2") == [true], "a command meant to fail counts as done when it fails")
        #expect(fixture.capture.output.contains("that error is the point of this step"))
        #expect(await fixture.run("run 3") == [true])
        #expect(fixture.capture.output.contains("next: run 1 (command 1 of 3)"), "the failed first command is still next")
    }

    @Test("search finds steps and prints the matching line")
    func search() async throws {
        let fixture = try SessionFixture()
        #expect(await fixture.run("search reserved concurrency") == [true])
        #expect(fixture.capture.output.contains("lesson alpha --step 1"))
        #expect(fixture.capture.output.contains("Step one text mentions reserved concurrency."))
        #expect(await fixture.run("search") == [false])
    }

    @Test("reset forgets one lesson's progress")
    func reset() async throws {
        let fixture = try SessionFixture()
        await fixture.run("lesson alpha --step 2", "reset alpha")
        #expect(fixture.session.progress.lessons["alpha"] == nil)
        #expect(fixture.session.position == nil)
        #expect(ProgressStore(home: fixture.session.dataHome).load().progress.lessons["alpha"] == nil)
    }

    @Test("where and progress describe the learner's place")
    func whereAndProgress() async throws {
        let fixture = try SessionFixture()
        await fixture.run("where")
        #expect(fixture.capture.output.contains("No lesson is open"))
        await fixture.run("lesson alpha --step 2", "where", "progress")
        #expect(fixture.capture.output.contains("Alpha (alpha) · step 2 of 3: Two"))
        #expect(fixture.capture.output.contains("Progress: 0 of 2 lessons done · 1 of 4 steps seen"))
    }

    @Test("The prompt shows the lesson and step")
    func prompt() async throws {
        let fixture = try SessionFixture()
        #expect(fixture.session.prompt() == "λ › ")
        await fixture.run("lesson alpha --step 2")
        #expect(fixture.session.prompt() == "λ alpha 2/3 › ")
    }

    @Test("A broken lesson file is skipped and listed; the others load")
    func skipped() throws {
        let fixture = try SessionFixture(lessons: ["01-alpha.md": SessionFixture.lessonA, "02-bad.md": "---\nid: [\n---\n"])
        #expect(fixture.session.catalog.ids == ["alpha"])
        let reported = fixture.session.startupDiagnostics.map(\.description)
        #expect(reported.contains { $0.hasPrefix("Lessons/02-bad.md:") && $0.contains(": error: ") && $0.hasSuffix("(the lesson is skipped)") }, "\(reported)")
        #expect(!fixture.session.startupNotices.contains { $0.contains("02-bad.md") }, "listed once, as a diagnostic")
    }
}

@Suite("Completion")
struct CompletionTests {
    @Test("The first word completes to commands; later words depend on the command")
    func contextual() async throws {
        let fixture = try SessionFixture()
        let session = fixture.session
        #expect(session.completions(for: .init(linePrefix: "", word: "les")).contains("lessons"))
        #expect(session.completions(for: .init(linePrefix: "lesson ", word: "a")).contains("alpha"))
        #expect(session.completions(for: .init(linePrefix: "lesson alpha ", word: "--")) == ["--step"])
        #expect(session.completions(for: .init(linePrefix: "calc ", word: "co")).contains("concurrency"))
        #expect(session.completions(for: .init(linePrefix: "step ", word: "")).isEmpty)
        await fixture.run("lesson alpha")
        #expect(session.completions(for: .init(linePrefix: "step ", word: "")) == ["1", "2", "3"])
        #expect(session.completions(for: .init(linePrefix: "run ", word: "")) == ["1", "2"])
        #expect(session.completions(for: .init(linePrefix: "facts ", word: "timeout.m")).contains("timeout.max"))
    }
}

@Suite("Command line splitting and arguments")
struct ArgumentTests {
    @Test func splitting() throws {
        #expect(try CommandLineSplitter.split(#"invoke f --payload '{"a": 1}' --set "x=a b""#) == ["invoke", "f", "--payload", #"{"a": 1}"#, "--set", "x=a b"])
        #expect(try CommandLineSplitter.split(#"a\ b 'it'\''s'"#) == ["a b", "it's"])
        #expect(throws: CommandLineSplitter.Failure.self) { try CommandLineSplitter.split("say 'unclosed") }
    }

    @Test func options() throws {
        let specs = [OptionSpec("step", value: "N", help: ""), OptionSpec("yes", help: ""), OptionSpec("set", value: "K=V", help: "", repeatable: true)]
        let args = try Arguments(["x", "--step=3", "--yes", "--set", "a=1", "--set", "b=2", "--", "--literal"], specs: specs, command: "t")
        #expect(args.positionals == ["x", "--literal"])
        #expect(args.option("step") == "3")
        #expect(args.flag("yes"))
        #expect(args.options("set") == ["a=1", "b=2"])
        #expect(throws: CommandError.self) { try Arguments(["--step"], specs: specs, command: "t") }
        #expect(throws: CommandError.self) { try Arguments(["--step", "1", "--step", "2"], specs: specs, command: "t") }
        #expect(throws: CommandError.self) { try Arguments(["--yes=1"], specs: specs, command: "t") }
    }
}
