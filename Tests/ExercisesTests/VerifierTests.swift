import Exercises
import Foundation
import MiniLambda
import TestSupport
import Testing

/// The verifier on the real mini Lambda: the exercise's support files and settings win over
/// the learner's, each case starts cold, and failures say what happened.
@Suite(.serialized)
struct VerifierTests {
    static let yaml = """
    id: probe
    title: Probe
    lesson: handlers
    runtime: python3.12
    handler: app.lambda_handler
    timeout: 1
    environment: {STAGE: test}
    task: Probe the verifier.
    hints: [none]
    cases:
      - name: support and settings
        why: The tests use their own support files.
        event: {}
        expect:
          status: ok
          response: {value: 1, stage: test, cold: true}
      - name: a case without the variable
        why: Cases can remove a variable.
        environment: {STAGE: null}
        event: {}
        expect:
          response-includes: {stage: none}
      - name: warm reuse
        why: Invokes of one case share an environment.
        invokes:
          - event: {}
            expect: {cold: true}
          - event: {}
            expect: {cold: false, response-includes: {cold: false}}
        across:
          logs-count: {importing app: 1}
    """

    static let code = """
    import os
    import helper
    print("importing app")
    first = True

    def lambda_handler(event, context):
        global first
        cold, first = first, False
        if event.get("sleep"):
            import time
            time.sleep(5)
        return {"value": helper.VALUE, "stage": os.environ.get("STAGE", "none"), "cold": cold}
    """

    func verify(_ learnerCode: [String: String], yaml: String = yaml, sourceLocation: SourceLocation = #_sourceLocation) async throws -> VerificationReport {
        let directory = try TemporaryDirectory(prefix: "exercise-verify")
        let folder = try Fixtures.write(directory, id: "probe", yaml: yaml, starter: Self.code, solution: Self.code, support: ["helper.py": "VALUE = 1\n"])
        let exercise = try #require(ExerciseParser.parse(folder: folder, file: "probe/exercise.yaml").exercise, sourceLocation: sourceLocation)
        for (name, text) in learnerCode { try directory.write("mine/\(name)", text) }
        let invoker = Invoker()
        let verifier = ExerciseVerifier(invoker: invoker, stagingRoot: directory.url.appendingPathComponent("runs"))
        let report = try await verifier.verify(exercise, code: directory.url.appendingPathComponent("mine"))
        await invoker.shutdownAll()
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.url.appendingPathComponent("runs").path)
        #expect(left.isEmpty, "the staging folder is removed", sourceLocation: sourceLocation)
        return report
    }

    @Test func theExercisesSupportFilesAndSettingsWin() async throws {
        // The learner edited their copy of the support file; the tests use the exercise's.
        let report = try await verify(["app.py": Self.code, "helper.py": "VALUE = 2\n"])
        #expect(report.passed, "\(report.cases.map { "\($0.name): \($0.failures.map(\.problem))" })")
        #expect(report.cases.count == 3)
    }

    @Test func failuresSayWhatHappened() async throws {
        let broken = Self.code.replacingOccurrences(of: "print(\"importing app\")", with: "")
            .replacingOccurrences(of: "global first", with: "global first\n    print(\"importing app\")")
            .replacingOccurrences(of: "helper.VALUE", with: "helper.MISSING")
        let report = try await verify(["app.py": broken])
        #expect(!report.passed)
        let first = report.cases[0]
        #expect(first.failures.map(\.problem) == ["the handler failed with AttributeError: \"module 'helper' has no attribute 'MISSING'\"; expected it to succeed"])
        #expect(first.failedStep == 0)
        #expect(first.steps[0].status == .error)
        #expect(first.steps[0].coldStart)
        #expect(first.steps[0].output.contains { $0.contains("File \"app.py\"") }, "the trace names the learner's file: \(first.steps[0].output)")
    }

    @Test func countsAcrossInvocationsAndTimeouts() async throws {
        let eager = Self.code.replacingOccurrences(of: "global first", with: "global first\n    print(\"importing app\")")
        let report = try await verify(["app.py": eager])
        let warm = try #require(report.cases.first { $0.name == "warm reuse" })
        #expect(warm.failures.map(\.problem) == ["\"importing app\" appears 3 times in the logs of the 2 invocations, expected 1"])

        let yaml = Self.yaml.components(separatedBy: "cases:")[0] + """
        cases:
          - name: too slow
            why: The timeout is a hard stop.
            event: {sleep: true}
            expect: {status: ok}
        """
        let slow = try await verify(["app.py": Self.code], yaml: yaml)
        let failure = try #require(slow.cases.first?.failures.first)
        #expect(failure.problem == "the invocation timed out after 1 s (Sandbox.Timedout); expected it to succeed")
        #expect(failure.explanation?.contains("timeout") == true)
    }
}
