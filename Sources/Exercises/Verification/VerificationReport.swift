import Foundation
import MiniLambda

/// The outcome of running an exercise's hidden test cases against some code.
package struct VerificationReport: Sendable {
    package var exerciseID: String
    package var cases: [CaseResult]

    package var passed: Bool { !cases.isEmpty && cases.allSatisfy(\.passed) }
    package var passedCount: Int { cases.filter(\.passed).count }
}

/// One test case: passed, or the first invocation that failed and why.
package struct CaseResult: Sendable {
    package var name: String
    /// The author's explanation of what the case is about, in AWS terms.
    package var why: String?
    package var failures: [CheckFailure]
    /// What each invocation did (up to the one that failed).
    package var steps: [StepOutcome]
    /// The index of the invocation whose checks failed; nil when they passed, or when only
    /// the checks across invocations failed.
    package var failedStep: Int?

    package var passed: Bool { failures.isEmpty }
}

/// One check that did not hold, with what it means on Lambda.
package struct CheckFailure: Sendable, Hashable {
    /// What was wrong, with the values (`batchItemFailures has 2 items, expected 1`).
    package var problem: String
    /// What this means on AWS, in the lessons' words (nil when the problem says it all).
    package var explanation: String?

    package init(_ problem: String, explanation: String? = nil) {
        self.problem = problem
        self.explanation = explanation
    }
}

/// What one invocation sent and returned, for the report and for a command to reproduce it.
package struct StepOutcome: Sendable {
    package var event: EventSource
    package var overrides: [String]
    package var status: ExpectedStatus
    package var errorType: String?
    package var errorMessage: String?
    package var coldStart: Bool
    package var initDurationMs: Double?
    package var durationMs: Double
    package var response: String
    /// The function's own output (no START/END/REPORT platform lines).
    package var output: [String]

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
