import Foundation
import Testing
import TestSupport

/// `fn url` and `route` through the real binary, then `lambda-tutor serve` answering the URL
/// they printed to curl, and a second tutor on the same data folder pointing at that one.
@Suite(.serialized)
struct FunctionURLCommandTests {
    /// The first `http://<32>.lambda-url.us-east-1.localhost:PORT/` in `output`.
    static func url(in output: String) -> String? {
        guard let match = output.firstMatch(of: /http:\/\/[a-z0-9]{32}\.lambda-url\.us-east-1\.localhost:[0-9]+\//) else { return nil }
        return String(match.output)
    }

    @Test func fnURLPrintsAURLThatServeAnswers() async throws {
        let home = try TemporaryDirectory()
        let env = TutorBinary.environment(home: home)
        let script = "fn new web\nfn url web\nfn url web:nope\nfn url\nroute add GET /hi/{name} web\nroute add GET /hi/{name} web\nroute\n"
        let made = try TutorBinary.run(["start"], stdin: script, environment: env)
        #expect(made.stdout.contains("Created a function URL for web (AuthType NONE, payload format 2.0)"), "\(made.stdout)\(made.stderr)")
        #expect(made.stdout.contains("try: curl -i '"))
        #expect(made.stderr.contains("Alias not found"), "an alias that does not exist is refused: \(made.stderr)")
        #expect(made.stderr.contains("Method already exists for this resource"), "\(made.stderr)")
        #expect(made.stdout.contains("GET     /hi/{name} → web"))
        let printed = try #require(Self.url(in: made.stdout))
        let id = try #require(printed.split(separator: "/")[1].split(separator: ".").first)

        let serve = try TutorBinary.start(["serve", "--port", "0"], environment: env)
        defer { serve.kill() }
        #expect(serve.waitForOutput(containing: "until Ctrl-C"), "\(serve.output)\(serve.errors)")
        #expect(serve.output.contains("Function URLs on 127.0.0.1:"))
        #expect(serve.output.contains("GET /hi/{name} → web"))
        let served = try #require(Self.url(in: serve.output))
        #expect(served.contains(String(id)), "the same URL id, on the port serve listens on")

        let work = try TemporaryDirectory()
        let answer = try #require(await CurlExchange.run(served + "?name=Ada", in: work))
        #expect(answer.status == 200, "\(answer.text)")

        // Another tutor on the data folder shows the serving tutor's URL and starts no listener.
        let other = try TutorBinary.run(["start"], stdin: "fn url web\n", environment: env)
        #expect(other.stdout.contains(served) && other.stdout.contains("answered by lambda-tutor process"), "\(other.stdout)\(other.stderr)")

        let removed = try TutorBinary.run(["start"], stdin: "fn url web --rm\n", environment: env)
        #expect(removed.stdout.contains("Deleted the function URL of web"), "\(removed.stdout)\(removed.stderr)")
        #expect(try #require(await CurlExchange.run(served, in: work)).status == 403)

        serve.signal(SIGINT)
        #expect(serve.waitForExit(deadline: 60) == 0)
        #expect(ProcessTree.processes(mentioning: home.path).isEmpty)
    }
}
