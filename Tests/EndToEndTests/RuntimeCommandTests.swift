import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport

/// `fn`, `invoke`, `events`, `logs`, `envs` and `load` through the real binary with piped stdin,
/// the one-shot `lambda-tutor invoke`, and the promise that no runtime process outlives the
/// tutor (quit, end of input, SIGTERM, SIGHUP).
@Suite("Runtime commands", .serialized)
struct RuntimeCommandTests {
    /// A home, a data folder, a TMPDIR and an environments' folder of its own, so the runtime's
    /// processes (whose LAMBDA_TASK_ROOT is in that folder) can be found.
    struct Sandbox {
        let home: TemporaryDirectory
        var tmp: URL { home.url.appendingPathComponent("tmp") }
        var environment: [String: String] {
            TutorBinary.environment(home: home, extra: ["TMPDIR": tmp.path])
        }

        init() throws {
            home = try TemporaryDirectory(prefix: "runtime-commands")
            try FileManager.default.createDirectory(at: home.url.appendingPathComponent("tmp"), withIntermediateDirectories: true)
        }

        /// Processes whose environment mentions this sandbox's environments (runtimes and
        /// anything they forked; the tutor itself only names the folder, without a slash after it).
        var processes: [Int32] { ProcessTree.processes(mentioning: home.url.appendingPathComponent("envs").path + "/") }
    }

