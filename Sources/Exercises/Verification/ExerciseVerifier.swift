import Foundation
import MiniLambda
import TutorSupport
import LambdaEvents

/// Runs an exercise's hidden test cases on the mini Lambda against some code: the learner's
/// function, or the exercise's own solution or starter.
///
/// The code is copied to a private staging folder with the exercise's `support/` files laid
/// over it, and run with the exercise's settings (runtime, handler, memory, timeout,
/// environment), not the learner's. Each case starts in a new execution environment, so its
/// first invoke is a cold start and nothing carries over from another case.
package struct ExerciseVerifier: Sendable {
    package let invoker: any FunctionInvoking
    /// Where staged copies go (a folder of the learner's own, not /tmp: environments get a
    /// private /tmp, which would hide code under it).
    package let stagingRoot: URL
    /// Dates the settings a case runs with (`LastModified`).
    package let clock: any WallClock

    package init(invoker: any FunctionInvoking, stagingRoot: URL, clock: any WallClock = SystemWallClock()) {
        self.invoker = invoker
        self.stagingRoot = stagingRoot
        self.clock = clock
    }

    package struct Failure: Error, Sendable, CustomStringConvertible {
        package var message: String
        package var description: String { message }
    }

    /// Runs every case of `exercise` against the code in `code`, calling `progress` after each
    /// case. Throws `CancellationError` when interrupted, and ``Failure`` when the cases could
    /// not run at all (the code cannot be staged, the interpreter is missing).
    package func verify(_ exercise: Exercise, code: URL, functionName: String? = nil,
                       progress: @Sendable (CaseResult) -> Void = { _ in }) async throws -> VerificationReport {
        let name = functionName ?? exercise.id
        let staged = try stage(exercise, code: code)
        defer { try? FileManager.default.removeItem(at: staged.deletingLastPathComponent()) }
        var report = VerificationReport(exerciseID: exercise.id, cases: [])
        do {
            for testCase in exercise.cases {
                try Task.checkCancellation()
                let package = FunctionPackage(configuration: exercise.configuration(functionName: name, environmentChanges: testCase.environment,
                                                                                   lastModified: clock.now()),
                                              codeDirectory: staged)
                let result = try await run(testCase, package: package, exercise: exercise)
                report.cases.append(result)
                progress(result)
            }
        } catch {
            await invoker.retireEnvironments(functionName: name)
            throw error
        }
        await invoker.retireEnvironments(functionName: name)
        return report
    }

    private func run(_ testCase: TestCase, package: FunctionPackage, exercise: Exercise) async throws -> CaseResult {
        let name = package.configuration.functionName
        await invoker.retireEnvironments(functionName: name)
        var outcome = CaseResult(name: testCase.name, why: testCase.why, failures: [], steps: [], failedStep: nil)
        var results: [InvocationResult] = []
        for (index, step) in testCase.invokes.enumerated() {
            let payload: Data
            do {
                payload = try CaseParser.eventData(step.event, overrides: step.overrides)
            } catch {
                throw Failure(message: "case '\(testCase.name)': the event cannot be built: \(error.message)")
            }
            let result: InvocationResult
            do {
                result = try await invoker.invoke(package: package, payload: payload, options: InvokeOptions())
            } catch {
                switch error.code {
                case .cancelled, .shutDown: throw CancellationError()
                default: throw Failure(message: error.message)
                }
            }
            results.append(result)
            outcome.steps.append(StepOutcome(step, result, codePath: package.codeDirectory.path))
            let failures = CheckEvaluator.evaluate(step.checks, result, exercise: exercise)
            if !failures.isEmpty {
                outcome.failures = failures
                outcome.failedStep = index
                return outcome
            }
        }
        outcome.failures = testCase.across.compactMap { CheckEvaluator.evaluate($0, results) }
        return outcome
    }

    /// Copies `code` and the exercise's support files into a new private folder; returns its
    /// `code` folder.
    func stage(_ exercise: Exercise, code: URL) throws -> URL {
        let folder = stagingRoot.appendingPathComponent("\(getpid())-\(UUID().uuidString.prefix(8))", isDirectory: true)
        let staged = folder.appendingPathComponent("code", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: stagingRoot, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            try FileManager.default.copyItem(at: code, to: staged)
            if FileManager.default.fileExists(atPath: exercise.supportFolder.path) {
                try ExerciseFiles.copy(exercise.supportFolder, into: staged)
            }
        } catch let error as FileError {
            try? FileManager.default.removeItem(at: folder)
            throw Failure(message: error.message)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw Failure(message: "cannot copy \(code.path) to run the tests: \(error.localizedDescription)")
        }
        return staged
    }

    /// Removes staging folders left by tutors that are no longer running (a crash, kill -9).
    package static func removeLeftovers(in root: URL) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return }
        for entry in entries {
            guard let pid = Int32(entry.prefix { $0 != "-" }), pid != getpid() else { continue }
            if kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(at: root.appendingPathComponent(entry))
            }
        }
    }
}

extension DataHome {
    /// Private copies of code being verified (removed after each run).
    package var exerciseStagingFolder: URL { root.appendingPathComponent("exercise-runs", isDirectory: true) }
}
