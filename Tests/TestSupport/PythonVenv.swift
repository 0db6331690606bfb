import Foundation
import Testing

/// A throwaway Python virtual environment under a test's temp folder, with packages from PyPI.
///
/// The tests that compare us with outside references (awslambdaric, Powertools, py-fsrs) use it.
/// Use ``forTest(_:sourceLocation:)`` in new tests: it cancels the test visibly when PyPI cannot
/// be reached on a developer machine, and fails it under CI (`CI` set), where a reference test
/// that quietly did not run would be a test that cannot fail.
package struct PythonVenv: Sendable {
    package let directory: TemporaryDirectory
    package var python: String { directory.path + "/venv/bin/python" }

    package enum Failure: Error, CustomStringConvertible {
        case pypiUnreachable(String)
        case failed(String)
        package var description: String {
            switch self {
            case .pypiUnreachable(let output): return "PyPI is unreachable: \(output)"
            case .failed(let output): return output
            }
        }
    }

    /// Creates the venv and installs `packages`. Throws `.pypiUnreachable` only when pip
    /// could not reach the index (the caller skips the test then).
    package static func make(_ packages: [String]) throws -> PythonVenv {
        let directory = try TemporaryDirectory(prefix: "minilambda-venv")
        let venv = directory.path + "/venv"
        let created = run("python3", ["-m", "venv", venv])
        guard created.status == 0 else { throw Failure.failed("python3 -m venv failed: \(created.output)") }
        let installed = run(venv + "/bin/pip", ["install", "--quiet", "--disable-pip-version-check", "--timeout", "30"] + packages)
        guard installed.status == 0 else {
            let networkWords = ["NewConnectionError", "Max retries exceeded", "Temporary failure in name resolution", "Network is unreachable", "No matching distribution"]
            if networkWords.contains(where: installed.output.contains) { throw Failure.pypiUnreachable(installed.output) }
            throw Failure.failed("pip install \(packages) failed: \(installed.output)")
        }
        return PythonVenv(directory: directory)
    }

    /// A venv with `packages` for the running test. When PyPI is unreachable the test is
    /// cancelled (reported as skipped, with the reason) — or, under CI, fails.
    package static func forTest(_ packages: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> PythonVenv {
        do {
            return try make(packages)
        } catch Failure.pypiUnreachable(let output) {
            try unreachable(packages, output: output, sourceLocation: sourceLocation)
        }
    }

    /// Ends the running test because PyPI could not be reached: cancelled (shown as skipped, with
    /// the reason) on a developer machine, failed under CI (`CI` set), where these reference
    /// tests must run.
    package static func unreachable(_ packages: [String], output: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Never {
        let reason = "PyPI is unreachable, so \(packages.joined(separator: " ")) could not be installed: \(output.prefix(300))"
        if let ci = ProcessInfo.processInfo.environment["CI"], !ci.isEmpty, ci != "0", ci.lowercased() != "false" {
            Issue.record(Comment(rawValue: reason + " (CI is set: this reference test must run)"), sourceLocation: sourceLocation)
            throw Failure.pypiUnreachable(output)
        }
        try Test.cancel(Comment(rawValue: "skipped: " + reason), sourceLocation: sourceLocation)
    }

    @discardableResult
    package static func run(_ command: String, _ arguments: [String], input: Data? = nil) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let stdin = Pipe()
        process.standardInput = stdin
        do { try process.run() } catch { return (-1, "\(error)") }
        if let input { stdin.fileHandleForWriting.write(input) }
        try? stdin.fileHandleForWriting.close()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
