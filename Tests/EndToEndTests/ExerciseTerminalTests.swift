import Foundation
import Testing
import TestSupport

/// Exercises at a real 80×24 terminal (tmux) with the real `vi`: Tab completion of exercise
/// ids, `verify --watch` re-running when the learner saves in an editor beside it, Ctrl-C
/// leaving watch mode.
@Suite("Exercises at the terminal", .serialized)
struct ExerciseTerminalTests {
    @Test("verify --watch re-verifies on save in vi, passes, and Ctrl-C leaves it with nothing left running")
    func watchMode() throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        let vi = ["/usr/bin/vi", "/bin/vi"].first { FileManager.default.isExecutableFile(atPath: $0) }
        try #require(vi != nil, "vi is needed for this test (apt-get install vim-tiny)")
        let home = try TemporaryDirectory()
        var env = TutorBinary.environment(home: home)
        env["TERM"] = "xterm-256color"
        // The tutor's pager cannot take the terminal yet (issue 8 fixes that); the editor here
        // runs in a window of its own, so it is the real vi all the same.
        env["LAMBDA_TUTOR_PAGER"] = "cat"
        let marker = home.url.appendingPathComponent("data/exercise-runs").path
        let terminal = try TmuxTerminal(command: [TutorBinary.url.path], environment: env, width: 80, height: 24)
        defer { terminal.close() }
        try terminal.waitFor("λ ›")

        // Tab completes exercise ids.
        try terminal.send("exercise hello-e", "Tab")
        try terminal.waitFor("λ › exercise hello-event")
        try terminal.send("Enter")
        try terminal.waitFor("Created hello-event")
        try terminal.waitFor("the prompt after the task") { $0.split(separator: "\n").last?.hasPrefix("λ ›") == true }

        try terminal.type("verify --watch")
        try terminal.waitFor("✗ 0 of 2 cases pass.", timeout: 60)
        try terminal.waitFor("the reminder after the run") { $0.split(separator: "\n").last?.hasPrefix("Watching app.py of hello-event") == true }

        // The learner edits the handler in vi, in a window beside the tutor, and saves.
        let file = home.url.appendingPathComponent("data/functions/hello-event/code/app.py").path
        let editor = try terminal.openWindow([vi!, "-u", "NONE", "-N", file], environment: ["TERM": "xterm-256color", "HOME": home.path, "PATH": "/usr/bin:/bin"])
        try terminal.waitFor("TODO", in: editor)
        try terminal.send(to: editor, "ggdG", "i")
        try terminal.send(to: editor, "def lambda_handler(event, context):\n    return {\"message\": f\"Hello, {event.get('name', 'world')}!\"}\n")
        try terminal.send(to: editor, "Escape", ":wq", "Enter")

        try terminal.waitFor("app.py changed; verifying again", timeout: 30)
        try terminal.waitFor("✓ All 2 cases pass. Exercise hello-event is done.", timeout: 60)
        try terminal.waitFor("the reminder after the run") { $0.split(separator: "\n").last?.hasPrefix("Watching app.py of hello-event") == true }

        try terminal.send("C-c")
        try terminal.waitFor("Stopped watching hello-event.")
        try terminal.waitFor("the prompt after Ctrl-C") { $0.split(separator: "\n").last?.hasPrefix("λ ›") == true }
        let gone = Date().addingTimeInterval(30)
        while !ProcessTree.processes(mentioning: marker).isEmpty, Date() < gone { usleep(50_000) }
        #expect(ProcessTree.processes(mentioning: marker).isEmpty, "no verification runtime left after Ctrl-C")

        try terminal.type("exercises --lesson what-is-lambda")
        try terminal.waitFor("✓  hello-event")
        try terminal.waitFor("1 of 2 done")
    }
}
