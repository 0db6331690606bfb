import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LineEditor
import MiniLambda
import Testing
import TestSupport
import TutorSupport
@testable import TutorApp

/// `fn`, `invoke`, `events`, `logs`, `envs` and `load` through the real binary with piped stdin,
/// the one-shot `lambda-tutor invoke`, and the promise that no runtime process outlives the
/// tutor (quit, end of input, SIGTERM, SIGHUP).
@Suite("Runtime commands", .serialized)
struct RuntimeCommandTests {
    /// A home, a data folder and a TMPDIR of its own, so the environments' folders (and so their
    /// processes, whose TMPDIR points there) can be found.
    struct Sandbox {
        let home: TemporaryDirectory
        var tmp: URL { home.url.appendingPathComponent("tmp") }
        var environment: [String: String] {
            [
                "HOME": home.path,
                "LAMBDA_TUTOR_HOME": home.url.appendingPathComponent("data").path,
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                "LANG": "C.UTF-8",
                "TMPDIR": tmp.path,
            ]
        }

        init() throws {
            home = try TemporaryDirectory(prefix: "runtime-commands")
            try FileManager.default.createDirectory(at: home.url.appendingPathComponent("tmp"), withIntermediateDirectories: true)
        }

        /// Processes whose environment mentions this sandbox (runtimes and anything they forked).
        var processes: [Int32] { ProcessTree.processes(mentioning: tmp.path) }
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
        let result = try RuntimeBinary.run(stdin: script + "\n", environment: sandbox.environment)
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("Created hello (python3.12, handler lambda_function.lambda_handler, 128 MB, 3 s timeout)"))
        #expect(out.contains("200 OK · cold start · Init "))
        #expect(out.contains("200 OK · warm · Duration "))
        #expect(out.contains("Billed includes Init"))
        #expect(out.contains("│ START RequestId: "))
        #expect(out.contains("│ REPORT RequestId: "))
        #expect(out.contains("Hello from hello"))
        #expect(out.contains("MemorySize    256 MB"))
        #expect(out.contains("Environment   TABLE=users"))
        #expect(out.contains("is run here by the local python3"))
        #expect(out.contains("\"memorySizeMB\" : 256"))
        #expect(out.contains("Log group /aws/lambda/hello"))
        #expect(out.contains("[$LATEST]"))
        #expect(out.contains("s3-put"))
        #expect(out.contains("\"key\" : \"cat.jpg\""))
        #expect(!out.contains("\u{1B}"), "no escape codes in script mode")
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
        let result = try RuntimeBinary.run(stdin: script + "\n", environment: sandbox.environment)
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
        let result = try RuntimeBinary.run(stdin: script + "\n", environment: sandbox.environment)
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
        let result = try RuntimeBinary.run(["--content", course.path], stdin: script + "\n", environment: sandbox.environment)
        #expect(result.stdout.contains("Loaded the handler into greeter (python3.12, handler app.lambda_handler)"), "\(result.stderr)")
        #expect(result.stdout.contains("\"greeting\" : \"hi Bo\""))
        #expect(result.stdout.contains("Loaded the handler into greeter-js (nodejs22.x, handler index.handler)"))
        #expect(result.stdout.contains("\"js\" : true"))
        #expect(result.stderr.contains("this lesson has no handler called 'nothere'"))
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
        let result = try RuntimeBinary.run(["invoke", "--handler", "\(file.path):lambda_handler", "--runtime", "python3.12", "--event", "s3-put", "--json"],
                                           environment: sandbox.environment)
        #expect(result.status == 0, "\(result.stderr)")
        let data = Data(result.stdout.utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(result.stdout)")
        #expect((json["payload"] as? [String: String]) == ["bucket": "tutor-uploads"])
        #expect(json["coldStart"] as? Bool == true)
        #expect((json["logs"] as? [String])?.contains("records: 1") == true)
        #expect(json["statusCode"] as? Int == 200)
        let missing = try RuntimeBinary.run(["invoke", "--handler", "nope.py:handler"], environment: sandbox.environment)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read"))
        #expect(sandbox.processes.isEmpty)
    }

    @Test("SIGTERM and SIGHUP of the tutor leave no runtime process behind", arguments: [SIGTERM, SIGHUP])
    func terminationSignals(signal: Int32) throws {
        let sandbox = try Sandbox()
        let running = try RuntimeBinary.start(environment: sandbox.environment)
        defer { running.kill() }
        running.send("fn new sleeper\nfn edit sleeper --inline\nimport subprocess\ndef lambda_handler(event, context):\n    subprocess.Popen(['sleep', '600'])\n    return 'started'\n.\ninvoke sleeper\n")
        #expect(running.waitForOutput(containing: "\"started\""), "\(running.output)")
        #expect(!sandbox.processes.isEmpty, "the warm environment and its child are running")
        running.signal(signal)
        let status = running.waitForExit()
        #expect(status == 128 + signal)
        #expect(sandbox.processes.isEmpty, "left running: \(sandbox.processes)")
    }

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
        #expect(complete("fn new x --runtime ").contains("nodejs22.x"))
        #expect(complete("event show ").contains("dynamodb-stream"))
        #expect(complete("logs ").contains("orders"))
        #expect(complete("").contains("invoke"))
        #expect(complete("invoke hello ", "--").contains("--event"))
    }
}

