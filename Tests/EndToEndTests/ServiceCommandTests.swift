import Foundation
import Testing
import TestSupport

/// Versions, aliases, concurrency and metrics through the real binary in script mode: what a
/// learner types, and what Lambda would report (executed version, START … Version:, the log
/// stream, AWS_LAMBDA_FUNCTION_VERSION, 429 with its Reason, provisioned environments).
@Suite("Service commands", .serialized)
struct ServiceCommandTests {
    /// A handler that reports what the environment says about itself, and sleeps when asked.
    static let reporter = """
    import os, time
    def lambda_handler(event, context):
        time.sleep(event.get("sleep", 0))
        return {"version": os.environ["AWS_LAMBDA_FUNCTION_VERSION"],
                "init": os.environ["AWS_LAMBDA_INITIALIZATION_TYPE"],
                "arn": context.invoked_function_arn,
                "memory": context.memory_limit_in_mb}

    """

    /// Runs the script; `out` is what the learner sees (output and errors), `stdout` the output alone.
    func run(_ script: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (out: String, stdout: String) {
        let home = try TemporaryDirectory(prefix: "service-commands")
        let file = home.url.appendingPathComponent("reporter.py")
        try Self.reporter.write(to: file, atomically: true, encoding: .utf8)
        let result = try TutorBinary.run(stdin: script.replacingOccurrences(of: "REPORTER", with: file.path) + "\nquit\n",
                                         environment: TutorBinary.environment(home: home))
        // Each script has a line AWS refuses on purpose: a script with an error exits 1.
        #expect(result.status == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("Fatal") && !result.stderr.contains("crash"), "\(result.stderr)", sourceLocation: sourceLocation)
        return (result.stdout + result.stderr, result.stdout)
    }

    @Test("fn publish freezes a version; an alias routes to it; the executed version shows everywhere AWS shows it")
    func versionsAndAliases() throws {
        let (out, _) = try run("""
        fn new rep --from REPORTER
        fn publish rep
        fn publish rep
        fn config rep memory=256
        fn publish rep
        alias rep prod 1
        invoke rep:prod --json
        invoke rep:2
        invoke rep
        alias rep prod 1 --weight 2=50%
        alias rep
        logs rep
        invoke rep:7
        """)
        #expect(out.contains("Published rep:1"))
        #expect(out.contains("Nothing changed since version 1"))
        #expect(out.contains("Published rep:2"))
        #expect(out.contains("rep:prod → version 1"))
        #expect(out.contains("\"executedVersion\" : \"1\""))
        #expect(out.contains("\"version\" : \"1\""), "AWS_LAMBDA_FUNCTION_VERSION is 1")
        #expect(out.contains("function:rep:prod"), "the invoked ARN carries the alias")
        #expect(out.contains("200 OK · version 2 · cold start"))
        #expect(out.contains("START RequestId:") && out.contains("Version: 2"))
        #expect(out.contains("\"memory\" : \"256\""), "version 2 runs with the memory it was published with")
        #expect(out.contains("version 1 50 %, version 2 50 %"))
        #expect(out.contains("[1]") && out.contains("[2]") && out.contains("[$LATEST]"), "one log stream per version's environment")
        #expect(out.contains("ResourceNotFoundException: Function not found: arn:aws:lambda:us-east-1:123456789012:function:rep:7"))
    }

    @Test("Reserved 1 with three at once throttles two; a teaching account limit throttles the rest; metrics count it")
    func throttles() throws {
        let (out, stdout) = try run("""
        fn new rep --from REPORTER
        fn config rep reserved=1
        invoke rep --concurrent 3 --payload '{"sleep": 0.5}'
        fn config rep reserved=0
        invoke rep
        fn config rep reserved=none
        account concurrency 2
        account
        invoke rep --concurrent 4 --payload '{"sleep": 0.5}'
        fn config rep reserved=2
        metrics rep --json
        """)
        #expect(out.contains("3 invocations of rep at once: 1 ran"))
        #expect(out.contains("2 throttled"))
        #expect(out.contains("ReservedFunctionConcurrentInvocationLimitExceeded ×2"))
        #expect(out.contains("TooManyRequestsException: Rate Exceeded. (Reason: ReservedFunctionConcurrentInvocationLimitExceeded)"))
        #expect(out.contains("Account concurrency: 2 (set for teaching"))
        #expect(out.contains("4 invocations of rep at once: 2 ran"))
        #expect(out.contains("Reason: ConcurrentInvocationLimitExceeded ×2"))
        #expect(out.contains("Reserved 2 of the account's concurrency for rep"), "the minimum scales to 0 with a limit of 2")
        let totals = try Self.metricTotals(stdout)
        #expect(totals["Throttles"] == 5)
        #expect(totals["Invocations"] == 3)
    }

    @Test("Provisioned environments are started ahead, serve warm with the provisioned init type, and spill over")
    func provisioned() throws {
        let (out, stdout) = try run("""
        fn new rep --from REPORTER
        fn publish rep
        alias rep live 1
        fn provision rep 1
        fn provision rep:live 1
        invoke rep:live
        invoke rep:live --concurrent 2 --payload '{"sleep": 0.5}'
        metrics rep:live --json
        """)
        #expect(out.contains("Provisioned Concurrency Configs cannot be applied to unpublished function versions."))
        #expect(out.contains("1 environment of rep:live started ahead"))
        #expect(out.contains("200 OK · version 1 · warm"), "the first invoke finds the provisioned environment warm")
        #expect(out.contains("provisioned-concurrency"))
        #expect(out.contains("2 invocations of rep:live at once: 2 ran (1 cold, 1 warm)"))
        #expect(try Self.metricTotals(stdout)["ProvisionedConcurrencySpilloverInvocations"] == 1)
    }

    /// The counters of `metrics … --json` (the last JSON object of the output), summed over
    /// its minutes, so a run that crosses a minute's end counts the same.
    static func metricTotals(_ out: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Int] {
        let start = try #require(out.range(of: "{\n  \"functionName\"", options: .backwards), sourceLocation: sourceLocation)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out[start.lowerBound...].utf8)) as? [String: Any], sourceLocation: sourceLocation)
        let minutes = try #require(object["minutes"] as? [[String: Any]], sourceLocation: sourceLocation)
        var totals: [String: Int] = [:]
        for minute in minutes {
            for (key, value) in minute { if let number = value as? Int { totals[key, default: 0] += number } }
        }
        return totals
    }
}
