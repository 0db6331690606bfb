import Exercises
import Foundation
import MiniLambda
import TerminalUI
import TutorSupport

/// How exercises look at the terminal: the list, a task, a verification report.
enum ExerciseView {
    static func mark(_ status: ExerciseStatus, _ style: Style) -> String {
        switch status {
        case .done: style.success("✓")
        case .inProgress: style.warning("◐")
        case .notStarted: style.muted("·")
        }
    }

    /// Grouped by lesson, in course order: `·  hello-event  python3.12  Greet whoever …`.
    static func list(_ rows: [(exercise: Exercise, status: ExerciseStatus)], lessonTitles: [String: String], current: String?,
                     width: Int, style: Style) -> String {
        var sections: [String] = []
        var index = 0
        // The same column widths in every lesson's table.
        let idWidth = rows.map(\.exercise.id.count).max() ?? 0
        while index < rows.count {
            let lesson = rows[index].exercise.lesson
            var table = TextTable(columns: [.init(" "), .init("id"), .init("runtime"), .init("title")], showHeader: false, indent: 2)
            while index < rows.count, rows[index].exercise.lesson == lesson {
                let (exercise, status) = rows[index]
                let padded = exercise.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
                let id = exercise.id == current ? style.bold(padded) : style.code(padded)
                table.add([mark(status, style), id, exercise.runtime.identifier, exercise.title])
                index += 1
            }
            let heading = style.heading(lesson) + (lessonTitles[lesson].map { style.muted(" — \($0)") } ?? "")
            sections.append(heading + "\n" + table.render(width: width, style: style))
        }
        let done = rows.filter { $0.status == .done }.count
        return sections.joined(separator: "\n\n") + "\n\n"
            + style.muted("\(done) of \(rows.count) done · ✓ done · ◐ in progress · · not started — start one with: exercise ID")
    }

