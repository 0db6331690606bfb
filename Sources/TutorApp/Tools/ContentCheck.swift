import Curriculum
import Foundation
import TerminalUI
import TutorSupport

/// `lambda-tutor check`: validates lesson files (and, through hooks, question banks) and prints
/// `path:line:col: error: message` for each problem. Trainers run it in their own CI.
package struct ContentCheck {
    /// Extra validators for content other than lessons (question banks). Each gets the files
    /// or folders to check, the folders the tutor loads with them (to find clashes; their own
    /// problems are not reported) and the known lesson ids, and returns diagnostics plus a
    /// count of files it looked at.
    package typealias Validator = @Sendable (_ paths: [URL], _ reference: [URL], _ lessonIDs: Set<String>) -> (diagnostics: [Diagnostic], files: Int)

    nonisolated(unsafe) package static var extraValidators: [Validator] = [questionBanks]

    package struct Report: Sendable {
        package var diagnostics: [Diagnostic]
        package var files: Int
        package var errorCount: Int { diagnostics.errors.count }
        package var warningCount: Int { diagnostics.warnings.count }
    }

    /// Checks `paths` (files or folders) against everything the tutor would load with them;
    /// with none, the bundled content and content folders.
    package static func run(paths: [String], sources: ContentSources, base: URL?, registry: CommandRegistry = .standard) -> Report {
        let plan = Plan(paths: paths, sources: sources, base: base)
        var diagnostics = plan.diagnostics
        // Checkpoints are validated (through the quiz engine, the slow part) in checked files only.
        let parser = LessonParser(checkValidator: { block, file in
            plan.checkedLessons.map { $0.contains(file) } ?? true ? Session.checkValidator(block, file) : []
        })
        let catalog = LessonCatalog.load(entries: plan.lessonEntries, parser: parser, relativeTo: base)
        diagnostics += catalog.diagnostics.filter(plan.isChecked)
        let checkedLessons = catalog.lessons.filter { plan.checkedLessons?.contains($0.file) ?? true }
        diagnostics += tryCommandProblems(checkedLessons, registry: registry)
        var fileCount = plan.checkedLessons?.count ?? plan.lessonEntries.count
        let ids = Set(catalog.ids)
        for validator in extraValidators {
            let result = validator(plan.bankPaths, paths.isEmpty ? [] : plan.referenceBankFolders, ids)
            diagnostics += result.diagnostics
            fileCount += result.files
        }
        let exerciseResult = exercises(plan.exercisePaths, lessonIDs: ids, base: base)
        diagnostics += exerciseResult.diagnostics
        fileCount += exerciseResult.files
        return Report(diagnostics: diagnostics.sortedByLocation(), files: fileCount)
    }

    /// `try` lines must start with a tutor command, so a typo is caught here rather than when
    /// a learner types `run`.
    static func tryCommandProblems(_ lessons: [Lesson], registry: CommandRegistry) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for lesson in lessons {
            for step in lesson.steps {
                for command in step.tries {
                    let name = command.command.split(separator: " ").first.map(String.init) ?? ""
                    guard registry.lookup(name) == nil else { continue }
                    var message = "try command '\(name)' is not a tutor command"
                    if let hint = Suggestions.didYouMean(name, in: registry.allNames) { message += "; \(hint)" }
                    problems.append(.error(lesson.file, line: command.line, column: 1, message))
                }
            }
        }
        return problems
    }

    /// Prints the report; returns the exit status (1 on errors, or on warnings with `strict`).
    package static func print(_ report: Report, console: Console, strict: Bool) -> Int32 {
        let style = console.style
        for diagnostic in report.diagnostics where diagnostic.severity == .error {
            console.line(colored(diagnostic, style))
        }
        for diagnostic in report.diagnostics where diagnostic.severity != .error {
            console.line(colored(diagnostic, style))
        }
        let summary = "\(report.errorCount) error(s), \(report.warningCount) warning(s) in \(report.files) file(s)"
        if report.errorCount > 0 || (strict && report.warningCount > 0) {
            console.line(style.failure("✗ ") + summary)
            return 1
        }
        console.line(style.success("✓ ") + summary)
        return 0
    }

    static func colored(_ diagnostic: Diagnostic, _ style: Style) -> String {
        let text = diagnostic.description
        let marker = "\(diagnostic.severity.rawValue):"
        guard let range = text.range(of: marker) else { return text }
        let painted = diagnostic.severity == .error ? style.failure(marker) : style.warning(marker)
        return text.replacingCharacters(in: range, with: painted)
    }
}
