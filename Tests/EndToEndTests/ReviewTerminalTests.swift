import Curriculum
import Foundation
import TutorSupport
import LearnerStore
import TestSupport
import Testing

/// `review` through the real binary: the JSON count scripts read, the clock set with
/// LAMBDA_TUTOR_NOW across runs, and a review at a real 80x24 terminal.
@Suite("Spaced review in script mode and at a terminal", .serialized)
struct ReviewTerminalTests {
    static func environment(_ dir: TemporaryDirectory, now: String) throws -> [String: String] {
        var env = try ScriptedContent.environment(dir)
        env["LAMBDA_TUTOR_NOW"] = now
        return env
    }

    /// Three questions practised at 08:00 on 15 January 2027, each answered right.
    static func practised(sourceLocation: SourceLocation = #_sourceLocation) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        let result = try TutorBinary.run(["quiz", "--seed", "5", "--count", "3"], stdin: "t\nt\nt\n",
                                         environment: try environment(dir, now: "2027-01-15T08:00:00Z"))
        #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
        return dir
    }

    @Test("review --due --json prints exactly {\"due\": N, \"cards\": M}; the clock comes from LAMBDA_TUTOR_NOW; a piped review is recorded")
    func dueJSONAcrossRuns() throws {
        let dir = try Self.practised()
        func due(_ now: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
            let result = try TutorBinary.run(["review", "--due", "--json"], environment: try Self.environment(dir, now: now))
            #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
            return result.stdout
        }
        #expect(try due("2027-01-15T08:01:00Z") == "{\"due\": 0, \"cards\": 3}\n")
        #expect(try due("2027-01-15T08:30:00Z") == "{\"due\": 3, \"cards\": 3}\n", "a right first answer comes back after the 10-minute learning step")
        let review = try TutorBinary.run(["review"], stdin: "t sure\nt sure\nt sure\n", environment: try Self.environment(dir, now: "2027-01-15T08:30:00Z"))
        #expect(review.status == 0, "\(review.stderr)")
        #expect(review.stdout.contains("Review done: 3 of 3 recalled."), "\(review.stdout)")
        #expect(try due("2027-01-15T09:00:00Z") == "{\"due\": 0, \"cards\": 3}\n")
        #expect(try due("2027-06-15T09:00:00Z") == "{\"due\": 3, \"cards\": 3}\n", "months later everything is due again")
        let log = try LearnerData.attemptLines(dir.url.appendingPathComponent("data"))
        #expect(log.components(separatedBy: "\"review\":true").count == 4)
        #expect(try LearnerDatabase(home: DataHome(root: dir.url.appendingPathComponent("data"))).document(.reviewSchedule) != nil, "the schedule is kept")
        let bad = try TutorBinary.run(["review", "--due"], environment: try Self.environment(dir, now: "tomorrow"))
        #expect(bad.stderr.contains("LAMBDA_TUTOR_NOW='tomorrow' is not an ISO 8601 time"), "\(bad.stderr)")
    }

    @Test("A review at an 80x24 terminal: the prompt counts cards, each answer says when the card comes back, plain under NO_COLOR")
    func reviewInTmux() throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        let dir = try Self.practised()
        var env = try Self.environment(dir, now: "2027-01-15T08:30:00Z")
        env["TERM"] = "xterm-256color"
        env["NO_COLOR"] = "1"
        env["LAMBDA_TUTOR_PAGER"] = "less"
        let terminal = try TmuxTerminal(command: [TutorBinary.url.path], environment: env, width: 80, height: 24)
        defer { terminal.close() }
        try terminal.waitFor("λ ›")
        try terminal.type("review")
        try terminal.waitFor("review 1/3 ›")
        let first = try terminal.screen()
        #expect(first.contains("Card 1 of 3"), "\(first)")
        #expect(first.contains("show · skip · stop"), "hint is offered only for a question that has one")
        #expect(!first.contains("\u{1B}["), "no escapes under NO_COLOR")
        try terminal.type("t sure")
        try terminal.waitFor("review 2/3 ›")
        #expect(try terminal.screen().contains(": back in "))
        try terminal.type("f")
        try terminal.waitFor("review 3/3 ›")
        let again = try terminal.screen()
        #expect(again.contains("Again: back in 1 minute."), "a card still being learnt goes back to its first step: \(again)")
        try terminal.type("stop")
        let end = try terminal.waitFor("Review done")
        #expect(end.contains("Review done: 1 of 2 recalled, 1 not reached."), "\(end)")
        try terminal.waitFor("λ ›")
        try terminal.type("review --due")
        try terminal.waitFor("card due for review now (of 3)")
    }
}