/// Runs the `lambda-tutor` binary built next to the tests.
enum RuntimeBinary {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var url: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("lambda-tutor")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("lambda-tutor")
    }

    static func run(_ arguments: [String] = [], stdin: String = "", environment: [String: String]) throws -> Result {
        let running = try start(arguments, environment: environment)
        running.send(stdin)
        running.closeInput()
        let status = running.waitForExit()
        return Result(status: status, stdout: running.output, stderr: running.errors)
    }

    /// Starts the binary with posix_spawn, an empty signal mask and default signal actions, as a
    /// shell would. (Foundation's Process passes on the calling thread's mask, and test threads
    /// block SIGTERM and SIGHUP, which would hide exactly what these tests check.)
    static func start(_ arguments: [String] = [], environment: [String: String]) throws -> Running {
        let input = Pipe(), output = Pipe(), errors = Pipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input.fileHandleForReading.fileDescriptor, 0)
        posix_spawn_file_actions_adddup2(&actions, output.fileHandleForWriting.fileDescriptor, 1)
        posix_spawn_file_actions_adddup2(&actions, errors.fileHandleForWriting.fileDescriptor, 2)
        // Nothing else is inherited: a leaked write end of the stdin pipe would keep the tutor
        // from ever seeing end of input (and other tests' pipes from closing).
        for fd in Int32(3)..<Int32(1024) where fcntl(fd, F_GETFD) >= 0 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = ([url.path] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, url.path, &actions, &attributes, argv, envp)
        guard code == 0 else { throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO) }
        try input.fileHandleForReading.close()
        try output.fileHandleForWriting.close()
        try errors.fileHandleForWriting.close()
        let running = Running(pid: pid, input: input, output: output, errors: errors)
        running.startReading()
        return running
    }

    /// A running tutor: stdin to write to, stdout and stderr collected as they arrive.
    final class Running: @unchecked Sendable {
        // @unchecked: `out`, `err`, `open` and `status` are only touched with `lock` held.
        let pid: pid_t
        private let input: Pipe
        private let stdout: Pipe
        private let stderr: Pipe
        private let lock = NSCondition()
        private var out = Data()
        private var err = Data()
        private var open = 2
        private var status: Int32?

        init(pid: pid_t, input: Pipe, output: Pipe, errors: Pipe) {
            self.pid = pid
            self.input = input
            self.stdout = output
            self.stderr = errors
        }

        func startReading() {
            for (pipe, isError) in [(stdout, false), (stderr, true)] {
                let handle = pipe.fileHandleForReading
                Thread.detachNewThread { [self] in
                    while true {
                        let data = handle.availableData
                        lock.lock()
                        if data.isEmpty { open -= 1 } else if isError { err.append(data) } else { out.append(data) }
                        lock.broadcast()
                        lock.unlock()
                        if data.isEmpty { return }
                    }
                }
            }
        }

        var output: String { lock.lock(); defer { lock.unlock() }; return String(decoding: out, as: UTF8.self) }
        var errors: String { lock.lock(); defer { lock.unlock() }; return String(decoding: err, as: UTF8.self) }

        func send(_ text: String) { input.fileHandleForWriting.write(Data(text.utf8)) }
        func closeInput() { try? input.fileHandleForWriting.close() }
        func signal(_ signal: Int32) { _ = Glibc.kill(pid, signal) }

        /// Waits until stdout contains `text`; the deadline only guards against a hang.
        func waitForOutput(containing text: String, deadline: TimeInterval = 120) -> Bool {
            let limit = Date().addingTimeInterval(deadline)
            lock.lock()
            defer { lock.unlock() }
            while !String(decoding: out, as: UTF8.self).contains(text) {
                if open == 0 || !lock.wait(until: limit) { return false }
            }
            return true
        }

        /// Waits for the process to exit and returns its status (128 + N for signal N). The
        /// deadline only guards against a hang: the process is killed and the status shows it.
        func waitForExit(deadline: TimeInterval = 180) -> Int32 {
            if let status = lock.withLock({ status }) { return status }
            let guardKill = DispatchWorkItem { [pid] in _ = Glibc.kill(pid, SIGKILL) }
            DispatchQueue.global().asyncAfter(deadline: .now() + deadline, execute: guardKill)
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) < 0, errno == EINTR {}
            guardKill.cancel()
            let exit = raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
            lock.lock()
            status = exit
            while open > 0, lock.wait(until: Date().addingTimeInterval(5)) {}
            lock.unlock()
            return exit
        }

        func kill() {
            if lock.withLock({ status }) == nil {
                _ = Glibc.kill(pid, SIGKILL)
                _ = waitForExit()
            }
        }
    }
}
