import Foundation
import MiniLambda

/// The outcome of running an exercise's hidden test cases against some code.
public struct VerificationReport: Sendable {
    public var exerciseID: String
    public var cases: [CaseResult]

    public var passed: Bool { !cases.isEmpty && cases.allSatisfy(\.passed) }
    public var passedCount: Int { cases.filter(\.passed).count }
}

/// One test case: passed, or the first invocation that failed and why.
public struct CaseResult: Sendable {
    public var name: String
    /// The author's explanation of what the case is about, in AWS terms.
    public var why: String?
    public var failures: [CheckFailure]
    /// What each invocation did (up to the one that failed).
    public var steps: [StepOutcome]
    /// The index of the invocation whose checks failed; nil when they passed, or when only
    /// the checks across invocations failed.
    public var failedStep: Int?

    public var passed: Bool { failures.isEmpty }
}

/// One check that did not hold, with what it means on Lambda.
public struct CheckFailure: Sendable, Hashable {
    /// What was wrong, with the values (`batchItemFailures has 2 items, expected 1`).
    public var problem: String
    /// What this means on AWS, in the lessons' words (nil when the problem says it all).
    public var explanation: String?

    public init(_ problem: String, explanation: String? = nil) {
        self.problem = problem
        self.explanation = explanation
    }
}

/// What one invocation sent and returned, for the report and for a command to reproduce it.
public struct StepOutcome: Sendable {
    public var event: EventSource
    public var overrides: [String]
    public var status: ExpectedStatus
    public var errorType: String?
    public var errorMessage: String?
    public var coldStart: Bool
    public var initDurationMs: Double?
    public var durationMs: Double
    public var response: String
    /// The function's own output (no START/END/REPORT platform lines).
    public var output: [String]

    /// `codePath`: where the staged code was, so stack traces can name files as the learner
    /// knows them (`app.py`, not a path in a staging folder).
    init(_ step: InvokeStep, _ result: InvocationResult, codePath: String) {
        event = step.event
        overrides = step.overrides
        status = ExpectedStatus(result.status)
        errorType = result.errorType
        let payload = JSONValue(json: result.payload)
        errorMessage = result.status == .success ? nil : payload?["errorMessage"]?.stringValue
        coldStart = result.coldStart
        initDurationMs = result.initDurationMs
        durationMs = result.durationMs
        response = payload?.abbreviated(600) ?? String(result.payloadText.prefix(600))
        let prefixes = [codePath + "/", "/var/task/"]
        output = result.logLines.filter { !StepOutcome.isPlatformLine($0) }.map { line in
            prefixes.reduce(line) { $0.replacingOccurrences(of: $1, with: "") }
        }
    }

    static func isPlatformLine(_ line: String) -> Bool {
        ["INIT_START ", "START RequestId:", "END RequestId:", "REPORT RequestId:", "INIT_REPORT "].contains { line.hasPrefix($0) }
    }
}
