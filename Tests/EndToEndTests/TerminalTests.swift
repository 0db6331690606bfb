import Foundation
import TutorSupport
import LearnerStore
import Testing
import TestSupport

/// The REPL in a real terminal (tmux), driven by keystrokes and checked on the screen.
@Suite("Interactive terminal", .serialized)
struct TerminalTests {
    func start(_ home: TemporaryDirectory, extra: [String: String] = [:]) throws -> TmuxTerminal {
        var env = TutorBinary.environment(home: home, extra: extra)
        env["TERM"] = "xterm-256color"
        env["LAMBDA_TUTOR_PAGER"] = "cat"
        let terminal = try TmuxTerminal(command: [TutorBinary.url.path], environment: env)
        try terminal.waitFor("λ ›")
        return terminal
    }

    @Test("Prompt, Tab completion of commands and lesson ids, and the lesson in the prompt")
    func completionAndPrompt() throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        let home = try TemporaryDirectory()
        let terminal = try start(home)
        defer { terminal.close() }
        try terminal.send("lesso", "Tab")
        try terminal.waitFor("completion of 'lesso'") { $0.contains("λ › lesson") }
        try terminal.send(" what-is", "Tab")
        try terminal.waitFor("λ › lesson what-is-lambda")
        try terminal.send("Enter")
        try terminal.waitFor("λ what-is-lambda 1/")
        try terminal.send("calc conc", "Tab")
        try terminal.waitFor("calc concurrency")
        try terminal.send("C-u")
    }

    @Test("Ctrl-C cancels the line and keeps the tutor running; Ctrl-D leaves with status 0")
    func controlKeys() throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        let home = try TemporaryDirectory()
        let terminal = try start(home)
        defer { terminal.close() }
        try terminal.send("half typed line", "C-c")
        try terminal.waitFor("^C")
        try terminal.type("where")
        try terminal.waitFor("No lesson is open")
        try terminal.send("C-d")
        try terminal.waitFor("[exited 0]")
    }

    @Test("History is kept across sessions: Up recalls, Ctrl-R searches")
    func history() throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        let home = try TemporaryDirectory()
        do {
            let first = try start(home)
            defer { first.close() }
            try first.type("facts timeout.max")
            try first.waitFor("Longest function timeout")
            try first.type("where")
            try first.waitFor("No lesson is open")
            try first.type("quit")
            try first.waitFor("[exited 0]")
        }
        let second = try start(home)
        defer { second.close() }
        try second.send("Up")
        try second.waitFor("Up recalls 'quit'") { $0.split(separator: "\n").last?.hasSuffix("λ › quit") == true }
        try second.send("Up")
        try second.waitFor("a second Up recalls 'where'") { $0.split(separator: "\n").last?.hasSuffix("λ › where") == true }
        try second.send("C-u", "C-r", "timeout")
        try second.waitFor("reverse search finds the facts line") { $0.contains("facts timeout.max") }
        try second.send("Enter")
        try second.waitFor("Longest function timeout")
    }

    @Test("Ctrl-C stops a running invocation, the tutor stays, and no runtime process is left")
    func interruptRunningCommand() throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        let home = try TemporaryDirectory()
        let code = try home.write("slow.py", "import time\n\ndef handler(event, context):\n    time.sleep(60)\n    return 'late'\n")
        // Environments live in $LAMBDA_TUTOR_SCRATCH (home/envs here); only runtime processes
        // carry paths inside it in their environment (the tutor itself has just the folder).
        let marker = home.url.appendingPathComponent("envs").path + "/"
        let terminal = try start(home)
        defer { terminal.close() }
        try terminal.type("fn new slow --from \(code.path)")
        try terminal.waitFor("Created slow")
        try terminal.type("fn config slow handler=slow.handler timeout=120")
        try terminal.waitFor("timeout=120") { $0.contains("120") }
        try terminal.type("invoke slow")
        // The invocation is under way once its runtime process exists.
        let deadline = Date().addingTimeInterval(30)
        while ProcessTree.processes(mentioning: marker).isEmpty, Date() < deadline { usleep(50_000) }
        #expect(!ProcessTree.processes(mentioning: marker).isEmpty, "the handler's process started")
        try terminal.send("C-c")
        let stopped = try terminal.waitFor("the prompt after Ctrl-C") { screen in
            screen.contains("stopping") && screen.split(separator: "\n").last?.hasPrefix("λ ›") == true
        }
        #expect(!stopped.contains("^C^C"), "the terminal's own ^C echo is not doubled:\n\(stopped)")
        let gone = Date().addingTimeInterval(30)
        while !ProcessTree.processes(mentioning: marker).isEmpty, Date() < gone { usleep(50_000) }
        #expect(ProcessTree.processes(mentioning: marker).isEmpty, "no runtime process left after Ctrl-C")
        try terminal.type("where")
        try terminal.waitFor("No lesson is open")
    }

    @Test("At the deadline the exam is submitted on screen, without a keypress; the half-typed answer is dropped")
    func examDeadline() throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        let home = try TemporaryDirectory()
        // A paused one-minute exam, then set back to 2 seconds left (the shortest limit a
        // learner can ask for is a minute; a test should not wait that long).
        let paused = try TutorBinary.run(stdin: "exam --questions 2 --minutes 1 --seed 4\nnext\npause\n", environment: TutorBinary.environment(home: home))
        #expect(paused.stdout.contains("Exam paused"), "\(paused.stdout)\(paused.stderr)")
        let database = LearnerDatabase(home: DataHome(root: home.url.appendingPathComponent("data")))
        let pausedRow = try #require(try database.pausedExams().first)
        var state = try #require(try JSONSerialization.jsonObject(with: pausedRow.state) as? [String: Any])
        state["elapsed"] = 58.0
        #expect(try database.savePaused(id: pausedRow.id, state: JSONSerialization.data(withJSONObject: state)))

        var env = TutorBinary.environment(home: home)
        env["TERM"] = "xterm-256color"
        env["LAMBDA_TUTOR_PAGER"] = "cat"
        let terminal = try TmuxTerminal(command: [TutorBinary.url.path], environment: env)
        defer { terminal.close() }
        // The paused exam is offered back at start-up; Enter takes it.
        let offer = try terminal.waitFor("Resume it? [Y/n]")
        // Wrapped between words (the question is wider than the terminal), not cut by it.
        #expect(offer.replacingOccurrences(of: "\n", with: " ").contains("You have a paused exam (Developer Associate practice exam (DVA-C02 format), 0 of 2 answered, 0:02 left)"), "\(offer)")
        #expect(!offer.contains("le\nft"))
        try terminal.send("Enter")
        try terminal.waitFor("exam 2/2 · 0:0")
        // Typing, not pressing Enter: the deadline alone ends the exam.
        try terminal.send("half an answ")
        let screen = try terminal.waitFor("the result and the review prompt", timeout: 15) { $0.contains("review ›") }
        #expect(screen.contains("exam 2/2 · 0:0"), "the exam prompt was there before the deadline:\n\(screen)")
        #expect(screen.contains("The exam was submitted then, with the answers given before"), "\(screen)")
        #expect(screen.contains("the exam was submitted automatically."), "\(screen)")
        #expect(screen.contains("Score 100 / 1000 · FAIL"), "both questions left open:\n\(screen)")
        #expect(!screen.contains("half an answ'"), "the half-typed line is not taken as an answer")
        // The review works as after any exam.
        try terminal.type("done")
        try terminal.waitFor("λ ›") { $0.hasSuffix("λ ›") || $0.split(separator: "\n").last?.hasPrefix("λ ›") == true }
    }

    @Test("Code typed for fn edit --inline stays out of the command history")
    func inlineCodeNotInHistory() throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        let home = try TemporaryDirectory()
        let terminal = try start(home)
        defer { terminal.close() }
        try terminal.type("fn new typed")
        try terminal.waitFor("Created typed")
        try terminal.type("fn edit typed --inline")
        try terminal.waitFor("end it with a line holding a single") { $0.contains("single '.'") }
        try terminal.type("def lambda_handler(event, context): return 42")
        try terminal.type(".")
        try terminal.waitFor("Saved lambda_function.py")
        try terminal.send("Up")
        try terminal.waitFor("Up recalls the command, not the code") { $0.split(separator: "\n").last?.hasSuffix("λ › fn edit typed --inline") == true }
        try terminal.send("C-u")
        let history = try String(contentsOf: home.url.appendingPathComponent("data/history"), encoding: .utf8)
        #expect(!history.contains("lambda_handler"), "\(history)")
    }

    @Test("UTF-8 input is kept whole")
    func utf8() throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        let home = try TemporaryDirectory()
        let terminal = try start(home)
        defer { terminal.close() }
        try terminal.type("search café λ")
        try terminal.waitFor("No lesson mentions \"café λ\"")
    }

    @Test("Offers to continue where the learner stopped")
    func resumeOffer() throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        let home = try TemporaryDirectory()
        _ = try TutorBinary.run(stdin: "lesson what-is-lambda --step 2\n", environment: TutorBinary.environment(home: home))
        var env = TutorBinary.environment(home: home)
        env["TERM"] = "xterm-256color"
        env["LAMBDA_TUTOR_PAGER"] = "cat"
        let terminal = try TmuxTerminal(command: [TutorBinary.url.path], environment: env)
        defer { terminal.close() }
        try terminal.waitFor("Continue \"What Lambda is\" at step 2")
        try terminal.send("Enter")
        try terminal.waitFor("λ what-is-lambda 2/")
    }
}
