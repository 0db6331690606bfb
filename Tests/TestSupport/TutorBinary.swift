import Foundation

/// Runs the real `lambda-tutor` executable built next to the test bundle, the way a trainer's
/// script does: arguments, an environment, piped stdin; captured stdout, stderr and status.
package enum TutorBinary {
    package struct Result: Sendable {
        package let status: Int32
        package let stdout: String
        package let stderr: String
    }

    /// `.build/<config>/lambda-tutor`, next to the test bundle.
    package static var url: URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = testBinary.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("lambda-tutor")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return testBinary.deletingLastPathComponent().appendingPathComponent("lambda-tutor")
    }

    /// An environment with an isolated home, data folder and environments' folder
    /// (`LAMBDA_TUTOR_SCRATCH`, so runtime processes can be told apart by the home's path) and no
    /// colour configuration leaking in from the developer's shell.
    package static func environment(home: TemporaryDirectory, extra: [String: String] = [:]) -> [String: String] {
        var env: [String: String] = [
            "HOME": home.path,
            "LAMBDA_TUTOR_HOME": home.url.appendingPathComponent("data").path,
            "LAMBDA_TUTOR_SCRATCH": home.url.appendingPathComponent("envs").path,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            // `api start` and `serve` in tests listen on an ephemeral port, never on 9001.
            "LAMBDA_TUTOR_API_PORT": "0",
            // and their function URL listener on another, never on 9002.
            "LAMBDA_TUTOR_URL_PORT": "0",
        ]
        for (key, value) in extra { env[key] = value }
        return env
    }

    /// Runs the binary to completion. `timeout` only guards against a hang (the process is
    /// killed and the test fails); it is not a performance assertion.
    package static func run(_ arguments: [String] = [], stdin: String = "", environment: [String: String],
                           timeout: TimeInterval = 180) throws -> Result {
        let running = try start(arguments, environment: environment)
        running.send(stdin)
        running.closeInput()
        let status = running.waitForExit(deadline: timeout)
        if running.timedOut {
            throw HangError(message: "lambda-tutor did not finish within \(Int(timeout)) s; output so far:\n\(running.output)\(running.errors)")
        }
        return Result(status: status, stdout: running.output, stderr: running.errors)
    }

    /// Starts the binary and returns it running (for tests that signal it or talk to it).
    package static func start(_ arguments: [String] = [], environment: [String: String]) throws -> RunningProcess {
        try RunningProcess([url.path] + arguments, environment: environment)
    }

    package struct HangError: Error, CustomStringConvertible {
        package let message: String
        package var description: String { message }
    }
}
