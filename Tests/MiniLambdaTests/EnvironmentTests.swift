import Foundation
import LambdaEvents
import LambdaModel
import LambdaService
import MiniLambda
import TestSupport
import Testing

/// The time the tests' settings are made and changed at.
private let changeDate = Date(timeIntervalSince1970: 1_796_000_000)

@Suite(.serialized)
struct EnvironmentTests {
    static let waiter = """
    import os, time
    def handler(event, context):
        flag = event.get("waitFor")
        while flag and not os.path.exists(flag):
            time.sleep(0.01)
        with open(os.path.join(os.environ["TMPDIR"], "seen"), "a") as f:
            f.write("x")
        return {"tmpWrites": len(open(os.path.join(os.environ["TMPDIR"], "seen")).read()),
                "tmp": os.environ["TMPDIR"], "mode": oct(os.stat(os.environ["TMPDIR"]).st_mode & 0o777)}
    """

    @Test func concurrentInvocationsGetTheirOwnEnvironments() async throws {
        try await Harness.run { h in
            // The first invocation waits for the second, cold start included: a long timeout, so
            // that on a loaded machine it is not the deadline that ends it. The flag lives in a
            // folder on PYTHONPATH, which the sandbox shows to the function (read-only).
            let shared = try TemporaryDirectory(prefix: "minilambda-flag")
            try h.function("pair", code: Self.waiter, settings: ["timeout=300", "env.PYTHONPATH=\(shared.path)"])
            let flag = shared.url.appendingPathComponent("release").path
            let first = Task { try await h.invoke("pair", #"{"waitFor": "\#(flag)"}"#) }
            // The first invocation cannot finish before the flag exists, so this one overlaps it.
            let second = try await h.invoke("pair")
            _ = FileManager.default.createFile(atPath: flag, contents: Data())
            let firstResult = try await first.value
            #expect(firstResult.status == .success, "\(firstResult.payloadText)")
            #expect(second.status == .success, "\(second.payloadText)")
            #expect(second.coldStart && firstResult.coldStart)
            #expect(second.environmentID != firstResult.environmentID)
            // Each has a /tmp of its own, empty at the start, like Lambda's.
            #expect(second.json?["tmp"] as? String == "/tmp")
            #expect(firstResult.json?["tmp"] as? String == "/tmp")
            #expect(second.json?["tmpWrites"] as? Int == 1)
            #expect(firstResult.json?["tmpWrites"] as? Int == 1)
            let environments = await h.invoker.environments(functionName: "pair")
            #expect(environments.count == 2)
            #expect(environments.allSatisfy { $0.privateTmp && $0.isolationNote == nil }, "\(environments.map(\.isolationNote))")
            #expect(environments.allSatisfy { $0.state == .idle && $0.invocations == 1 && $0.peakMemoryMB > 0 })
            let streams = h.invoker.logs.streams(group: "/aws/lambda/pair")
            #expect(Set(streams.map(\.name)) == Set([second.logStreamName, firstResult.logStreamName]))
        }
    }

    /// Idleness is measured on the settings' wall clock, so moving a test clock past the
    /// keep-warm period reaps without sleeping; log events carry that clock's time too.
    @Test func warmEnvironmentsKeepTmpAndAreReapedAfterKeepWarm() async throws {
        let clock = ManualWallClock()
        try await Harness.run(settings: { $0.keepWarm = .seconds(300); $0.wallClock = clock }) { h in
            try h.function("keeper", code: Self.waiter)
            let first = try await h.invoke("keeper")
            let second = try await h.invoke("keeper")
            #expect(first.json?["tmpWrites"] as? Int == 1)
            #expect(second.json?["tmpWrites"] as? Int == 2, "files in the environment's temp folder survive warm starts")
            let events = h.invoker.logs.streams(group: "/aws/lambda/keeper").flatMap(\.events)
            #expect(!events.isEmpty && events.allSatisfy { $0.timestamp == clock.now() })
            clock.advance(by: 299)
            #expect(await h.invoker.reapIdleEnvironments() == 0)
            clock.advance(by: 2)
            #expect(await h.invoker.reapIdleEnvironments() == 1)
            let third = try await h.invoke("keeper")
            #expect(third.coldStart)
            #expect(third.json?["tmpWrites"] as? Int == 1)
            await h.invoker.setKeepWarm(.zero)
            #expect(await h.invoker.environments(functionName: "keeper").isEmpty)
        }
    }

    /// Lambda's file system is read-only outside /tmp: writing next to the code fails there
    /// with EROFS, and it does here, in a mount namespace of the environment's own.
    @Test func codeFolderIsReadOnly() async throws {
        try await Harness.run { h in
            try h.function("writer", code: """
            import errno, os
            def handler(event, context):
                try:
                    with open(os.path.join(os.environ["LAMBDA_TASK_ROOT"], "out.txt"), "w") as f:
                        f.write("x")
                    return "written"
                except OSError as e:
                    return errno.errorcode[e.errno]
            """)
            let result = try await h.invoke("writer")
            let environment = try #require(await h.invoker.environments(functionName: "writer").first)
            if geteuid() == 0 || environment.isolationNote == nil {
                // Root can always make a mount namespace; so can users where the kernel allows it.
                #expect(environment.isolationNote == nil)
                #expect(result.payloadText == "\"EROFS\"")
            } else {
                // Refused by this system: the write goes through, and envs says why.
                #expect(result.payloadText == "\"written\"")
                #expect(environment.isolationNote?.contains("refused") == true)
            }
            // The tutor's own view of the folder stays writable, so shutdown can remove it.
            await h.invoker.shutdownAll()
            #expect(processesUsing(h.directory.path).isEmpty)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: h.directory.url.appendingPathComponent("envs").path)
            #expect(leftovers.isEmpty, "\(leftovers)")
        }
    }

    /// A literal /tmp path, as learners write it: private to the environment, kept while it is
    /// warm, empty in the next one, never the machine's /tmp; 512 MB like Lambda's default.
    @Test func tmpIsPrivateToEachEnvironment() async throws {
        let marker = "lambda-tutor-private-tmp-\(UUID().uuidString)"
        try await Harness.run { h in
            try h.function("tmpuser", code: """
            import os
            def handler(event, context):
                with open("/tmp/\(marker)", "a") as f:
                    f.write("x")
                stats = os.statvfs("/tmp")
                return {"count": len(open("/tmp/\(marker)").read()), "tmpdir": os.environ["TMPDIR"],
                        "sizeMB": stats.f_blocks * stats.f_frsize // 2**20}
            """)
            let first = try await h.invoke("tmpuser")
            let warm = try await h.invoke("tmpuser")
            #expect(first.json?["count"] as? Int == 1, "\(first.payloadText)")
            #expect(warm.json?["count"] as? Int == 2, "files in /tmp survive warm starts")
            #expect(first.json?["tmpdir"] as? String == "/tmp")
            #expect(first.json?["sizeMB"] as? Int == Facts.ephemeralDefault.int)
            #expect(!FileManager.default.fileExists(atPath: "/tmp/\(marker)"), "the machine's /tmp is untouched")
            await h.invoker.setKeepWarm(.zero)
            let cold = try await h.invoke("tmpuser")
            #expect(cold.coldStart)
            #expect(cold.json?["count"] as? Int == 1, "a new environment starts with an empty /tmp")
            // The function's ephemeral storage setting sizes it.
            try h.registry.configure("tmpuser", settings: ["ephemeral=1024"])
            let larger = try await h.invoke("tmpuser")
            #expect(larger.json?["sizeMB"] as? Int == 1024)
        }
    }

    /// A bootstrap under the machine's /tmp: the sandbox binds its folder in (read-only, at its
    /// own path), so the environment still has a private /tmp. Where namespaces are refused, a
    /// private /tmp would hide it: that environment gets a TMPDIR folder of its own, and envs
    /// says why.
    @Test(arguments: [RuntimeSettings.Isolation.sandboxWhereAvailable, .refuseNamespaces])
    func aBootstrapUnderTmp(isolation: RuntimeSettings.Isolation) async throws {
        let outside = URL(fileURLWithPath: "/tmp").appendingPathComponent("lambda-tutor-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        // A minimal runtime of its own: one event, its TMPDIR back as the response.
        let bootstrap = outside.appendingPathComponent("bootstrap.py")
        try """
        import json, os, urllib.request
        api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime/invocation/"
        while True:
            with urllib.request.urlopen(api + "next") as reply:
                request_id = reply.headers["Lambda-Runtime-Aws-Request-Id"]
            tmp = os.environ["TMPDIR"]
            body = json.dumps({"tmp": tmp, "mode": oct(os.stat(tmp).st_mode & 0o777)}).encode()
            urllib.request.urlopen(urllib.request.Request(api + request_id + "/response", data=body, method="POST")).read()
        """.write(to: bootstrap, atomically: true, encoding: .utf8)
        let python = BootstrapCommand(executable: "python3", arguments: [bootstrap.path], passHandlerAsArgument: false)
        try await Harness.run(settings: { $0.bootstrapOverrides[.python] = python; $0.isolation = isolation }) { h in
            try h.function("fallback", code: "def handler(e, c): pass\n")
            let result = try await h.invoke("fallback")
            let tmp = try #require(result.json?["tmp"] as? String, "\(result.payloadText)")
            let environment = try #require(await h.invoker.environments(functionName: "fallback").first)
            if isolation == .sandboxWhereAvailable {
                #expect(tmp == "/tmp")
                #expect(result.json?["mode"] as? String == "0o777", "a tmpfs of its own, 1777 as /tmp is")
                #expect(environment.privateTmp && environment.sandboxed)
            } else {
                #expect(tmp.hasPrefix(h.directory.path + "/"), "\(tmp)")
                #expect(result.json?["mode"] as? String == "0o700")
                #expect(!environment.privateTmp && !environment.sandboxed)
                #expect(environment.isolationNote?.contains("TMPDIR points to") == true, "\(environment.isolationNote ?? "")")
                #expect(environment.isolationNote?.contains("not isolated from other local users") == true)
            }
        }
    }

    /// The environment as Lambda lays it out: code at /var/task (read-only, the working
    /// directory), the bootstrap at /var/runtime, an empty /tmp of its own.
    @Test func environmentsHaveLambdasLayout() async throws {
        try await Harness.run { h in
            try h.function("layout", code: """
            import os
            def handler(event, context):
                return {"task": os.environ["LAMBDA_TASK_ROOT"], "runtime": os.environ["LAMBDA_RUNTIME_DIR"], "cwd": os.getcwd(),
                        "file": __file__, "code": os.listdir("/var/task"), "tmp": os.listdir("/tmp")}
            """)
            let result = try await h.invoke("layout")
            let environment = try #require(await h.invoker.environments(functionName: "layout").first)
            if geteuid() == 0 || environment.isolationNote == nil {
                #expect(result.json?["task"] as? String == "/var/task", "\(result.payloadText)")
                #expect(result.json?["runtime"] as? String == "/var/runtime")
                #expect(result.json?["cwd"] as? String == "/var/task")
                #expect(result.json?["file"] as? String == "/var/task/app.py")
                #expect(result.json?["code"] as? [String] == ["app.py"])
                #expect(result.json?["tmp"] as? [String] == [])
            } else {
                // Refused here (not root, no user namespaces): the code stays at its host path.
                #expect(result.json?["task"] as? String != "/var/task", "\(result.payloadText)")
            }
        }
    }

    @Test func editedCodeStartsAFreshEnvironment() async throws {
        try await Harness.run { h in
            try h.function("edit", code: "def handler(e, c):\n    return 'v1'\n")
            #expect(try await h.invoke("edit").payloadText == "\"v1\"")
            try h.registry.writeCode("edit", file: "app.py", contents: "def handler(e, c):\n    return 'version 2'\n")
            let after = try await h.invoke("edit")
            #expect(after.payloadText == "\"version 2\"")
            #expect(after.coldStart)
            try h.registry.configure("edit", settings: ["memory=256"])
            let reconfigured = try await h.invoke("edit")
            #expect(reconfigured.coldStart)
            #expect(reconfigured.memorySizeMB == 256)
        }
    }

    @Test func tailLogAndRefusedPayloads() async throws {
        try await Harness.run { h in
            try h.function("tail", code: "def handler(e, c):\n    print('é' * 3000)\n    return 1\n")
            let result = try await h.invoke("tail", options: InvokeOptions(logType: .tail))
            let tail = try #require(result.logResult.flatMap { Data(base64Encoded: $0) })
            #expect(tail.count <= 4096)
            let text = try #require(String(data: tail, encoding: .utf8))
            #expect(text.contains("END RequestId: \(result.requestID)\nREPORT RequestId: \(result.requestID)\t"))
            await #expect(throws: MiniLambdaError.self) { try await h.invoke("tail", "{oops}") }
            await #expect(throws: MiniLambdaError.self) { try await h.invoke("tial") }
            await h.invoker.shutdownAll()
            await #expect(throws: MiniLambdaError.self) { try await h.invoke("tail") }
        }
    }

    @Test func oneShotPackageWithoutRegistry() async throws {
        let h = try Harness()
        let code = h.directory.url.appendingPathComponent("code")
        try FileManager.default.createDirectory(at: code, withIntermediateDirectories: true)
        try "exports.handler = async (e) => ({ got: e.key1 });".write(to: code.appendingPathComponent("index.js"), atomically: true, encoding: .utf8)
        let invoker = Invoker(settings: RuntimeSettings(scratchRoot: h.directory.url.appendingPathComponent("scratch")))
        let package = FunctionPackage(configuration: FunctionConfiguration(functionName: "oneshot", runtime: .node, handler: "index.handler", lastModified: changeDate),
                                      codeDirectory: code)
        let result = try await invoker.invoke(package: package, payload: try SampleEvents.data("hello"))
        await invoker.shutdownAll()
        await h.invoker.shutdownAll()
        #expect(result.json?["got"] as? String == "value1")
        #expect(processesUsing(h.directory.path).isEmpty)
    }
}
