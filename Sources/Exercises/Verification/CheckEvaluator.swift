import Foundation
import MiniLambda

/// Decides whether an invocation passed a check, and says why not in the terms the lessons use.
enum CheckEvaluator {
    /// The failures of an invocation's checks. When it failed where it should have succeeded
    /// (or the other way round), that is said once: the checks on its response (or on its
    /// error) would only repeat it.
    static func evaluate(_ checks: [Check], _ result: InvocationResult, exercise: Exercise) -> [CheckFailure] {
        let failures = checks.map { ($0, evaluate($0, result, exercise: exercise)) }
        let statusFailed = failures.contains { if case .status = $0.0 { return $0.1 != nil } else { return false } }
        return failures.compactMap { check, failure in
            guard statusFailed else { return failure }
            switch check {
            case .response, .responseIncludes, .bodyIncludes, .bodyContains: return result.status == .success ? failure : nil
            case .errorType, .errorMessageContains: return result.status == .success ? nil : failure
            default: return failure
            }
        }
    }

    static func evaluate(_ check: Check, _ result: InvocationResult, exercise: Exercise) -> CheckFailure? {
        let payload = JSONValue(json: result.payload)
        switch check {
        case .status(let expected):
            let actual = ExpectedStatus(result.status)
            guard actual != expected else { return nil }
            return statusFailure(expected: expected, result: result, payload: payload, exercise: exercise)

        case .errorType(let expected):
            guard result.errorType != expected else { return nil }
            guard let actual = result.errorType else {
                return CheckFailure("the invocation succeeded; expected it to fail with errorType \(expected)",
                                    explanation: "Returning normally is a success to Lambda: a synchronous caller sees no X-Amz-Function-Error and asynchronous invocations are not retried. Raise (Python) or throw (Node.js) an error of class \(expected).")
            }
            let said = payload?["errorMessage"]?.stringValue.map { " (message \(JSONValue.string($0).abbreviated(120)))" } ?? ""
            return CheckFailure("errorType is \(actual)\(said), expected \(expected)",
                                explanation: "Lambda reports the class (name) of the uncaught error as errorType; callers, retry policies, destinations and alarms use it to tell one failure from another. "
                                    + (ErrorExplanation.explain(actual) ?? ""))

        case .errorMessageContains(let text):
            let actual = payload?["errorMessage"]?.stringValue
            guard let actual, actual.contains(text) else {
                return CheckFailure(actual.map { "errorMessage is \(JSONValue.string($0).abbreviated()), expected it to contain \"\(text)\"" }
                                    ?? "there is no errorMessage (the invocation did not fail); expected one containing \"\(text)\"")
            }
            return nil

        case .response(let expected):
            guard let payload else { return notJSON(result) }
            guard let difference = expected.difference(from: payload, mode: .exact, root: "the response") else { return nil }
            return responseFailure(difference, result: result)

        case .responseIncludes(let expected):
            guard let payload else { return notJSON(result) }
            guard let difference = expected.difference(from: payload, mode: .includes, root: "the response") else { return nil }
            return responseFailure(difference, result: result)

        case .bodyIncludes(let expected):
            switch body(of: payload) {
            case .problem(let failure): return failure
            case .text(let text):
                guard let parsed = JSONValue(json: text) else {
                    return CheckFailure("body is not JSON: \(JSONValue.string(text).abbreviated())",
                                        explanation: "API Gateway passes body to the client as it is, so a JSON API must put a JSON document in it (json.dumps / JSON.stringify) and say so in Content-Type.")
                }
                guard let difference = expected.difference(from: parsed, mode: .includes, path: "body") else { return nil }
                return CheckFailure(difference, explanation: "This is the JSON the client of the API receives.")
            }

        case .bodyContains(let text):
            switch body(of: payload) {
            case .problem(let failure): return failure
            case .text(let body):
                return body.contains(text) ? nil : CheckFailure("body \(JSONValue.string(body).abbreviated()) does not contain \"\(text)\"")
            }

        case .logsContain(let texts):
            let missing = texts.filter { text in !result.logLines.contains { $0.contains(text) } }
            guard !missing.isEmpty else { return nil }
            return CheckFailure("the log of this invocation does not contain " + missing.map { "\"\($0)\"" }.joined(separator: ", "),
                                explanation: "What a function prints (print, console.log, logging) goes to its CloudWatch Logs stream, one log event per line, between START and END.")

        case .logsExclude(let texts):
            let present = texts.filter { text in result.logLines.contains { $0.contains(text) } }
            guard !present.isEmpty else { return nil }
            return CheckFailure("the log of this invocation contains " + present.map { "\"\($0)\"" }.joined(separator: ", ") + ", which it should not")

        case .logJSONIncludes(let expected):
            let objects = result.logLines.compactMap(jsonObject(in:))
            if objects.contains(where: { expected.difference(from: $0, mode: .includes) == nil }) { return nil }
            guard let closest = objects.first else {
                return CheckFailure("no log line is a JSON object; expected one with \(expected.abbreviated())",
                                    explanation: "Structured logs are one JSON object per line, so CloudWatch Logs Insights can filter on their fields; an Embedded Metric Format line is such an object with an _aws key, which CloudWatch turns into metrics.")
            }
            let difference = expected.difference(from: closest, mode: .includes, path: "the log line") ?? ""
            return CheckFailure("no JSON log line holds \(expected.abbreviated()); in the first one, \(difference)",
                                explanation: "CloudWatch reads each log line on its own: the fields must be in one JSON object, on one line.")

        case .coldStart(let expected):
            guard result.coldStart != expected else { return nil }
            return CheckFailure(expected ? "the invocation was warm; expected a cold start" : "the invocation was a cold start; expected a warm one",
                                explanation: expected ? nil : "A warm invoke reuses the execution environment of an earlier one. A new environment here means the earlier invoke ended it (a crash, a timeout or running out of memory): Lambda replaces an environment after such a failure.")
        }
    }

