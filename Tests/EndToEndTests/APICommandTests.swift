import Foundation
import Testing
import TestSupport

/// `lambda-tutor serve`, `api start|stop` and one Lambda per data folder: the real binary,
/// real processes, ephemeral ports; every process it starts is stopped.
@Suite(.serialized)
struct APICommandTests {
    /// The port in `Lambda API: http://127.0.0.1:PORT`.
    static func port(in output: String) -> Int? {
        guard let range = output.range(of: "http://127.0.0.1:") else { return nil }
        return Int(output[range.upperBound...].prefix { $0.isNumber })
    }

    @Test func invokeFromAnotherShellGoesThroughTheServingTutor() throws {
        let home = try TemporaryDirectory()
        let env = TutorBinary.environment(home: home)
        #expect(try TutorBinary.run(["start"], stdin: "fn new hello\n", environment: env).status == 0)
        let serve = try TutorBinary.start(["serve", "--port", "0"], environment: env)
        defer { serve.kill() }
        #expect(serve.waitForOutput(containing: "until Ctrl-C"), "\(serve.output)\(serve.errors)")
        let port = try #require(Self.port(in: serve.output))
        #expect(serve.output.contains("export AWS_ENDPOINT_URL_LAMBDA=http://127.0.0.1:\(port)"))

        // Two invokes from other processes share the serving tutor's environment: cold, then warm.
        let first = try TutorBinary.run(["invoke", "hello"], environment: env)
        #expect(first.status == 0 && first.stdout.contains("cold start") && first.stdout.contains("run by the tutor serving this data folder"), "\(first.stdout)\(first.stderr)")
        let second = try TutorBinary.run(["invoke", "hello", "--json"], environment: env)
        #expect(second.status == 0 && second.stdout.contains("\"coldStart\" : false"), "\(second.stdout)\(second.stderr)")
        let missing = try TutorBinary.run(["invoke", "nope"], environment: env)
        #expect(missing.status != 0 && missing.stderr.contains("ResourceNotFoundException: Function not found"), "\(missing.stderr)")

        // One Lambda per data folder: a second server is refused, naming the first.
        let other = try TutorBinary.run(["serve", "--port", "0"], environment: env, timeout: 60)
        #expect(other.status != 0 && other.stderr.contains("already serves this data folder at http://127.0.0.1:\(port)"), "\(other.stderr)")

        // Ctrl-C stops it cleanly: status 0, the note gone, no environment left.
        serve.signal(SIGINT)
        #expect(serve.waitForExit(deadline: 60) == 0)
        #expect(serve.output.contains("stopped"))
        #expect(!FileManager.default.fileExists(atPath: home.path + "/data/api-endpoint.json"))
        #expect(ProcessTree.processes(mentioning: home.path).isEmpty)
        let local = try TutorBinary.run(["invoke", "hello"], environment: env)
        #expect(local.status == 0 && !local.stdout.contains("run by the tutor serving"), "\(local.stdout)")
    }

    /// `serve --time-scale 60`: waiting runs scaled from the start, and the tutor says so; a
    /// scale the clock refuses stops the server before it serves.
    @Test func serveTakesATimeScale() throws {
        let home = try TemporaryDirectory()
        let env = TutorBinary.environment(home: home)
        let serve = try TutorBinary.start(["serve", "--port", "0", "--time-scale", "60"], environment: env)
        defer { serve.kill() }
        #expect(serve.waitForOutput(containing: "until Ctrl-C"), "\(serve.output)\(serve.errors)")
        #expect(serve.output.contains("Waiting now runs 60× faster"), "\(serve.output)")
        serve.signal(SIGINT)
        #expect(serve.waitForExit(deadline: 60) == 0)
        let refused = try TutorBinary.run(["serve", "--port", "0", "--time-scale", "0.5"], environment: env, timeout: 60)
        #expect(refused.status != 0 && refused.stderr.contains("time scale must be between 1 and"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: home.path + "/data/api-endpoint.json"))
    }

    @Test func aStaleNoteIsReportedAndTheInvokeRunsHere() throws {
        let home = try TemporaryDirectory()
        let env = TutorBinary.environment(home: home)
        #expect(try TutorBinary.run(["start"], stdin: "fn new hello\n", environment: env).status == 0)
        // A server that died without removing its note (pid 1 is alive but does not listen there).
        let note = home.path + "/data/api-endpoint.json"
        #expect(FileManager.default.createFile(atPath: note, contents: Data("{\"pid\":1,\"port\":1,\"started\":\"2026-01-01T00:00:00Z\"}".utf8), attributes: [.posixPermissions: 0o600]))
        let result = try TutorBinary.run(["invoke", "hello"], environment: env)
        #expect(result.status == 0 && result.stderr.contains("is no longer running; the stale note was removed"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: note))
    }

    @Test func apiStartShowsHowToUseItAt80x24() throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        let home = try TemporaryDirectory()
        var env = TutorBinary.environment(home: home)
        env["TERM"] = "xterm-256color"
        let terminal = try TmuxTerminal(command: [TutorBinary.url.path], environment: env, width: 80, height: 24)
        defer { terminal.close() }
        try terminal.waitFor("λ ›")
        try terminal.type("api")
        try terminal.waitFor("The Lambda API is not running")
        try terminal.type("api start --port 0")
        let screen = try terminal.waitFor("aws_secret_access_key")
        #expect(screen.contains("Lambda API: http://127.0.0.1:") && screen.contains("aws lambda invoke --function-name myFunction output.json"))
        // Nothing is cut at the right edge: every guide line ends inside 80 columns.
        #expect(screen.split(separator: "\n").allSatisfy { $0.count < 80 }, "\(screen)")
        try terminal.type("api stop")
        try terminal.waitFor("The Lambda API is stopped.")
        try terminal.type("quit")
        try terminal.waitFor("[exited 0]")
        #expect(!FileManager.default.fileExists(atPath: home.path + "/data/api-endpoint.json"))
    }
}