/// The start-up summary and the bars at a real terminal, in colour and under NO_COLOR.
@Suite("Start-up summary at a terminal", .serialized)
struct StartupSummaryTerminalTests {
    func start(_ dir: TemporaryDirectory, noColor: Bool) throws -> TmuxTerminal {
        var env = try ReviewTerminalTests.environment(dir, now: "2027-01-15T08:30:00Z")
        env["TERM"] = "xterm-256color"
        env["LAMBDA_TUTOR_PAGER"] = "cat"
        if noColor { env["NO_COLOR"] = "1" }
        return try TmuxTerminal(command: [TutorBinary.url.path], environment: env, width: 80, height: 24)
    }

    @Test("The banner says how many cards are due, the streak and what to do next; lessons shows block bars, # bars under NO_COLOR")
    func banner() throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        let dir = try ReviewTerminalTests.practised()
        for noColor in [false, true] {
            let terminal = try start(dir, noColor: noColor)
            defer { terminal.close() }
            let screen = try terminal.waitFor("λ ›")
            #expect(screen.contains("Today: 3 cards due for review · 1-day streak."), "\(screen)")
            #expect(screen.contains("Next: type review to go through them"), "\(screen)")
            try terminal.type("progress")
            let bars = try terminal.waitFor("Course  ")
            #expect(bars.contains(noColor ? "Course  ----------   0%" : "Course  ░░░░░░░░░░   0%"), "\(bars)")
            try terminal.type("quit")
        }
    }
}

/// "Predict, then run" through the real binary: asked before the command, judged against the
/// invocation's real result, recorded, and reviewed later against what the run showed.
@Suite("Predict, then run", .serialized)
struct PredictionTests {
    static let lesson = """
    ---
    id: predict-demo
    title: Predict demo
    summary: Cold or warm.
    ---
    ## Twice

    ```handler python name=twice handler=app.lambda_handler
    def lambda_handler(event, context):
        if event.get("fail"):
            raise ValueError("asked to fail")
        return {"ok": True}
    ```

    ```try
    load twice
    invoke twice
    ```

    ```predict
    ask: Will the second invoke be a cold or a warm start?
    observe: start
    choices: [cold, warm]
    why: The first invoke left its environment idle, and Lambda reuses it.
    ```

    ```try
    invoke twice
    ```

    ```predict
    ask: Which errorType comes back when the handler raises ValueError?
    observe: error-type
    choices: [none, ValueError, Runtime.ExitError]
    why: The runtime reports the exception's class name as errorType.
    ```

    ```try
    invoke twice --payload '{"fail": true}'
    ```

    ```predict
    ask: How many milliseconds are billed for this warm invoke?
    observe: billed-ms
    tolerance: 100%
    ```

    ```try
    invoke twice
    ```
    """

    @Test("A script written before a step asked for a prediction keeps its order: a command at the prompt runs after the try command")
    func commandAtThePrompt() throws {
        let dir = try TemporaryDirectory()
        try dir.write("content/Lessons/01-predict.md", Self.lesson)
        var env = try ReviewTerminalTests.environment(dir, now: "2027-01-15T08:00:00Z")
        env["LAMBDA_TUTOR_PAGER"] = "cat"
        let result = try TutorBinary.run(stdin: "lesson predict-demo\nrun 1\nrun 2\nrun 3\nwhere\n", environment: env, timeout: 300)
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        let out = result.stdout
        let ran = try #require(out.range(of: "no prediction given, so none was recorded"))
        let whereOutput = try #require(out.range(of: "predict-demo", options: .backwards))
        #expect(ran.lowerBound < whereOutput.lowerBound, "'where' ran after the try command: \(out.suffix(1500))")
        let log = (try? LearnerData.attemptLines(dir.url.appendingPathComponent("data"))) ?? ""
        #expect(!log.contains("predict-1.1"))
    }