    /// `exercises --json`: exactly `id`, `lesson`, `runtime` and `status` per exercise.
    static func json(_ rows: [(exercise: Exercise, status: ExerciseStatus)]) -> String {
        let objects = rows.map { ["id": $0.exercise.id, "lesson": $0.exercise.lesson, "runtime": $0.exercise.runtime.identifier,
                                  "status": $0.status.rawValue] }
        let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The task, with what to type next.
    static func task(_ exercise: Exercise, function: String, files: [String], supportFiles: [String], hintsShown: Int,
                     renderer: MarkdownRenderer, style: Style) -> String {
        var parts = [style.bold(exercise.title) + "\n" + style.muted("exercise \(exercise.id) · lesson \(exercise.lesson) · \(exercise.runtime)")]
        parts.append(renderer.render(markdown: exercise.task))
        var lines: [String] = []
        let yours = files.filter { !supportFiles.contains($0) }
        lines.append("Your function " + style.bold(function) + " (handler \(exercise.handler)): " + yours.joined(separator: ", "))
        if !supportFiles.isEmpty {
            lines.append(style.muted("Given (the tests use their own copy): " + supportFiles.joined(separator: ", ")))
        }
        lines.append(style.muted("Edit: ") + style.code("fn edit \(function)") + style.muted(" · try: ") + style.code("invoke \(function)"))
        lines.append(style.muted("Check: ") + style.code("verify") + style.muted(" (or ") + style.code("verify --watch")
                     + style.muted(") · stuck? ") + style.code("hint") + style.muted(" (\(hintsShown) of \(exercise.hints.count) seen)"))
        parts.append(lines.joined(separator: "\n"))
        return parts.joined(separator: "\n\n")
    }

    /// One line per case as it finishes.
    static func caseLine(_ result: CaseResult, style: Style) -> String {
        "  " + (result.passed ? style.success("✓") : style.failure("✗")) + " " + result.name
    }

    /// What went wrong in a failed case, and how to see it for yourself.
    static func failure(_ result: CaseResult, exercise: Exercise, testCase: TestCase?, function: String, width: Int, style: Style) -> String {
        var lines = [style.failure("✗ ") + style.bold(result.name)]
        let wrap = { (text: String, indent: String) -> [String] in
            TextWrapper.wrap(text, width: max(20, width - indent.count)).map { indent + $0 }
        }
        for failure in result.failures {
            lines += wrap(failure.problem, "    ")
            if let explanation = failure.explanation, !explanation.isEmpty { lines += wrap(explanation, "    ").map(style.muted) }
        }
        if let why = result.why { lines += wrap("Why it matters: " + why, "    ") }
        if let index = result.failedStep ?? (result.steps.isEmpty ? nil : result.steps.count - 1), result.steps.indices.contains(index) {
            let step = result.steps[index]
            var summary = [step.status.rawValue]
            if let type = step.errorType { summary.append(type + (step.errorMessage.map { ": \($0)" } ?? "")) }
            summary.append(step.coldStart ? "cold start" : "warm")
            if let initMs = step.initDurationMs { summary.append("Init \(LogFormatter.milliseconds(initMs)) ms") }
            summary.append("Duration \(LogFormatter.milliseconds(step.durationMs)) ms")
            let ordinal = result.steps.count > 1 || (testCase?.invokes.count ?? 1) > 1 ? "invoke \(index + 1) of \(testCase?.invokes.count ?? result.steps.count): " : ""
            lines.append("    " + style.muted(ordinal + summary.joined(separator: " · ")))
            if step.status == .ok { lines.append("    " + style.muted("response: ") + step.response) }
            let all = outputLines(step.output, exercise: exercise)
            let output = all.suffix(10)
            if !output.isEmpty {
                lines.append("    " + style.muted("output" + (all.count > output.count ? " (last \(output.count) lines)" : "") + ":"))
                for line in output { lines.append("      " + style.muted("│ ") + String(line.prefix(max(20, width - 8)))) }
            }
            lines.append("    " + style.muted("try it: ") + style.code(reproduction(step, function: function)))
            if let testCase {
                if testCase.invokes.count > 1 { lines.append("    " + style.muted("(this case invokes \(testCase.invokes.count) times in one execution environment)")) }
                let changes = testCase.environment.keys.sorted().map { key in testCase.environment[key]!.map { "\(key)=\($0)" } ?? "no \(key)" }
                if !changes.isEmpty { lines.append("    " + style.muted("(with " + changes.joined(separator: ", ") + " in the environment)")) }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The function's output as lines. A log event may hold several lines joined by \r (a
    /// stack trace); of a trace, the error line and the frames in the exercise's own files are kept.
    static func outputLines(_ output: [String], exercise: Exercise) -> [String] {
        let ownFiles = Set(ExerciseFiles.list(exercise.starterFolder).files + ExerciseFiles.list(exercise.supportFolder).files)
        var lines: [String] = []
        for event in output {
            let parts = event.split(separator: "\r", omittingEmptySubsequences: true).map(String.init)
            guard parts.count > 2 else {
                lines += parts
                continue
            }
            lines.append(parts[0])
            for (index, part) in parts.enumerated().dropFirst() where ownFiles.contains(where: { part.contains("\"\($0)\"") || part.contains("(\($0):") || part.contains(" \($0):") }) {
                lines.append(part)
                if index + 1 < parts.count, !parts[index + 1].contains("File \""), !parts[index + 1].trimmingCharacters(in: .whitespaces).hasPrefix("at ") {
                    lines.append(parts[index + 1])
                }
            }
        }
        return lines
    }

    /// The `invoke` line that sends the same event to the learner's function.
    static func reproduction(_ step: StepOutcome, function: String) -> String {
        var words = ["invoke", function]
        switch step.event {
        case .sample(let name): words += ["--event", name]
        case .inline(let value): words += ["--payload", ShellQuote.quote(value.description)]
        }
        for override in step.overrides { words += ["--set", ShellQuote.quote(override)] }
        return words.joined(separator: " ")
    }
}
