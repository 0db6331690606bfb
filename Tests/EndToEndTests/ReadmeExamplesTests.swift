import Foundation
import Testing
import TestSupport

/// The README's commands, as printed: the script example runs and exits 0; the set-up command
/// works where the user is root with no `sudo` and on a desktop where `sudo` is needed.
@Suite("README examples", .serialized)
struct ReadmeExamplesTests {
    static var readme: String {
        get throws { try String(contentsOf: SourceTree.root.appendingPathComponent("README.md"), encoding: .utf8) }
    }

    /// The first ```sh block after the heading that starts with `heading`.
    static func shellBlock(after heading: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let text = try readme
        let start = try #require(text.range(of: "\n" + heading), "README has no '\(heading)'", sourceLocation: sourceLocation)
        let rest = text[start.upperBound...]
        let open = try #require(rest.range(of: "```sh\n"), sourceLocation: sourceLocation)
        let close = try #require(rest[open.upperBound...].range(of: "\n```"), sourceLocation: sourceLocation)
        return String(rest[open.upperBound..<close.lowerBound])
    }

    @Test("The script example runs as printed and exits 0")
    func scriptExample() throws {
        let command = try Self.shellBlock(after: "### Scripts and CI")
        #expect(command.contains("| lambda-tutor"), "\(command)")
        let home = try TemporaryDirectory(prefix: "readme")
        var env = TutorBinary.environment(home: home)
        env["PATH"] = TutorBinary.url.deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        let result = try SpawnedProcess.run(["/bin/sh", "-c", command], environment: env, timeout: 120)
        #expect(result.status == 0, "\(command)\n\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("λ › "), "run echoed the commands it ran:\n\(result.stdout)")
        #expect(!result.stderr.contains("error:"), "\(result.stderr)")
    }

    /// Runs the set-up command with stand-ins for `id`, `apt-get`, `swift`, `lambda-tutor` and
    /// (on the desktop) `sudo`, and returns what was called.
    func setUp(asRoot: Bool) throws -> (status: Int32, calls: [String]) {
        let command = try Self.shellBlock(after: "## Quick start")
        let home = try TemporaryDirectory(prefix: "readme-setup")
        let bin = home.url.appendingPathComponent("bin")
        let log = home.url.appendingPathComponent("calls").path
        func stub(_ name: String, _ body: String) throws {
            let file = try home.write("bin/\(name)", "#!/bin/sh\n" + body + "\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        }
        try stub("id", "[ \"$1\" = -u ] && echo \(asRoot ? 0 : 1000)")
        try stub("apt-get", "echo \"apt-get $*\" >> \(log)")
        try stub("swift", "echo \"swift $*\" >> \(log)")
        try stub("lambda-tutor", "echo \"lambda-tutor $*\" >> \(log)")
        if !asRoot { try stub("sudo", "echo \"sudo $*\" >> \(log); exec \"$@\"") }
        // Run from an empty folder, so `.build/debug` is not the real build and the stand-in
        // lambda-tutor answers.
        let result = try SpawnedProcess.run(["/bin/bash", "-c", "cd \"$HOME\" && " + command],
                                            environment: ["PATH": bin.path + ":/usr/bin:/bin", "HOME": home.path], timeout: 60)
        let calls = (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
        return (result.status, calls)
    }

    @Test("The set-up command works as root with no sudo")
    func setUpAsRoot() throws {
        let (status, calls) = try setUp(asRoot: true)
        #expect(status == 0, "\(calls)")
        #expect(calls.first == "apt-get update")
        #expect(calls.contains { $0.hasPrefix("apt-get install -y libedit-dev") })
        #expect(!calls.contains { $0.hasPrefix("sudo") })
        #expect(calls.contains("swift build"))
        #expect(calls.last == "lambda-tutor ")
    }

    @Test("The set-up command uses sudo for apt-get on a desktop")
    func setUpWithSudo() throws {
        let (status, calls) = try setUp(asRoot: false)
        #expect(status == 0, "\(calls)")
        #expect(calls.contains("sudo apt-get update"))
        #expect(calls.contains { $0.hasPrefix("sudo apt-get install -y libedit-dev") })
        #expect(!calls.contains("sudo swift build"), "only apt-get needs root")
        #expect(calls.last == "lambda-tutor ")
    }
}