    // MARK: - Across invocations

    static func evaluate(_ check: AcrossCheck, _ results: [InvocationResult]) -> CheckFailure? {
        switch check {
        case .logsCount(let table):
            let lines = results.flatMap(\.logLines)
            for text in table.keys.sorted() {
                let count = lines.reduce(0) { $0 + occurrences(of: text, in: $1) }
                let expected = table[text]!
                if count != expected {
                    return CheckFailure("\"\(text)\" appears \(count) time\(count == 1 ? "" : "s") in the logs of the \(results.count) invocations, expected \(expected)",
                                        explanation: logsCountExplanation(text: text, count: count, expected: expected, results: results))
                }
            }
            return nil

        case .warmFasterThanInit:
            guard let cold = results.first(where: { $0.initDurationMs != nil }), let initMs = cold.initDurationMs else {
                return CheckFailure("no invocation of this case was a cold start with an INIT phase")
            }
            let warm = results.filter { !$0.coldStart }
            guard !warm.isEmpty else {
                return CheckFailure("every invocation was a cold start; the environment was not reused",
                                    explanation: "Lambda replaces an environment after a crash, a timeout or running out of memory, so nothing set up in INIT survives.")
            }
            guard let slowest = warm.map(\.durationMs).max(), slowest >= initMs else { return nil }
            return CheckFailure(String(format: "a warm invoke took %.1f ms, longer than the cold start's whole INIT (%.1f ms)", slowest, initMs),
                                explanation: "Code at module level (outside the handler) runs once per execution environment, during INIT; warm invokes reuse what it created. Creating the client inside the handler makes every invoke pay for it again.")
        }
    }

    // MARK: - Helpers

