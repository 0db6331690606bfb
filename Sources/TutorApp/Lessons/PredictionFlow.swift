import Curriculum
import Foundation
import LambdaModel
import MiniLambda
import Quiz
import TutorSupport
import Synchronization
import TerminalUI

/// "Predict, then run": ask for a prediction before a step's try command, run it, then compare
/// the prediction with what the mini Lambda really did — read from the invocation's result, so
/// the lesson never hard-codes the answer — and record it like a checkpoint (a review card too).
enum PredictionFlow {
    /// What the learner predicted, in the form observations take (`warm`, `error`, `45`).
    static func parse(_ text: String, for prediction: Prediction) -> String? {
        let typed = text.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { return nil }
        if prediction.observe.isNumber {
            var digits = typed.lowercased()
            for unit in ["ms", "mb", "milliseconds"] where digits.hasSuffix(unit) { digits = String(digits.dropLast(unit.count)) }
            guard let value = Double(digits.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")), value.isFinite, value >= 0 else { return nil }
            return Number.grouped(value).replacingOccurrences(of: ",", with: "")
        }
        if let number = Int(typed), prediction.choices.indices.contains(number - 1) { return prediction.choices[number - 1] }
        let lower = typed.lowercased()
        if let exact = prediction.choices.first(where: { $0.lowercased() == lower }) { return exact }
        let prefixed = prediction.choices.filter { $0.lowercased().hasPrefix(lower) }
        return prefixed.count == 1 ? prefixed[0] : nil
    }

    /// What the invocation did, as the prediction observes it.
    static func observed(_ prediction: Prediction, in result: InvocationResult) -> String {
        func number(_ value: Double) -> String { Number.grouped(value).replacingOccurrences(of: ",", with: "") }
        switch prediction.observe {
        case .start: return result.coldStart ? "cold" : "warm"
        case .outcome:
            switch result.status {
            case .success: return "success"
            case .timeout: return "timeout"
            case .functionError, .platformError: return "error"
            }
        case .errorType: return result.errorType ?? "none"
        case .billedMs: return String(result.billedDurationMs)
        case .durationMs: return number(result.durationMs)
        case .initMs: return number(result.initDurationMs ?? 0)
        case .memoryUsedMB: return String(result.maxMemoryUsedMB)
        case .statusCode: return String(result.statusCode)
        }
    }

    /// Whether `predicted` matches `observed` (choices case-insensitively, numbers within the tolerance).
    static func matches(_ prediction: Prediction, predicted: String, observed: String) -> Bool {
        if prediction.observe.isNumber {
            guard let p = Double(predicted), let o = Double(observed) else { return false }
            return (prediction.tolerance ?? .absolute(0)).allows(p, o)
        }
        return predicted.lowercased() == observed.lowercased()
    }

    /// "a warm start", "45 ms", "the error type Runtime.ExitError".
    static func describe(_ value: String, _ prediction: Prediction) -> String {
        switch prediction.observe {
        case .start: "a \(value) start"
        case .outcome: value == "success" ? "a success" : value == "error" ? "an error" : "a timeout"
        case .errorType: value == "none" ? "no error" : "the error type \(value)"
        case .billedMs, .durationMs, .initMs, .memoryUsedMB: "\(value) \(prediction.observe.unit ?? "")"
        case .statusCode: "HTTP \(value)"
        }
    }

    static func choicesText(_ prediction: Prediction) -> String {
        if prediction.observe.isNumber {
            return "a number" + (prediction.observe.unit.map { " in \($0)" } ?? "") + toleranceText(prediction)
        }
        return prediction.choices.enumerated().map { "\($0 + 1)) \($1)" }.joined(separator: "  ")
    }

    static func toleranceText(_ prediction: Prediction) -> String {
        switch prediction.tolerance {
        case .absolute(let amount)?: amount > 0 ? "; within \(Number.grouped(amount)) counts" : ""
        case .percent(let share)?: "; within \(Number.grouped(share)) % counts"
        case nil: ""
        }
    }

    /// What the learner said when asked.
    enum Reply: Equatable {
        case predicted(String)
        /// Enter alone, end of input, or (in a script) a line that is no prediction.
        case none
        /// A tutor command typed instead (a script written before the step asked): it runs
        /// after the try command, which keeps the script's order.
        case command(String)
    }

    /// Asks until the answer fits. At a terminal a wrong answer is asked again; in a script it
    /// ends the asking, so a script never loses its later lines to the question.
    static func ask(_ prediction: Prediction, _ session: Session) async -> Reply {
        let console = session.console
        let style = console.style
        console.wrapped(style.bold(LessonWording.predictFirst) + " " + prediction.ask)
        console.line(style.muted("  " + choicesText(prediction) + " · Enter alone runs it without a prediction"))
        while true {
            guard let reply = await session.ask("prediction › "), !reply.trimmingCharacters(in: .whitespaces).isEmpty else { return .none }
            if let parsed = parse(reply, for: prediction) { return .predicted(parsed) }
            if PracticeMode.isCommand(reply, session) { return .command(reply) }
            console.line(prediction.observe.isNumber ? "Please type a number (e.g. 120)." : "Please type one of: " + prediction.choices.joined(separator: ", ") + " (or its number).")
            if !session.interactive { return .none }
        }
    }

    /// After the command ran: what happened, whether the prediction held, why; the attempt is
    /// appended to the log (a review card from then on).
    static func settle(_ prediction: Prediction, predicted: String, lesson: Lesson, step: LessonStep, session: Session) {
        let console = session.console
        let style = console.style
        guard let result = RuntimeService.of(session).lastInvocation.withLock({ $0 }) else {
            console.warning("the command made no invocation, so there is nothing to compare your prediction with")
            return
        }
        let actual = observed(prediction, in: result)
        let right = matches(prediction, predicted: predicted, observed: actual)
        let said = "You predicted \(describe(predicted, prediction)); the mini Lambda gave \(describe(actual, prediction))"
        console.wrapped((right ? style.success("✓ ") : style.failure("✗ ")) + said + (right ? "." : " — not what you expected."))
        if let evidence = evidence(prediction, result) { console.wrapped(style.muted(evidence), indent: 2) }
        if let why = prediction.why { console.line(console.markdown.render(MarkdownParser.parse(why, lead: "Why:"))) }
        var record = AttemptRecord(time: session.quiz.clock.now(), session: "lesson-\(lesson.id)", mode: .lesson,
                                   question: prediction.id(lesson: lesson.id, step: step.number), domain: ExamDomain.development.id,
                                   lesson: lesson.id, seed: 0, answer: predicted, correct: right, seconds: 0)
        record.observed = actual
        session.quiz.record([record], console: console)
    }

    /// Where in the output the learner can see it: the REPORT line's figure, the error payload.
    static func evidence(_ prediction: Prediction, _ result: InvocationResult) -> String? {
        switch prediction.observe {
        case .start: result.coldStart ? "The REPORT line has an Init Duration: a new environment ran INIT first."
            : "The REPORT line has no Init Duration: an environment that was already initialised took the event."
        case .outcome, .errorType: result.errorType.map { "The response carries X-Amz-Function-Error: Unhandled and errorType \($0)." }
        case .billedMs: "Billed Duration in the REPORT line: \(result.billedDurationMs) ms (Duration \(String(format: "%.2f", result.durationMs)) ms" + (result.initIncludedInBilledDuration ? ", plus INIT on a cold start)." : ").")
        case .durationMs, .initMs, .memoryUsedMB: "These are the REPORT line's figures for this invocation."
        case .statusCode: "The Invoke API answered HTTP \(result.statusCode)" + (result.functionError.map { ", with X-Amz-Function-Error: \($0)." } ?? ".")
        }
    }
}
