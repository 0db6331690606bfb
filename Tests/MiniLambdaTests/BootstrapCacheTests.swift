import Foundation
@testable import MiniLambda
import Testing

#if canImport(Glibc)
import Glibc
import TestSupport
#endif

/// The Python bootstrap compiled once per tutor and interpreter (``BootstrapCache``): later
/// cold starts run the `.pyc`, errors keep their shapes, and a cache someone else could write
/// is not used.
@Suite(.serialized)
struct BootstrapCacheTests {
    /// The runtime's command line, read from /proc (the runtime is the environment's process).
    static func commandLine(_ pid: Int32) -> [String] {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return [] }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func laterColdStartsRunTheCompiledBootstrapWithTheSameErrors() async throws {
        try await Harness.run { h in
            try h.function("boom", code: "def handler(event, context):\n    raise ValueError('boom')\n")
            let first = try await h.invoke("boom")
            #expect(first.errorType == "ValueError")
            BootstrapCache.shared.waitForCompiles()
            await h.invoker.retireEnvironments(functionName: "boom")
            let second = try await h.invoke("boom")
            #expect(second.coldStart)
            let environments = await h.invoker.environments()
            let pid = try #require(environments.first { $0.functionName == "boom" }?.processID)
            let arguments = Self.commandLine(pid)
            guard SandboxSupport.shared.failure == nil else { return } // only the sandbox binds it at /var/runtime
            #expect(arguments.last == "/var/runtime/bootstrap.pyc", "\(arguments)")
            // The same payload as from the source: the handler's frame only, none of the bootstrap's.
            let firstStack = try #require(first.json?["stackTrace"] as? [String])
            let secondStack = try #require(second.json?["stackTrace"] as? [String])
            #expect(secondStack == firstStack, "\(secondStack)")
            #expect(secondStack.count == 1 && secondStack[0].contains("/var/task/app.py\", line 2, in handler"), "\(secondStack)")
            #expect(second.errorType == first.errorType)
        }
    }

    @Test func aCacheOthersCanWriteIsNotUsed() throws {
        let h = try Harness()
        let folder = h.directory.url.appendingPathComponent("cache").path
        #expect(mkdir(folder, 0o755) == 0)
        for name in ["bootstrap.py", BootstrapCache.compiledName] {
            #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("x".utf8)))
            chmod(folder + "/" + name, 0o644)
        }
        #expect(BootstrapCache.isSafe(folder))
        chmod(folder + "/" + BootstrapCache.compiledName, 0o666)
        #expect(!BootstrapCache.isSafe(folder))
        chmod(folder + "/" + BootstrapCache.compiledName, 0o644)
        chmod(folder, 0o777)
        #expect(!BootstrapCache.isSafe(folder))
        chmod(folder, 0o755)
        try FileManager.default.removeItem(atPath: folder + "/bootstrap.py")
        #expect(symlink("/etc/passwd", folder + "/bootstrap.py") == 0)
        #expect(!BootstrapCache.isSafe(folder))
    }
}
