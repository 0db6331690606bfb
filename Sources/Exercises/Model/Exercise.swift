import Foundation
import MiniLambda

/// One autograded exercise: a task, a starter handler the learner completes, hidden test cases
/// run on the mini Lambda, graded hints, and a reference solution.
///
/// Read from a folder of the `Exercises/` content (see Exercises/README.md):
/// `exercise.yaml` plus `starter/`, `solution/` and an optional `support/` folder.
package struct Exercise: Sendable, Identifiable {
    /// Lowercase letters, digits and hyphens; also the name of the learner's function.
    package var id: String
    package var title: String
    /// The lesson this exercise practises (a lesson id).
    package var lesson: String
    package var runtime: FunctionRuntime
    /// `file.function`, as the function's handler setting.
    package var handler: String
    /// The function settings the test cases run with (the learner's own settings are ignored
    /// while verifying, so a test for the timeout cannot be passed by raising it).
    package var timeout: Int
    package var memory: Int
    package var environment: [String: String]
    /// Markdown: what to build and what the tests check.
    package var task: String
    /// From a nudge to nearly the answer; `hint` shows one more each time.
    package var hints: [String]
    package var cases: [TestCase]
    /// The exercise's folder.
    package var folder: URL
    /// `exercise.yaml` as diagnostics name it (relative to the working directory when inside it).
    package var file: String
    /// Line of each top-level key in `exercise.yaml`, for diagnostics found after parsing.
    package var lines: [String: Int]

    package var starterFolder: URL { folder.appendingPathComponent("starter", isDirectory: true) }
    package var solutionFolder: URL { folder.appendingPathComponent("solution", isDirectory: true) }
    /// Files copied next to the handler (a stand-in client, a fake table). Verification always
    /// uses the exercise's copies, so editing them does not change the result.
    package var supportFolder: URL { folder.appendingPathComponent("support", isDirectory: true) }

    /// The file the handler setting points at, relative to the code folder (`app.py`, `index.mjs`).
    package var handlerFileCandidates: [String] { runtime.handlerFileCandidates(handler) }

    /// The settings the cases run with, for a function called `name`.
    /// `changes` are a test case's variables: a value sets one, nil removes one.
    package func configuration(functionName name: String, environmentChanges changes: [String: String?] = [:], lastModified: Date) -> FunctionConfiguration {
        var variables = environment
        for (key, value) in changes { variables[key] = value }
        return FunctionConfiguration(functionName: name, runtime: runtime, handler: handler, memorySize: memory, timeout: timeout,
                                     environment: variables, description: "exercise \(id)", lastModified: lastModified)
    }
}

/// One hidden test: one or more invocations in the same execution environment (the first is a
/// cold start), each with its event and checks, plus checks across them.
package struct TestCase: Sendable {
    package var name: String
    /// Why this matters, in the lessons' terms; shown when the case fails.
    package var why: String?
    /// Environment variables for this case on top of the exercise's (nil: the variable is removed).
    package var environment: [String: String?]
    package var invokes: [InvokeStep]
    package var across: [AcrossCheck]
    package var line: Int
}

/// One invocation of a test case.
package struct InvokeStep: Sendable {
    package var event: EventSource
    /// `path=value` changes, exactly as `invoke --set` takes them.
    package var overrides: [String]
    package var checks: [Check]
    package var line: Int
}

/// Where a test event comes from.
package enum EventSource: Sendable, Hashable {
    /// A sample event by name (`events` lists them).
    case sample(String)
    /// An event written in the exercise file.
    case inline(JSONValue)
}

/// What an invocation must show.
package enum Check: Sendable, Hashable {
    case status(ExpectedStatus)
    /// The error's `errorType` (`ValueError`, `Sandbox.Timedout`, a custom class).
    case errorType(String)
    case errorMessageContains(String)
    /// The response is exactly this JSON.
    case response(JSONValue)
    /// The response holds at least these keys and values.
    case responseIncludes(JSONValue)
    /// The response's `body` (a JSON string, as API Gateway wants it) holds at least these.
    case bodyIncludes(JSONValue)
    /// The response's `body` contains this text.
    case bodyContains(String)
    /// Each text appears in the invocation's log lines.
    case logsContain([String])
    /// No text appears in them.
    case logsExclude([String])
    /// A log line is a JSON object holding at least these keys and values (structured logs, EMF).
    case logJSONIncludes(JSONValue)
    /// A cold start (true) or a warm invoke (false).
    case coldStart(Bool)
}

/// How an invocation ended, in the words the tests use.
package enum ExpectedStatus: String, Sendable, Hashable, CaseIterable {
    /// The handler returned (HTTP 200, no `X-Amz-Function-Error`).
    case ok
    /// The handler raised or returned an error.
    case error
    /// `Sandbox.Timedout`.
    case timeout
    /// The runtime exited or INIT failed (`Runtime.*`).
    case crash

    init(_ status: InvocationResult.Status) {
        switch status {
        case .success: self = .ok
        case .functionError: self = .error
        case .timeout: self = .timeout
        case .platformError: self = .crash
        }
    }
}

/// Checks over all invocations of a case.
package enum AcrossCheck: Sendable, Hashable {
    /// How many times each text appears in all the log lines of the case (INIT included).
    case logsCount([String: Int])
    /// Every warm invoke's Duration is below the cold start's Init Duration: work moved out of
    /// the handler is paid once, in INIT, not on every invoke.
    case warmFasterThanInit
}
