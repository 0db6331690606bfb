import ContentYAML
import Foundation
import TutorSupport

/// A "predict, then run" block: before the step's next `try` command runs, the learner says
/// what they expect the mini Lambda to do; the tutor then compares that with what the
/// invocation really did (never with an answer written in the lesson).
///
/// ````
/// ```predict
/// ask: The function was just invoked. Will this invoke be a cold or a warm start?
/// observe: start
/// choices: [cold, warm]
/// why: The first invoke left its environment idle, and Lambda reuses an idle environment.
/// ```
/// ````
///
/// `observe` names what is read from the invocation's result: `start` (cold or warm),
/// `outcome` (success, error or timeout), `error-type` (the error payload's `errorType`, or
/// `none`), or a number from the REPORT line: `billed-ms`, `duration-ms`, `init-ms` (0 when
/// warm), `memory-used-mb`, or the Invoke API's `status-code`. Choices are required for the first three; numbers take a
/// `tolerance` (in the same unit, or a percentage such as `20%`).
package struct Prediction: Sendable, Hashable {
    package enum Observe: String, Sendable, Hashable, CaseIterable {
        case start
        case outcome
        case errorType = "error-type"
        case billedMs = "billed-ms"
        case durationMs = "duration-ms"
        case initMs = "init-ms"
        case memoryUsedMB = "memory-used-mb"
        /// The Invoke API's HTTP status (200 for every synchronous invoke that reached the code).
        case statusCode = "status-code"

        package var isNumber: Bool {
            switch self {
            case .start, .outcome, .errorType: false
            case .billedMs, .durationMs, .initMs, .memoryUsedMB, .statusCode: true
            }
        }

        /// The unit a number is given in ("ms", "MB"); nil for choices.
        package var unit: String? {
            switch self {
            case .start, .outcome, .errorType, .statusCode: nil
            case .billedMs, .durationMs, .initMs: "ms"
            case .memoryUsedMB: "MB"
            }
        }
    }

    /// How far a numeric prediction may be off and still count.
    package enum Tolerance: Sendable, Hashable {
        case absolute(Double)
        case percent(Double)

        package func allows(_ predicted: Double, _ actual: Double) -> Bool {
            switch self {
            case .absolute(let amount): abs(predicted - actual) <= amount
            case .percent(let share): abs(predicted - actual) <= abs(actual) * share / 100
            }
        }
    }

    package var ask: String
    package var observe: Observe
    package var choices: [String]
    package var tolerance: Tolerance?
    package var why: String?
    /// 1-based position among the step's predictions.
    package var index: Int
    /// The `try` command (1-based, across the step) the prediction is about: the first one
    /// after the block.
    package var tryNumber: Int
    /// Line of the block's first line in the lesson file.
    package var line: Int

    /// The id of its attempts in the log and of its review card: `LESSON/predict-STEP.N`.
    package func id(lesson: String, step: Int) -> String { "\(lesson)/predict-\(step).\(index)" }

    static let keys = ["ask", "observe", "choices", "tolerance", "why"]

    /// Reads a block's YAML; nil (with errors at the block's lines) when it cannot be asked.
    static func parse(_ source: String, line: Int, index: Int, tryNumber: Int, file: String,
                      diagnostics: inout [Diagnostic]) -> Prediction? {
        var reader = YAMLReader(file: file, lineOffset: line - 1)
        defer { diagnostics += reader.diagnostics }
        let root: YAMLNode?
        do throws(YAMLSyntaxError) {
            root = try reader.compose(source)
        } catch {
            reader.report(error)
            return nil
        }
        guard let root else {
            diagnostics.append(.error(file, line: line - 1, column: 1, "the predict block is empty"))
            return nil
        }
        var ask: String?
        var observe: Observe?
        var choices: [String] = []
        var tolerance: Tolerance?
        var why: String?
        var observeNode: YAMLNode?
        for (key, _, value) in reader.entries(root, "a predict block", allowed: keys) ?? [] {
            switch key {
            case "ask": ask = reader.text(value, "ask")
            case "observe":
                observeNode = value
                if let text = reader.text(value, "observe") {
                    observe = Observe(rawValue: text)
                    if observe == nil {
                        let hint = Suggestions.didYouMean(text, in: Observe.allCases.map(\.rawValue)) ?? "one of " + Observe.allCases.map(\.rawValue).joined(separator: ", ")
                        reader.error(value, "observe '\(text)' is not something an invocation shows; \(hint)")
                    }
                }
            case "choices": choices = reader.texts(value, "choices") ?? []
            case "tolerance":
                if let text = value.string?.trimmingCharacters(in: .whitespaces), text.hasSuffix("%"),
                   let share = YAMLReader.parseNumber(String(text.dropLast())), share >= 0 {
                    tolerance = .percent(share)
                } else if let amount = reader.number(value, "tolerance") {
                    if amount < 0 { reader.error(value, "tolerance cannot be negative") } else { tolerance = .absolute(amount) }
                }
            case "why": why = reader.text(value, "why")
            default: break
            }
        }
        if ask == nil { reader.error(root, "a predict block needs `ask:` (the question to the learner)") }
        if observeNode == nil { reader.error(root, "a predict block needs `observe:` (" + Observe.allCases.map(\.rawValue).joined(separator: ", ") + ")") }
        if let observe {
            if observe.isNumber {
                if !choices.isEmpty { reader.error(observeNode, "observe: \(observe.rawValue) is a number; give `tolerance:`, not `choices:`") }
                if tolerance == nil { reader.error(observeNode, "observe: \(observe.rawValue) is a number and needs `tolerance:` (e.g. 5, or 20%)") }
            } else {
                if choices.count < 2 { reader.error(observeNode, "observe: \(observe.rawValue) needs `choices:` with at least two answers") }
                if tolerance != nil { reader.warning(observeNode, "tolerance is for numbers; observe: \(observe.rawValue) ignores it") }
                if observe == .start, Set(choices.map { $0.lowercased() }) != ["cold", "warm"] {
                    reader.error(observeNode, "observe: start has the choices [cold, warm]")
                }
                if observe == .outcome, !Set(choices.map { $0.lowercased() }).isSubset(of: ["success", "error", "timeout"]) {
                    reader.error(observeNode, "observe: outcome's choices are success, error and timeout")
                }
            }
        }
        guard let ask, let observe, reader.diagnostics.allSatisfy({ $0.severity != .error }) else { return nil }
        return Prediction(ask: ask, observe: observe, choices: choices, tolerance: tolerance, why: why, index: index,
                          tryNumber: tryNumber, line: line)
    }
}