    private static func statusFailure(expected: ExpectedStatus, result: InvocationResult, payload: JSONValue?, exercise: Exercise) -> CheckFailure {
        let what: String
        switch ExpectedStatus(result.status) {
        case .ok: what = "the handler returned normally"
        case .error: what = "the handler failed with \(result.errorType ?? "an error")" + message(payload)
        case .timeout: what = "the invocation timed out after \(exercise.timeout) s (Sandbox.Timedout)"
        case .crash:
            let phase = result.coldStart && result.initDurationMs == nil ? "INIT" : "the runtime"
            what = "\(phase) failed with \(result.errorType ?? "an error")" + message(payload)
        }
        switch expected {
        case .ok:
            let explanation = result.errorType.flatMap(ErrorExplanation.explain)
                ?? (result.status == .functionError ? "An uncaught error fails the invocation: a synchronous caller gets it with X-Amz-Function-Error: Unhandled; an asynchronous invocation or an event source mapping retries it." : nil)
            return CheckFailure("\(what); expected it to succeed", explanation: explanation)
        case .error:
            let explanation: String?
            switch result.status {
            case .success:
                explanation = "Lambda only knows an invocation failed when the handler raises or throws (or the runtime posts to /error). Returning an error-looking value is a success: nothing is retried, no DLQ or on-failure destination is used."
            case .platformError where result.coldStart && result.initDurationMs == nil:
                explanation = "It failed during INIT, in module-level code, before the handler existed: Lambda reports an init error, tries INIT once more inside the invocation, and every cold start fails the same way. An error raised in the handler fails only that invocation, with your errorType."
            default:
                explanation = result.errorType.flatMap(ErrorExplanation.explain)
            }
            return CheckFailure("\(what); expected the handler to fail", explanation: explanation)
        case .timeout:
            return CheckFailure("\(what); expected it to time out")
        case .crash:
            return CheckFailure("\(what); expected the runtime to fail")
        }
    }

    private static func responseFailure(_ difference: String, result: InvocationResult) -> CheckFailure {
        if result.status != .success {
            return CheckFailure("the invocation failed with \(result.errorType ?? "an error")\(message(JSONValue(json: result.payload))), so it returned no response",
                                explanation: result.errorType.flatMap(ErrorExplanation.explain))
        }
        return CheckFailure(difference.hasPrefix("the response") ? difference : "in the response, \(difference)")
    }

    private static func notJSON(_ result: InvocationResult) -> CheckFailure {
        CheckFailure("the response is not JSON: \(String(result.payloadText.prefix(200)))")
    }

    /// The response's `body`, or why there is none.
    private enum Body {
        case text(String)
        case problem(CheckFailure)
    }

    private static func body(of payload: JSONValue?) -> Body {
        guard let payload, case .object(let fields) = payload else {
            return .problem(CheckFailure("the response is not an object with statusCode and body",
                                         explanation: "Behind API Gateway a handler returns {\"statusCode\": …, \"headers\": {…}, \"body\": \"…\"}; the body is a string."))
        }
        switch fields["body"] {
        case .string(let text)?: return .text(text)
        case nil: return .problem(CheckFailure("the response has no body (keys present: \(fields.keys.sorted().joined(separator: ", ")))"))
        case let other?:
            return .problem(CheckFailure("body is \(other.kind), not a string",
                                         explanation: "API Gateway needs body as a string: serialise the object (json.dumps in Python, JSON.stringify in Node.js)."))
        }
    }

    private static func message(_ payload: JSONValue?) -> String {
        guard let text = payload?["errorMessage"]?.stringValue, !text.isEmpty else { return "" }
        return ": " + JSONValue.string(text).abbreviated(200)
    }

    /// A log line that is a JSON object, also after the runtime's `timestamp\trequestId\tLEVEL\t` prefix.
    static func jsonObject(in line: String) -> JSONValue? {
        for candidate in [line, line.split(separator: "\t").last.map(String.init) ?? ""] {
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("{"), let value = JSONValue(json: trimmed), case .object = value else { continue }
            return value
        }
        return nil
    }

    static func occurrences(of text: String, in line: String) -> Int {
        guard !text.isEmpty else { return 0 }
        return line.components(separatedBy: text).count - 1
    }

    private static func logsCountExplanation(text: String, count: Int, expected: Int, results: [InvocationResult]) -> String? {
        let inInit = results.first.map { first in first.logLines.prefix { !$0.hasPrefix("START RequestId:") }.contains { $0.contains(text) } } ?? false
        if count > expected, expected <= 1 {
            return "The invocations ran in one execution environment (the first cold, the rest warm). Work that should happen once — creating a client, loading a secret, charging an order — happened on every invoke."
        }
        if count < expected, inInit {
            return "It was printed during INIT only; the handler did not do it on each invoke."
        }
        return nil
    }
}
