import Foundation
import LambdaService
import MiniLambda
import TestSupport
import Testing

/// Each execution environment is a sandbox, as a Lambda microVM is: the attacks of issue 17,
/// tried from a handler and from outside, fail. These run as whoever runs the suite (root, or
/// an ordinary user in CI); `SandboxUserTests` runs the binary as `nobody` as well.
@Suite(.serialized)
struct SandboxTests {
    /// What a handler can see and do: its own processes only, the machine read-only, its uid
    /// unprivileged, the learner's data and home not there, /etc/shadow unreadable.
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
    def handler(event, context):
        pids = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
        return {
            "uid": os.getuid(), "gid": os.getgid(), "pid": os.getpid(), "pids": pids,
            "api": os.environ["AWS_LAMBDA_RUNTIME_API"],
            "shadow": attempt(lambda: read("/etc/shadow")),
            "writeEtc": attempt(lambda: write("/etc/lambda-tutor-probe")),
            "writeRoot": attempt(lambda: write("/lambda-tutor-probe")),
            "writeTask": attempt(lambda: write("/var/task/probe")),
            "writeTmp": attempt(lambda: write("/tmp/probe")),
            "data": attempt(lambda: os.listdir(event["data"])),
            "progress": attempt(lambda: write(os.path.join(event["data"], "progress.json"))),
            "home": os.listdir(event["home"]) if os.path.isdir(event["home"]) else [],
            "writeHome": attempt(lambda: write(event["home"] + "/lambda-tutor-probe")),
            "other": attempt(lambda: read("/proc/%d/environ" % event["other"])) if event.get("other") else "none",
            "otherTmp": attempt(lambda: os.listdir("/proc/%d/root/tmp" % event["other"])) if event.get("other") else "none",
            "tutorRoot": attempt(lambda: os.listdir("/proc/%d/root" % event["tutor"])),
            "top": sorted(os.listdir("/")),
            "secret": os.environ.get("SECRET"),
        }
    """

    @Test func aHandlerSeesOnlyItsOwnEnvironment() async throws {
        try await Harness.run { h in
            try h.function("victim", code: Self.snoop, settings: ["env.SECRET=victim-secret"])
            try h.function("snoop", code: Self.snoop, settings: ["env.SECRET=snoop-secret"])
            let data = h.registry.root.deletingLastPathComponent().path
            _ = try await h.invoke("victim", #"{"data": "\#(data)", "home": "/nonexistent", "tutor": \#(getpid())}"#)
            let victim = try #require(await h.invoker.environments(functionName: "victim").first)
            try #require(victim.sandboxed, "\(victim.isolationNote ?? "")")
            let result = try await h.invoke("snoop", #"{"data": "\#(data)", "home": "\#(NSHomeDirectory())", "tutor": \#(getpid()), "other": \#(victim.processID)}"#)
            let json = try #require(result.json, "\(result.payloadText) \(result.logLines)")
            #expect(json["uid"] as? Int == Int(RuntimeSettings.sandboxUserID))
            #expect(json["gid"] as? Int == Int(RuntimeSettings.sandboxGroupID))
            // Its own pid namespace: the runtime is pid 2 under the tutor's pid 1, and nothing else.
            #expect(json["pid"] as? Int == 2)
            #expect(json["pids"] as? [Int] == [1, 2], "\(json["pids"] ?? "")")
            #expect(json["api"] as? String == "127.0.0.1:9001")
            #expect(json["shadow"] as? String == "EACCES")
            #expect(json["writeEtc"] as? String == "EROFS")
            #expect(json["writeRoot"] as? String == "EROFS")
            #expect(json["writeTask"] as? String == "EROFS")
            #expect(json["writeTmp"] as? String == "ok")
            #expect(json["data"] as? String == "ENOENT", "the data folder is not in the sandbox")
            #expect(json["progress"] as? String == "ENOENT")
            // Of the home, at most the folders on the way to an interpreter bound in from it.
            let home = NSHomeDirectory()
            let allowed = Set([LocalInterpreter.executable(for: .python)].compactMap { $0 }.compactMap { path -> String? in
                guard path.hasPrefix(home + "/") else { return nil }
                return path.dropFirst(home.count + 1).split(separator: "/").first.map(String.init)
            })
            #expect(Set(json["home"] as? [String] ?? ["?"]).isSubset(of: allowed), "\(json["home"] ?? "")")
            #expect(["EROFS", "ENOENT"].contains(json["writeHome"] as? String ?? ""), "\(json["writeHome"] ?? "")")
            #expect(!FileManager.default.fileExists(atPath: NSHomeDirectory() + "/lambda-tutor-probe"))
            #expect(json["other"] as? String == "ENOENT", "another environment's processes are not visible")
            #expect(json["otherTmp"] as? String == "ENOENT")
            #expect(json["tutorRoot"] as? String == "ENOENT")
            #expect(json["secret"] as? String == "snoop-secret")
            let top = Set(json["top"] as? [String] ?? [])
            #expect(!top.contains("home") && !top.contains("run"), "\(top)")
            #expect(top.isSuperset(of: ["usr", "etc", "tmp", "var", "proc", "dev"]), "\(top)")
        }
    }

    /// Nothing listens on the machine's loopback for a sandboxed environment: its Runtime API is
    /// bound inside its own network namespace. (Before, a watcher reading /proc/net/tcp found
    /// the port and took the event.)
    @Test func theRuntimeAPIIsNotOnTheMachinesLoopback() async throws {
        try await Harness.run { h in
            try h.function("quiet", code: "def handler(e, c):\n    return 'mine'\n")
            let before = Self.listeningSocketsOfThisProcess()
            let result = try await h.invoke("quiet")
            #expect(result.payloadText == "\"mine\"")
            let environment = try #require(await h.invoker.environments(functionName: "quiet").first)
            try #require(environment.sandboxed, "\(environment.isolationNote ?? "")")
            // Other suites' servers (the Lambda API's, function URLs') come and go in this
            // process meanwhile, some for a minute: each new listener is asked whether it is a
            // Runtime API. Ours answers `GET /ping` with an empty 200; another environment's on
            // the machine's loopback (no namespace) closes a connection from outside it unread.
            let new = Self.listeningSocketsOfThisProcess().filter { before[$0.key] == nil }
            let runtimeAPIs = new.filter { Self.answersAsRuntimeAPI(port: $0.value) }
            #expect(runtimeAPIs.isEmpty, "a Runtime API listens in the machine's network namespace: \(runtimeAPIs)")
        }
    }

    /// Whether 127.0.0.1:`port` answers `GET /ping` as a Runtime API does (200, no body).
    static func answersAsRuntimeAPI(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 3, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return false }
        let request = Array("GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ write(fd, $0.baseAddress!, $0.count) }) == request.count else { return false }
        var answer = [UInt8](repeating: 0, count: 1024)
        let n = read(fd, &answer, answer.count)
        guard n > 0 else { return false }
        let text = String(decoding: answer[0..<n], as: UTF8.self).lowercased()
        return text.hasPrefix("http/1.1 200") && text.contains("content-length: 0\r\n")
    }

    /// Where namespaces are refused the Runtime API is a loopback port, and an attacker that
    /// finds it (as a watcher of /proc/net/tcp did) is closed off before the runtime's own
    /// `/next`: the learner gets the real response, the attacker nothing.
    @Test func withoutNamespacesOutsidersAreRefused() async throws {
        let scripts = try TemporaryDirectory(prefix: "minilambda-attacker")
        let attacker = try scripts.write("attacker.py", Self.attacker)
        try await Harness.run(settings: { $0.isolation = .refuseNamespaces }) { h in
            // INIT takes a second, so the attacker has the port before the runtime asks.
            try h.function("slowinit", code: "import time\ntime.sleep(1)\ndef handler(e, c):\n    return {'for': 'the learner'}\n")
            let watcher = try RunningProcess(Self.asOtherUser + ["/usr/bin/env", "python3", attacker.path], environment: ["PATH": "/usr/bin:/bin"])
            defer { watcher.kill() }
            #expect(watcher.waitForOutput(containing: "watching"), "\(watcher.output)\(watcher.errors)")
            let result = try await h.invoke("slowinit", #"{"secret": "s3cr3t"}"#)
            #expect(result.status == .success, "\(result.payloadText) \(result.logLines)")
            #expect(result.json?["for"] as? String == "the learner")
            _ = watcher.waitForExit(deadline: 60)
            let second = try await h.invoke("slowinit")
            let line = watcher.output.split(separator: "\n").first { $0.hasPrefix("REPORT ") }.map { String($0.dropFirst("REPORT ".count)) } ?? "[]"
            let attempts = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [[String: String]] ?? []
            #expect(!attempts.isEmpty, "the attacker found the port: \(watcher.output)\(watcher.errors)")
            for attempt in attempts {
                #expect(attempt["result"] != "200", "an outsider got an event: \(attempt)")
                #expect(attempt["body"]?.contains("s3cr3t") != true)
            }
            #expect((result.logLines + second.logLines).contains { $0.contains("from processes outside it were refused") }, "\(result.logLines)")
            let environment = try #require(await h.invoker.environments(functionName: "slowinit").first)
            #expect(!environment.sandboxed)
            #expect(environment.isolationNote?.contains("not isolated from other local users") == true)
            #expect(result.isolationWarning?.contains("not isolated from other local users") == true, "said at the first invoke")
            #expect(second.isolationWarning == nil, "said once")
        }
    }

    /// Watches /proc/net/tcp for new loopback listeners and asks each for `/next`, as the
    /// attacker of issue 17 did; writes what it got to the report file.
    static let attacker = #"""
    import json, socket, sys, time
    def listeners():
        found = set()
        with open("/proc/net/tcp") as table:
            for line in table.readlines()[1:]:
                fields = line.split()
                if fields[3] == "0A" and fields[1].startswith("0100007F:"):
                    found.add(int(fields[1].split(":")[1], 16))
        return found
    before = listeners()
    print("watching", flush=True)
    attempts = []
    deadline = time.time() + 30
    while time.time() < deadline and not attempts:
        for port in sorted(listeners() - before):
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=5)
                s.sendall(b"GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n")
                data = s.recv(65536).decode("latin-1")
                status = data.split(" ")[1] if data.startswith("HTTP/") else ("closed" if not data else "other")
                attempts.append({"port": str(port), "result": status, "body": data[-200:]})
            except OSError as e:
                attempts.append({"port": str(port), "result": type(e).__name__, "body": ""})
        time.sleep(0.005)
    print("REPORT " + json.dumps(attempts), flush=True)
    """#

    /// As root, the attacker runs as `nobody` (another user); as anyone else, as that user.
    static var asOtherUser: [String] {
        guard geteuid() == 0, let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return [] }
        return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    }

    /// The listening TCP sockets in the machine's network namespace that this process holds:
    /// socket inode → local port (from /proc/net/tcp).
    static func listeningSocketsOfThisProcess() -> [String: Int] {
        let table = (try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)) ?? ""
        var listening: [String: Int] = [:]
        for line in table.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ")
            guard fields.count > 9, fields[3] == "0A", let hex = fields[1].split(separator: ":").last, let port = Int(hex, radix: 16) else { continue }
            listening[String(fields[9])] = port
        }
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        let held = Set(fds.compactMap { fd -> String? in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)"), target.hasPrefix("socket:[") else { return nil }
            return String(target.dropFirst("socket:[".count).dropLast())
        })
        return listening.filter { held.contains($0.key) }
    }

    /// Background work runs only during an invocation: between invocations the environment is
    /// frozen (a freezer cgroup as root, SIGSTOP from its pid 1 otherwise, SIGSTOP to its
    /// process group without a sandbox), and envs shows it.
    @Test(arguments: [(true, true), (true, false), (false, false)])
    func idleEnvironmentsAreFrozen(sandbox: Bool, cgroup: Bool) async throws {
        try await Harness.run(settings: { $0.freezesWithCgroup = cgroup; $0.isolation = sandbox ? .sandboxWhereAvailable : .refuseNamespaces }) { h in
            try h.function("ticker", code: """
            import threading, time
            ticks = []
            def tick():
                while True:
                    ticks.append(time.time())
                    time.sleep(0.005)
            def handler(event, context):
                start = time.time()
                if event.get("start"):
                    threading.Thread(target=tick, daemon=True).start()
                time.sleep(0.05)
                seen = list(ticks)
                ticks.clear()
                return {"start": start, "end": time.time(), "ticks": seen}
            """)
            let first = try #require(try await h.invoke("ticker", #"{"start": true}"#).json)
            // The freeze follows the runtime's next /next (on a loaded machine that can take a
            // while); from the moment envs shows it frozen, nothing of it may run.
            var frozen = false
            var frozenSince = 0.0
            for _ in 0..<1000 where !frozen {
                try await Task.sleep(for: .milliseconds(10))
                frozen = await h.invoker.environments(functionName: "ticker").first?.frozen == true
                frozenSince = Date().timeIntervalSince1970
            }
            #expect(frozen, "envs shows the idle environment frozen")
            try await Task.sleep(for: .milliseconds(1500))
            let second = try #require(try await h.invoke("ticker").json)
            let environment = try #require(await h.invoker.environments(functionName: "ticker").first)
            #expect(environment.sandboxed == sandbox)
            #expect(first["end"] != nil)
            let idleFrom = frozenSince
            let idleTo = (second["start"] as? Double ?? 0) - 0.05
            let ticks = second["ticks"] as? [Double] ?? []
            #expect(!ticks.isEmpty, "the thread ran during the invocations")
            #expect(ticks.filter { $0 > idleFrom && $0 < idleTo }.isEmpty, "no tick while idle: \(ticks.filter { $0 > idleFrom && $0 < idleTo }.count)")
        }
    }

    /// A function whose network is `none` (the default) reaches nothing but its own loopback,
    /// and the log says which setting to change; `host` reaches the machine's loopback, with
    /// the Runtime API then a guarded port there.
    @Test func networkNoneAndHost() async throws {
        let server = try LoopbackGreeter()
        defer { server.stop() }
        try await Harness.run { h in
            let code = """
            import os, socket
            def handler(event, context):
                try:
                    s = socket.create_connection(("127.0.0.1", event["port"]), timeout=3)
                    return {"got": s.recv(100).decode(), "api": os.environ["AWS_LAMBDA_RUNTIME_API"]}
                except OSError as e:
                    print("connect failed:", e)
                    try:
                        socket.getaddrinfo("pypi.org", 443)
                    except OSError as e2:
                        print("lookup failed:", e2)
                    return {"error": str(e), "api": os.environ["AWS_LAMBDA_RUNTIME_API"]}
            """
            try h.function("offline", code: code)
            try h.function("online", code: code, settings: ["network=host"])
            let offline = try #require(try await h.invoke("offline", #"{"port": \#(server.port)}"#).json)
            #expect(offline["got"] == nil, "the machine's loopback is not reachable: \(offline)")
            #expect(offline["api"] as? String == "127.0.0.1:9001")
            let offlineLog = h.invoker.logs.streams(group: "/aws/lambda/offline").flatMap(\.events).map(\.message)
            #expect(offlineLog.contains { $0.contains("network setting is 'none'") }, "\(offlineLog)")
            let invokedOnline = try await h.invoke("online", #"{"port": \#(server.port)}"#)
            let online = try #require(invokedOnline.json, "\(invokedOnline.payloadText) \(invokedOnline.logLines)")
            #expect(online["got"] as? String == "hello from the machine", "\(online) \(invokedOnline.logLines)")
            #expect(online["api"] as? String != "127.0.0.1:9001")
            let environment = try #require(await h.invoker.environments(functionName: "online").first)
            #expect(environment.sandboxed && environment.network == .host)
            #expect(environment.isolationNote?.contains("network=host") == true)
        }
    }

    /// The hook for the tutor's own endpoints: a port bound inside each sandbox, its listening
    /// socket served by the tutor (here a greeter on 127.0.0.1:4566, as the local AWS endpoint
    /// will be).
    @Test func insideServicesAreServedFromOutside() async throws {
        let served = LockedCounter()
        let service = InsideService(port: 4566, environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:4566"]) { fd, _ in
            let greeter = LoopbackGreeter(adopting: fd)
            served.increment()
            return { greeter.stop() }
        }
        try await Harness.run(settings: { $0.insideServices = [service] }) { h in
            try h.function("client", code: """
            import os, socket
            def handler(event, context):
                s = socket.create_connection(("127.0.0.1", 4566), timeout=3)
                return {"got": s.recv(100).decode(), "endpoint": os.environ["AWS_ENDPOINT_URL"]}
            """)
            let result = try #require(try await h.invoke("client").json)
            #expect(result["got"] as? String == "hello from the machine")
            #expect(result["endpoint"] as? String == "http://127.0.0.1:4566")
            #expect(served.value == 1)
        }
    }

    /// A runtime that cannot be exec'd in the sandbox is reported as such (so the environment
    /// falls back instead of hanging), whether it is cloned straight into its freezer cgroup
    /// (root) or started the other way; one that can runs.
    @Test(arguments: [true, false])
    func aRuntimeThatCannotStartIsReported(freezer: Bool) throws {
        let folder = try TemporaryDirectory(prefix: "minilambda-exec")
        #expect(SpawnCost.sandboxOutcome("/bin/true", in: folder.url, freezer: freezer) == nil)
        let refused = SpawnCost.sandboxOutcome("/etc/passwd", in: folder.url, freezer: freezer)
        #expect(refused?.contains("the runtime could not be started in the sandbox") == true, "\(refused ?? "it ran")")
    }

    /// The awslambdaric conformance test runs with a venv under the test's folder: the sandbox
    /// binds what a runtime needs from outside the machine's folders (a venv, a script), and
    /// hides private folders beneath what it binds.
    @Test func privateFoldersStayHiddenUnderBoundPaths() async throws {
        let shared = try TemporaryDirectory(prefix: "minilambda-libs")
        try FileManager.default.createDirectory(at: shared.url.appendingPathComponent("private"), withIntermediateDirectories: true)
        _ = try shared.write("private/secret.txt", "not for functions")
        _ = try shared.write("helper.py", "VALUE = 42\n")
        try await Harness.run(settings: { $0.privatePaths = [shared.url.appendingPathComponent("private")] }) { h in
            try h.function("libuser", code: """
            import os, helper
            def handler(event, context):
                return {"value": helper.VALUE, "private": os.listdir(event["private"])}
            """, settings: ["env.PYTHONPATH=\(shared.path)"])
            let invoked = try await h.invoke("libuser", #"{"private": "\#(shared.path)/private"}"#)
            let result = try #require(invoked.json, "\(invoked.payloadText)")
            #expect(result["value"] as? Int == 42)
            #expect(result["private"] as? [String] == [], "a private folder shows empty")
        }
    }
}

/// A TCP server on the machine's loopback that greets each connection and closes it.
final class LoopbackGreeter: @unchecked Sendable {
    // @unchecked: `fd` is set once; the thread only reads it.
    let fd: Int32
    let port: Int

    convenience init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(fd, 8)
        self.init(adopting: fd)
    }

    init(adopting fd: Int32) {
        self.fd = fd
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [fd] in
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }
                _ = "hello from the machine".withCString { write(client, $0, strlen($0)) }
                close(client)
            }
        }
        thread.start()
    }

    func stop() {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }
}

final class LockedCounter: @unchecked Sendable {
    // @unchecked: `count` is only touched with `lock` held.
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
