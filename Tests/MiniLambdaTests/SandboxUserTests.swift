import Foundation
import TestSupport
import Testing

/// The sandbox as a learner who is not root gets it: the real binary run as `nobody` (when the
/// suite runs as root; as the suite's own user otherwise). The attacks of issue 17 from a
/// handler, and what survives the tutor, by every way it can end.
@Suite(.serialized)
struct SandboxUserTests {
    struct Learner {
        let home: TemporaryDirectory
        let tutor: UnprivilegedTutor
        var environment: [String: String] { TutorBinary.environment(home: home, extra: ["TMPDIR": home.url.appendingPathComponent("tmp").path]) }
        var data: String { home.url.appendingPathComponent("data").path }
        /// Processes of this learner's environments (the runtimes carry the folder in their environment).
        var processes: [Int32] { ProcessTree.processes(mentioning: home.url.appendingPathComponent("envs").path + "/") }

        init() throws {
            home = try TemporaryDirectory(prefix: "sandbox-user")
            try FileManager.default.createDirectory(at: home.url.appendingPathComponent("tmp"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: home.url.appendingPathComponent("data"), withIntermediateDirectories: true)
            _ = try home.write("data/marker.txt", "the learner's")
            _ = try home.write("work/snoop.py", SandboxUserTests.snoop)
            tutor = try UnprivilegedTutor.make(home: home)
        }

        /// Waits until at least `count` of this learner's environment processes run (a hang guard,
        /// not a timing: a daemon that double-forks is briefly one process fewer).
        func waitForProcesses(atLeast count: Int) -> [Int32] {
            for _ in 0..<200 {
                let now = processes
                if now.count >= count { return now }
                usleep(50_000)
            }
            return processes
        }

        /// Waits for this learner's environment processes to be gone (a hang guard, not a timing).
        func waitUntilNoProcessesLeft() -> [Int32] {
            for _ in 0..<200 {
                if processes.isEmpty { return [] }
                usleep(50_000)
            }
            return processes
        }
    }

    static let snoop = """
    import errno, json, os
    def attempt(action):
        try:
            action()
            return "ok"
        except OSError as e:
            return errno.errorcode.get(e.errno, str(e.errno))
    def write(path):
        with open(path, "w") as f:
            f.write("x")
    def read(path):
        with open(path, "rb") as f:
            f.read(1)
    def lambda_handler(event, context):
        return {
            "uid": os.getuid(), "pids": sorted(int(p) for p in os.listdir("/proc") if p.isdigit()),
            "api": os.environ["AWS_LAMBDA_RUNTIME_API"],
            "shadow": attempt(lambda: read("/etc/shadow")),
            "writeEtc": attempt(lambda: write("/etc/probe")),
            "progress": attempt(lambda: write(event["data"] + "/progress.json")),
            "dataList": attempt(lambda: os.listdir(event["data"])),
            "tutorRoot": attempt(lambda: os.listdir("/proc/%d/root" % event["tutor"])),
            "tmp": attempt(lambda: write("/tmp/x")),
        }
    """

    @Test("As an unprivileged learner, a handler sees only its own environment")
    func snoopingFails() throws {
        let learner = try Learner()
        let payload = #"{"data": "\#(learner.data)", "tutor": 1}"#
        let result = try SpawnedProcess.run(learner.tutor.command + ["invoke", "--handler", learner.home.url.appendingPathComponent("work/snoop.py").path + ":lambda_handler",
                                                                     "--payload", payload, "--json"], environment: learner.environment)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let json = try #require(try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)\(result.stderr)")
        let report = try #require(json["payload"] as? [String: Any], "\(json)")
        #expect(report["uid"] as? Int == 993)
        #expect(report["pids"] as? [Int] == [1, 2])
        #expect(report["api"] as? String == "127.0.0.1:9001")
        #expect(report["shadow"] as? String == "EACCES")
        #expect(report["writeEtc"] as? String == "EROFS")
        #expect(report["progress"] as? String == "ENOENT")
        #expect(report["dataList"] as? String == "ENOENT")
        #expect(report["tutorRoot"] as? String == "ENOENT" || report["tutorRoot"] as? String == "EACCES")
        #expect(report["tmp"] as? String == "ok")
        #expect(try String(contentsOfFile: learner.data + "/marker.txt", encoding: .utf8) == "the learner's")
        #expect((try? String(contentsOfFile: learner.data + "/progress.json", encoding: .utf8)) != "x")
        #expect(learner.waitUntilNoProcessesLeft().isEmpty)
    }

    /// A handler that starts daemons: `setsid sleep` and a double-forked, setsid'd child.
    static func daemonScript(thenSleep: Bool) -> String {
        """
        fn new daemon
        fn config daemon timeout=900
        fn edit daemon --inline
        import os, subprocess, time
        def lambda_handler(event, context):
            subprocess.Popen(["setsid", "sleep", "600"])
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    time.sleep(600)
                os._exit(0)
            if \(thenSleep ? "True" : "False"):
                time.sleep(600)
            return "daemons started"
        .
        invoke daemon

        """
    }