    @Test("fn new, invoke cold then warm, config, list, logs, envs, events in script mode")
    func scriptSession() throws {
        let sandbox = try Sandbox()
        let script = """
        fn new hello
        invoke hello --payload '{"name": "Ada"}'
        invoke hello
        fn config hello memory=256 timeout=5 env.TABLE=users
        fn list
        fn show hello
        invoke hello --json
        logs hello --tail 3
        envs hello
        events
        event show s3-put --set Records[0].s3.object.key=cat.jpg
        quit
        """
        let result = try TutorBinary.run(stdin: script + "\n", environment: sandbox.environment)
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("Created hello (python3.12, handler lambda_function.lambda_handler, 128 MB, 3 s\n  timeout)"),
                "wrapped between words at 80 columns")
        #expect(out.contains("200 OK · cold start · Init "))
        #expect(out.contains("200 OK · warm · Duration "))
        #expect(out.contains("Billed includes Init"))
        #expect(out.contains("│ START RequestId: "))
        #expect(out.contains("│ REPORT RequestId: "))
        #expect(out.contains("Hello from hello"))
        #expect(out.contains("MemorySize        256 MB"))
        #expect(out.contains("EphemeralStorage  512 MB (/tmp)"))
        #expect(out.contains("Environment       TABLE=users"))
        #expect(out.contains("is run here by the local python3"))
        #expect(out.contains("\"memorySizeMB\" : 256"))
        #expect(out.contains("Log group /aws/lambda/hello"))
        #expect(out.contains("[$LATEST]"))
        // envs in an 80-column script: the log streams go under the table, whole.
        #expect(out.contains("log streams:\n  "))
        #expect(out.contains("s3-put"))
        #expect(out.contains("\"key\" : \"cat.jpg\""))
        #expect(!out.contains("\u{1B}"), "no escape codes in script mode")
        #expect(sandbox.processes.isEmpty, "left running: \(sandbox.processes)")
    }

    @Test("Eleven functions invoked one after another in one session all answer; envs NAME --stop stops that function's")
    func elevenFunctions() throws {
        let sandbox = try Sandbox()
        var script = ""
        for n in 1...11 { script += "fn new f\(n)\ninvoke f\(n) --json\n" }
        script += "envs f11 --stop\nenvs\nquit\n"
        let result = try TutorBinary.run(stdin: script, environment: sandbox.environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("Rate Exceeded"), "\(result.stderr)")
        for n in 1...11 {
            #expect(result.stdout.contains("\"functionName\" : \"f\(n)\""), "f\(n) answered")
        }
        #expect(result.stdout.components(separatedBy: "\"statusCode\" : 200").count - 1 >= 11)
        #expect(result.stdout.contains("Stopped 1 idle environment of f11. The next invoke of f11 starts cold."), "\(result.stdout)")
        #expect(sandbox.processes.isEmpty, "left running: \(sandbox.processes)")
    }

    @Test("fn config and fn edit shut down the warm environments they outdate; an unchanged config keeps them")
    func updatesRetireOutdatedEnvironments() throws {
        let sandbox = try Sandbox()
        let script = """
        fn new hello
        invoke hello
        fn config hello
        envs hello
        fn config hello memory=256
        envs hello
        invoke hello
        fn edit hello --inline
        def lambda_handler(event, context):
            return "edited"
        .
        envs hello
        quit
        """
        let result = try TutorBinary.run(stdin: script + "\n", environment: sandbox.environment)
        #expect(result.status == 0, "\(result.stderr)")
        let sections = result.stdout.components(separatedBy: "Updated hello")
        try #require(sections.count == 2)
        // Showing the settings changes nothing: the environment stays warm.
        #expect(sections[0].contains("idle"))
        #expect(!sections[0].contains("No execution environments are running"))
        // After the update and after the edit, nothing outdated is left to show.
        let afterEdit = try #require(sections[1].components(separatedBy: "Saved lambda_function.py").last)
        #expect(sections[1].components(separatedBy: "No execution environments are running").count == 3, "\(sections[1])")
        #expect(afterEdit.contains("No execution environments are running"))
        #expect(sandbox.processes.isEmpty, "left running: \(sandbox.processes)")
    }

    @Test("Bad input gets AWS-shaped errors, a did-you-mean and the JSON error position")
    func badInput() throws {
        let sandbox = try Sandbox()
        let script = """
        fn new hello --runtime python2.7
        fn new hello
        invoke helo
        invoke hello --event s3-pot
        invoke hello --payload '{"a": 1,}'
        fn config hello memory=64
        fn config hello env.AWS_REGION=x
        fn new 'bad name'
        """
        let result = try TutorBinary.run(stdin: script + "\n", environment: sandbox.environment)
        #expect(result.status == 1)
        let errors = result.stderr
        #expect(errors.contains("Value 'python2.7' at 'runtime' failed to satisfy constraint"))
        #expect(errors.contains("Function not found: arn:aws:lambda:us-east-1:123456789012:function:helo (did you mean 'hello'?)"))
        #expect(errors.contains("no sample event named 's3-pot': did you mean 's3-put'?"))
        #expect(errors.contains("Could not parse request body into json"))
        #expect(errors.contains("at line 1, column 9"))
        #expect(errors.contains("Member must have value greater than or equal to 128"))
        #expect(errors.contains("Reserved keys used in this request: AWS_REGION"))
        #expect(errors.contains("at 'functionName' failed to satisfy constraint"))
    }

    @Test("Function errors show the AWS error, its explanation, and the environment is replaced after a crash")
    func functionErrors() throws {
        let sandbox = try Sandbox()
        let script = """
        fn new crash
        fn edit crash --inline
        import os
        def lambda_handler(event, context):
            if event.get("exit"):
                os._exit(7)
            raise ValueError("bad order")
        .
        invoke crash
        invoke crash --payload '{"exit": true}'
        invoke crash --json
        """
        let result = try TutorBinary.run(stdin: script + "\n", environment: sandbox.environment)
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("X-Amz-Function-Error: Unhandled · ValueError"))
        #expect(out.contains("\"errorMessage\" : \"bad order\""))
        #expect(out.contains("Runtime.ExitError"))
        #expect(out.contains("Runtime exited with error: exit status 7"))
        #expect(out.contains("The runtime process ended during the invocation"))
        #expect(out.contains("\"coldStart\" : true"), "the crashed environment is not reused")
        #expect(sandbox.processes.isEmpty)
    }

    @Test("load takes a handler block from the current lesson")
    func loadFromLesson() throws {
        let sandbox = try Sandbox()
        let course = try TemporaryDirectory(prefix: "course")
        try course.write("Lessons/01-load.md", """
        ---
        id: load-demo
        title: Loading handlers
        summary: A step with handler code.
        ---
        ## Only step
        Here is a handler:

        ```handler python name=greeter handler=app.lambda_handler
        def lambda_handler(event, context):
            return {"greeting": "hi " + event.get("name", "you")}
        ```

        ```handler node name=greeter-js
        export const handler = async (event) => ({ js: true });
        ```
        """)
        let script = """
        lesson load-demo
        load greeter
        invoke greeter --payload '{"name": "Bo"}'
        load greeter-js
        invoke greeter-js
        load nothere
        """
        let result = try TutorBinary.run(["--content", course.path], stdin: script + "\n", environment: sandbox.environment)
        #expect(result.stdout.contains("Loaded the handler into greeter (python3.12, handler app.lambda_handler)"), "\(result.stderr)")
        #expect(result.stdout.contains("\"greeting\" : \"hi Bo\""))
        #expect(result.stdout.contains("Loaded the handler into greeter-js (nodejs22.x, handler index.handler)"))
        #expect(result.stdout.contains("\"js\" : true"))
        #expect(result.stderr.contains("this step has no handler called 'nothere'"), "\(result.stderr)")
        #expect(result.status == 1)
    }

    @Test("lambda-tutor invoke --handler FILE:FUNCTION runs a file once and prints JSON")
    func oneShotCLI() throws {
        let sandbox = try Sandbox()
        let file = try sandbox.home.write("work/app.py", """
        def lambda_handler(event, context):
            print("records:", len(event["Records"]))
            return {"bucket": event["Records"][0]["s3"]["bucket"]["name"]}
        """)
        let result = try TutorBinary.run(["invoke", "--handler", "\(file.path):lambda_handler", "--runtime", "python3.12", "--event", "s3-put", "--json"],
                                           environment: sandbox.environment)
        #expect(result.status == 0, "\(result.stderr)")
        let data = Data(result.stdout.utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(result.stdout)")
        #expect((json["payload"] as? [String: String]) == ["bucket": "tutor-uploads"])
        #expect(json["coldStart"] as? Bool == true)
        #expect((json["logs"] as? [String])?.contains("records: 1") == true)
        #expect(json["statusCode"] as? Int == 200)
        let missing = try TutorBinary.run(["invoke", "--handler", "nope.py:handler"], environment: sandbox.environment)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read"))
        // A refused request prints its exception name with the message, as the AWS CLI does.
        let refused = try TutorBinary.run(["invoke", "--handler", "\(file.path):lambda_handler", "--payload", "{not json"],
                                          environment: sandbox.environment)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("InvalidRequestContentException: Could not parse request body into json"), "\(refused.stderr)")
        #expect(sandbox.processes.isEmpty)
    }

    @Test("invoke --handler deploys the handler's folder, or the one --code names, as a .zip would")
    func oneShotDeploysTheFolder() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.home.write("proj/helpers.py", "def greet(name):\n    return 'hello ' + name\n")
        let file = try sandbox.home.write("proj/app.py", "import helpers\ndef handler(event, context):\n    return helpers.greet(event['name'])\n")
        let sibling = try TutorBinary.run(["invoke", "--handler", "\(file.path):handler", "--payload", #"{"name": "Ada"}"#, "--json"],
                                          environment: sandbox.environment)
        #expect(sibling.status == 0, "\(sibling.stderr)")
        #expect(sibling.stdout.contains("\"hello Ada\""), "\(sibling.stdout)")

        _ = try sandbox.home.write("svc/lib/shared.js", "exports.twice = (n) => n * 2;\n")
        let nested = try sandbox.home.write("svc/src/index.js", "const { twice } = require('../lib/shared');\nexports.handler = async (e) => twice(e.n);\n")
        let withCode = try TutorBinary.run(["invoke", "--handler", "\(nested.path):handler", "--code", sandbox.home.url.appendingPathComponent("svc").path,
                                            "--payload", #"{"n": 21}"#, "--json"], environment: sandbox.environment)
        #expect(withCode.status == 0, "\(withCode.stderr)")
        let json = try #require(try? JSONSerialization.jsonObject(with: Data(withCode.stdout.utf8)) as? [String: Any], "\(withCode.stdout)")
        #expect(json["payload"] as? Int == 42, "\(withCode.stdout)")

        let outside = try TutorBinary.run(["invoke", "--handler", "\(file.path):handler", "--code", sandbox.home.url.appendingPathComponent("svc").path],
                                          environment: sandbox.environment)
        #expect(outside.status == 1)
        #expect(outside.stderr.contains("is not inside the code folder"), "\(outside.stderr)")

        // A handler beside the data folder (a learner in their home, where ~/.local/share is):
        // the folder would deploy the learner's data, and the environments' folder into itself.
        let beside = try sandbox.home.write("top.py", "def handler(event, context):\n    return 1\n")
        let holdsData = try TutorBinary.run(["invoke", "--handler", "\(beside.path):handler"], environment: sandbox.environment)
        #expect(holdsData.status == 1)
        #expect(holdsData.stderr.contains("holds the tutor's own folder"), "\(holdsData.stderr)")
        #expect(holdsData.stderr.contains("--code DIR"), "\(holdsData.stderr)")
        #expect(sandbox.processes.isEmpty)
    }

    /// Most learners are not root. Run as root, the suite would not see what only root may do
    /// (it once set SO_DEBUG on every Runtime API connection, which cut everyone else's runtimes
    /// off), so this runs a copy of the binary as `nobody`.
    @Test("A learner who is not root can invoke Python and Node functions")
    func unprivilegedLearner() throws {
        let sandbox = try Sandbox()
        let work = sandbox.home.url.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        // The handlers in a folder of their own: the one-shot deploys the handler's folder.
        _ = try sandbox.home.write("work/fn/app.py", "def handler(event, context):\n    return {'python': event['key1']}\n")
        _ = try sandbox.home.write("work/fn/index.js", "exports.handler = async (event) => ({ node: event.key2 });\n")
        var command: [String] = []
        var binary = TutorBinary.url
        if geteuid() == 0 {
            let setpriv = try #require(["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                       "setpriv (util-linux) is needed to drop root in this test")
            // A copy nobody can read, with the resource bundles the binary looks for beside it.
            let bin = work.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            let built = TutorBinary.url.deletingLastPathComponent()
            for item in try FileManager.default.contentsOfDirectory(atPath: built.path) where item.hasSuffix(".resources") {
                try FileManager.default.copyItem(at: built.appendingPathComponent(item), to: bin.appendingPathComponent(item))
            }
            binary = bin.appendingPathComponent("lambda-tutor")
            try FileManager.default.copyItem(at: TutorBinary.url, to: binary)
            // The sandboxes' pid 1 lives beside the binary.
            try FileManager.default.copyItem(at: built.appendingPathComponent("lambda-tutor-init"), to: bin.appendingPathComponent("lambda-tutor-init"))
            // The learner's own home: the tutor refuses an environments' folder others can write.
            let chown = try SpawnedProcess.run(["/bin/chown", "-R", "65534:65534", sandbox.home.path], environment: [:])
            try #require(chown.status == 0, "\(chown.stderr)")
            command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
        }
        for (file, runtime, key) in [("app.py:handler", "python3.12", "python"), ("index.js:handler", "nodejs22.x", "node")] {
            let result = try SpawnedProcess.run(command + [binary.path, "invoke", "--handler", work.appendingPathComponent("fn/" + file).path,
                                                           "--runtime", runtime, "--event", "hello", "--json"],
                                                environment: sandbox.environment)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let json = try #require(try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)\(result.stderr)")
            #expect((json["payload"] as? [String: String])?[key] == "value\(key == "python" ? 1 : 2)", "\(result.stdout)")
            #expect(json["statusCode"] as? Int == 200)
        }
        #expect(sandbox.processes.isEmpty)
    }

    @Test("SIGTERM and SIGHUP of the tutor leave no runtime process behind", arguments: [SIGTERM, SIGHUP])
    func terminationSignals(signal: Int32) throws {
        let sandbox = try Sandbox()
        let running = try TutorBinary.start(environment: sandbox.environment)
        defer { running.kill() }
        running.send("fn new sleeper\nfn edit sleeper --inline\nimport subprocess\ndef lambda_handler(event, context):\n    subprocess.Popen(['sleep', '600'])\n    return 'started'\n.\ninvoke sleeper\n")
        #expect(running.waitForOutput(containing: "\"started\""), "\(running.output)")
        #expect(!sandbox.processes.isEmpty, "the warm environment and its child are running")
        running.signal(signal)
        let status = running.waitForExit()
        #expect(status == 128 + signal)
        #expect(sandbox.processes.isEmpty, "left running: \(sandbox.processes)")
    }
}