    @Test("At an 80x24 terminal: run asks at its own prompt, a unique beginning of a choice is enough, and the result follows the invoke")
    func predictInTmux() throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        let dir = try TemporaryDirectory()
        try dir.write("content/Lessons/01-predict.md", Self.lesson)
        var env = try ReviewTerminalTests.environment(dir, now: "2027-01-15T08:00:00Z")
        env["TERM"] = "xterm-256color"
        env["LAMBDA_TUTOR_PAGER"] = "less"
        let terminal = try TmuxTerminal(command: [TutorBinary.url.path], environment: env, width: 80, height: 24)
        defer { terminal.close() }
        try terminal.waitFor("λ ›")
        try terminal.type("lesson predict-demo")
        // The step is taller than the screen: it opens in less; q leaves it.
        try terminal.waitFor("the step in the pager") { $0.contains("Predict demo") }
        try terminal.send("q")
        try terminal.waitFor("predict-demo 1/1 ›")
        try terminal.type("run 1")
        try terminal.waitFor("next: run (command 2 of 5)", timeout: 60)
        try terminal.type("run 2")
        try terminal.waitFor("next: run (command 3 of 5)", timeout: 60)
        try terminal.type("run 3")
        let asked = try terminal.waitFor("prediction ›")
        #expect(asked.contains("1) cold  2) warm"), "\(asked)")
        try terminal.type("w")
        let judged = try terminal.waitFor("the comparison", timeout: 60) { $0.contains("You predicted a warm start") }
        #expect(judged.contains("✓ You predicted a warm start; the mini Lambda gave a warm start."), "\(judged)")
        try terminal.waitFor("predict-demo 1/1 ›")
        try terminal.type("quit")
    }

    /// Output with line breaks and the quote bars of wrapped lines as spaces.
    static func flat(_ text: String) -> String {
        text.replacingOccurrences(of: "\n│ ", with: " ").replacingOccurrences(of: "\n  ", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    @Test("Each prediction is asked first, compared with the invocation's real result, recorded with what was observed, and reviewed later")
    func predictThenRun() throws {
        let dir = try TemporaryDirectory()
        try dir.write("content/Lessons/01-predict.md", Self.lesson)
        var env = try ReviewTerminalTests.environment(dir, now: "2027-01-15T08:00:00Z")
        env["LAMBDA_TUTOR_PAGER"] = "cat"
        let check = try TutorBinary.run(["check", dir.url.appendingPathComponent("content/Lessons").path], environment: env)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let shown = try TutorBinary.run(["lesson", "predict-demo"], environment: env)
        #expect(Self.flat(shown.stdout).contains("Predict, then run: Will the second invoke be a cold or a warm start? (cold / warm)"), "\(shown.stdout)")
        #expect(!shown.stdout.contains("Lambda reuses it"), "the explanation is not shown before the run")

        let script = "lesson predict-demo\nrun 1\nrun 2\nrun 3\ncold\nrun 4\nvalue\nrun 5\n2\n"
        let result = try TutorBinary.run(stdin: script, environment: env, timeout: 300)
        #expect(result.status == 0, "\(result.stdout.suffix(2000))\(result.stderr.suffix(2000))")
        let out = Self.flat(result.stdout)
        #expect(out.contains("Predict first: Will the second invoke be a cold or a warm start?"))
        #expect(out.contains("✗ You predicted a cold start; the mini Lambda gave a warm start — not what you expected."), "\(out)")
        #expect(out.contains("The REPORT line has no Init Duration"))
        #expect(out.contains("Why: The first invoke left its environment idle, and Lambda reuses it."))
        #expect(out.contains("✓ You predicted the error type ValueError; the mini Lambda gave the error type ValueError."), "\(out)")
        // The billed figure is read from the REPORT line, not from the lesson.
        let billed = try #require(out.firstMatch(of: /Billed Duration in the REPORT line: (\d+) ms/).map { String($0.1) })
        #expect(out.contains("You predicted 2 ms; the mini Lambda gave \(billed) ms"), "\(out)")

        let log = try LearnerData.attemptLines(dir.url.appendingPathComponent("data"))
        #expect(log.contains("\"question\":\"predict-demo/predict-1.1\""))
        #expect(log.contains("\"observed\":\"warm\""))
        #expect(log.contains("\"observed\":\"ValueError\""))
        #expect(log.contains("\"observed\":\"\(billed)\""))

        // A day later the predictions are review cards, judged against what the runs showed.
        let later = try ReviewTerminalTests.environment(dir, now: "2027-01-16T09:00:00Z")
        let due = try TutorBinary.run(["review", "--due", "--json"], environment: later)
        #expect(due.stdout == "{\"due\": 3, \"cards\": 3}\n", "\(due.stdout)\(due.stderr)")
        let review = try TutorBinary.run(["review"], stdin: "warm\nnone\n\(billed)\n", environment: later)
        let reviewed = Self.flat(review.stdout)
        #expect(reviewed.contains("prediction · predict-demo step 1"), "\(review.stdout)")
        #expect(reviewed.contains("✓ Right: it was a warm start."), "\(review.stdout)")
        #expect(reviewed.contains("✗ Not quite: it was the error type ValueError, not no error."), "\(review.stdout)")
        #expect(reviewed.contains("Review done: 2 of 3 recalled."), "\(review.stdout)")
    }
}
