import Foundation
import Testing
import TestSupport

/// The pager and the editor as a learner meets them: a real 80×24 terminal (tmux) with the
/// machine's own `less` and `vi`, no `LAMBDA_TUTOR_PAGER=cat`.
@Suite("Pager and editor in a real terminal", .serialized)
struct PagerEditorTerminalTests {
    /// A step far taller than 24 rows whose checkpoint is last, with options in a fixed order.
    static let tallLesson = """
    ---
    id: tall
    title: A tall step
    summary: Paging a step with a checkpoint at its end.
    ---
    ## Long reading

    \((1...40).map { "Paragraph \($0) of the reading, long enough to be a line of its own." }.joined(separator: "\n\n"))

    ```check
    type: single
    shuffle: false
    stem: Which option is the last one?
    choices:
      - {text: The first option, feedback: It is first.}
      - {text: The second option, feedback: It is second.}
      - {text: The third option, feedback: It is third.}
      - {text: The very last option, correct: true}
    explanation: It is printed last.
    ```
    """

    static var tools: (less: Bool, vi: Bool) {
        (FileManager.default.isExecutableFile(atPath: "/usr/bin/less"), FileManager.default.isExecutableFile(atPath: "/usr/bin/vi"))
    }

    func start(_ home: TemporaryDirectory, extra: [String: String] = [:]) throws -> TmuxTerminal {
        var env = TutorBinary.environment(home: home, extra: extra)
        env["TERM"] = "xterm-256color"
        env["PATH"] = "/usr/bin:/bin"
        let terminal = try TmuxTerminal(command: [TutorBinary.url.path], environment: env, width: 80, height: 24)
        try terminal.waitFor("λ ›")
        return terminal
    }

    /// The prompt is the last line on screen, with nothing after it (no stray terminal reply).
    func promptIsClean(_ screen: String, _ prompt: String = "λ ›") -> Bool {
        screen.split(separator: "\n").last.map { $0.trimmingCharacters(in: .whitespaces) == prompt } ?? false
    }

    @Test("help goes through the real less at 80x24 and can be paged to its last line")
    func helpInLess() throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        try #require(Self.tools.less, "less is needed for this test (apt-get install less)")
        let home = try TemporaryDirectory()
        let terminal = try start(home)
        defer { terminal.close() }
        try terminal.type("help")
        // less keeps the first screen and waits for a key: its ':' prompt is the last line.
        let first = try terminal.waitFor("less's prompt after the first screen") { $0.split(separator: "\n").last == ":" }
        #expect(first.contains("Commands"), "\(first)")
        #expect(!first.contains("Ctrl-R searches history"), "the end of help is not on the first screen")
        var screen = first
        for _ in 0..<10 where !screen.contains("(END)") {
            try terminal.send(" ")
            usleep(200_000)
            screen = try terminal.screen()
        }
        #expect(screen.contains("(END)"), "paged to the end:\n\(screen)")
        #expect(screen.contains("Ctrl-R searches history"), "the last line of help is on screen:\n\(screen)")
        try terminal.send("q")
        let after = try terminal.waitFor("the prompt after q") { promptIsClean($0) }
        #expect(after.contains("Ctrl-R searches history"), "less -X leaves the text on screen")
        try terminal.type("where")
        let answered = try terminal.waitFor("No lesson is open")
        #expect(!answered.contains("unknown command"), "\(answered)")
    }

    @Test("A tall step's checkpoint, last option included, is on screen when the prompt returns, wherever less was left")
    func tallCheckpoint() throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        try #require(Self.tools.less, "less is needed for this test (apt-get install less)")
        let home = try TemporaryDirectory()
        try home.write("course/Lessons/01-tall.md", Self.tallLesson)
        let terminal = try start(home, extra: ["LAMBDA_TUTOR_CONTENT": home.url.appendingPathComponent("course").path])
        defer { terminal.close() }
        try terminal.type("lesson tall")
        let paged = try terminal.waitFor("less's prompt") { $0.split(separator: "\n").last == ":" }
        #expect(paged.contains("Paragraph 1 of the reading"))
        #expect(!paged.contains("The very last option"))
        // Leave the pager on its first screen: the question must still be there afterwards.
        try terminal.send("q")
        let screen = try terminal.waitFor("the prompt after the checkpoint") { promptIsClean($0, "λ tall 1/1 ›") }
        #expect(screen.contains("Checkpoint: Which option is the last one?"), "\(screen)")
        #expect(screen.contains("D) The very last option"), "the last option is on screen:\n\(screen)")
        #expect(screen.contains("Type answer followed by your answer."), "\(screen)")
        try terminal.type("answer the very last option")
        try terminal.waitFor("✓ Correct.")
        // `more` shows the step again, through the pager.
        try terminal.type("more")
        try terminal.waitFor("less again") { $0.split(separator: "\n").last == ":" }
        try terminal.send("q")
        try terminal.waitFor("the prompt after more") { promptIsClean($0, "λ tall 1/1 ›") }
    }

    @Test("fn edit opens the real vi; the edit is saved and nothing stray reaches the prompt")
    func editInVi() throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        try #require(Self.tools.vi, "vi is needed for this test (apt-get install vim-tiny)")
        let home = try TemporaryDirectory()
        let terminal = try start(home, extra: ["VISUAL": "vi"])
        defer { terminal.close() }
        try terminal.type("fn new hello")
        try terminal.waitFor("Created hello")
        try terminal.type("fn edit hello")
        // vi's status line names the file.
        try terminal.waitFor("vi with the handler") { $0.contains("lambda_function.py") && $0.contains("def lambda_handler") && !$0.contains("λ › fn edit hello") }
        try terminal.send("g", "g", "O")
        try terminal.send("# edited in vi by the test")
        try terminal.send("Escape")
        try terminal.send(":wq", "Enter")
        let saved = try terminal.waitFor("Saved lambda_function.py")
        #expect(!saved.contains("Error reading input"), "\(saved)")
        try terminal.waitFor("the prompt after vi") { promptIsClean($0) }
        let code = try String(contentsOf: home.url.appendingPathComponent("data/functions/hello/code/lambda_function.py"), encoding: .utf8)
        #expect(code.hasPrefix("# edited in vi by the test\n"), "\(code)")
        try terminal.type("where")
        let after = try terminal.waitFor("No lesson is open")
        #expect(!after.contains("unknown command"), "no terminal reply was read as a command:\n\(after)")
    }
}