    /// What a handler starts, a `setsid` daemon included, is gone with the tutor however it ends:
    /// quit, SIGTERM, SIGHUP and `kill -9` (before, SIGKILL left 3 of 3 behind and setsid
    /// survived quit).
    @Test("Nothing a handler started outlives the tutor", arguments: ["quit", "SIGTERM", "SIGHUP", "SIGKILL"])
    func nothingOutlivesTheTutor(ending: String) throws {
        let learner = try Learner()
        let running = try RunningProcess(learner.tutor.command, environment: learner.environment)
        defer { running.kill() }
        running.send(Self.daemonScript(thenSleep: false))
        #expect(running.waitForOutput(containing: "\"daemons started\""), "\(running.output)\(running.errors)")
        let runningNow = learner.waitForProcesses(atLeast: 3)
        #expect(runningNow.count >= 3, "the environment and its daemons run: \(runningNow)")
        switch ending {
        case "quit":
            running.send("quit\n")
        case "SIGTERM": running.signal(SIGTERM)
        case "SIGHUP": running.signal(SIGHUP)
        default: running.signal(SIGKILL)
        }
        _ = running.waitForExit()
        #expect(learner.waitUntilNoProcessesLeft().isEmpty, "left running after \(ending): \(learner.processes)")
    }

    /// Ctrl-C during an invocation stops that environment, daemons and all; the tutor goes on.
    @Test("Ctrl-C during an invocation stops everything the environment started")
    func ctrlCStopsTheEnvironment() throws {
        let learner = try Learner()
        let running = try RunningProcess(learner.tutor.command, environment: learner.environment)
        defer { running.kill() }
        running.send(Self.daemonScript(thenSleep: true))
        var started = false
        // The runtime and the two daemons (pid 1 is not dumpable: as anyone but root its
        // environment cannot be read, so it is not counted).
        for _ in 0..<2400 where !started {
            started = learner.processes.count >= 3
            if !started { usleep(50_000) }
        }
        #expect(started, "the environment and its daemons run: \(learner.processes) \(running.output)\(running.errors)")
        running.signal(SIGINT)
        #expect(learner.waitUntilNoProcessesLeft().isEmpty, "left running after Ctrl-C: \(learner.processes)")
        running.send("quit\n")
        _ = running.waitForExit()
        #expect(!running.timedOut, "the tutor went on and quit")
        #expect((running.output + running.errors).contains("interrupted"), "\(running.output)\(running.errors)")
    }

    /// What the learner reads, at an 80×24 terminal: `envs` shows an idle environment as frozen;
    /// where namespaces are refused, the first invoke and `envs` say plainly that environments
    /// are not isolated.
    @Test("envs shows frozen environments, and the fallback says what it gives up", arguments: [false, true])
    func whatTheLearnerReads(refused: Bool) throws {
        try #require(TmuxTerminal.isAvailable, "tmux is needed for terminal tests (apt-get install tmux)")
        let learner = try Learner()
        var environment = learner.environment
        environment["TERM"] = "xterm-256color"
        if refused { environment["LAMBDA_TUTOR_NAMESPACES"] = "off" }
        let terminal = try TmuxTerminal(command: learner.tutor.command, environment: environment, width: 80, height: 24)
        defer { terminal.close() }
        try terminal.waitFor("λ ›")
        try terminal.type("fn new hello")
        try terminal.waitFor("Created hello")
        try terminal.type("clear")
        try terminal.type("invoke hello")
        let invoked = try terminal.waitFor("the invoke's summary") { $0.contains("200 OK") && $0.split(separator: "\n").last?.hasPrefix("λ ›") == true }
        // The screen's lines, joined back into the paragraphs the tutor wrapped.
        let flat = { (screen: String) in screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") }
        if refused {
            #expect(flat(invoked).contains("Note: environments are not isolated from other local users"), "\(invoked)")
            try terminal.type("clear")
            try terminal.type("envs")
            let envs = try terminal.waitFor("the envs note") { flat($0).contains("its Runtime API is a port on 127.0.0.1") }
            #expect(flat(envs).contains("not isolated from other local users"))
        } else {
            #expect(!flat(invoked).contains("not isolated"))
            // The freeze follows the runtime's next /next, a moment after the response.
            var frozen = false
            for _ in 0..<10 where !frozen {
                try terminal.type("clear")
                try terminal.type("envs")
                let envs = try terminal.waitFor("the envs table") { $0.contains("keep-warm") || $0.contains("stay warm") }
                frozen = envs.contains("frozen") && flat(envs).contains("as Lambda freezes an environment")
            }
            let screen = (try? terminal.screen()) ?? ""
            #expect(frozen, "\(screen)")
        }
        try terminal.type("quit")
        try terminal.waitFor("[exited 0]")
        #expect(learner.waitUntilNoProcessesLeft().isEmpty)
    }
}
