import Foundation
import LambdaService
import LineEditor
import MiniLambda
import Testing
import TestSupport
import TutorSupport
@testable import TutorApp

/// Completion of the runtime commands, in process (the commands themselves run through the
/// built binary in EndToEndTests' RuntimeCommandTests).
@Suite("Runtime commands: completion")
struct RuntimeCompletionTests {
    @Test("Tab completes function names, event names, subcommands and settings")
    func completion() throws {
        let home = try TemporaryDirectory()
        let dataHome = DataHome(root: home.url.appendingPathComponent("data"))
        let (console, _) = Console.capturing()
        let session = Session(configuration: .init(dataHome: dataHome, environment: ["HOME": home.path], interactive: false), console: console)
        try FunctionRegistry(dataHome: dataHome).create(name: "hello")
        try FunctionRegistry(dataHome: dataHome).create(name: "orders", runtime: .node)
        func complete(_ prefix: String, _ word: String = "") -> [String] {
            session.completions(for: CompletionRequest(linePrefix: prefix, word: word))
        }
        #expect(complete("invoke ").contains("hello"))
        #expect(complete("invoke hello --event ").contains("s3-put"))
        #expect(complete("fn ").contains("config"))
        #expect(complete("fn config ").contains("orders"))
        #expect(complete("fn config hello ").contains("memory="))
        #expect(complete("fn config hello ").contains("env."))
        #expect(complete("fn config hello ").contains("async.retries="), "the async settings complete too")
        #expect(complete("fn config hello ").contains("dlq="))
        #expect(complete("fn new x --runtime ").contains("nodejs22.x"))
        #expect(complete("event show ").contains("dynamodb-stream"))
        #expect(complete("logs ").contains("orders"))
        #expect(complete("").contains("invoke"))
        #expect(complete("invoke hello ", "--").contains("--event"))
    }
}
