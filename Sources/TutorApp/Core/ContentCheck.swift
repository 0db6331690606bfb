import Curriculum
import Foundation
import TerminalUI
import TutorSupport

/// `lambda-tutor check`: validates lesson files (and, through hooks, question banks) and prints
/// `path:line:col: error: message` for each problem. Trainers run it in their own CI.
public struct ContentCheck {
    /// Extra validators for content other than lessons (question banks). Each gets the files
    /// or folders to check and the known lesson ids, and returns diagnostics plus a count of
    /// files it looked at.
    public typealias Validator = @Sendable (_ paths: [URL], _ lessonIDs: Set<String>) -> (diagnostics: [Diagnostic], files: Int)

    nonisolated(unsafe) public static var extraValidators: [Validator] = [questionBanks]

    public struct Report: Sendable {
        public var diagnostics: [Diagnostic]
        public var files: Int
        public var errorCount: Int { diagnostics.errors.count }
        public var warningCount: Int { diagnostics.warnings.count }
    }

    /// Checks `paths` (files or folders); with none, the bundled content and content folders.
    public static func run(paths: [String], sources: ContentSources, base: URL?, registry: CommandRegistry = .standard) -> Report {
        var diagnostics: [Diagnostic] = []
        var folders: [ContentFolder] = []
        var lessonFiles: [URL] = []
        var otherPaths: [URL] = []
        var exercisePaths: [URL] = []
        if paths.isEmpty {
            folders = sources.lessonFolders
            otherPaths = sources.quizFolders
            exercisePaths = sources.exerciseFolders
            if sources.sources.isEmpty {
                diagnostics.append(.error("Lessons", "no content to check: the bundled Lessons/ folder was not found"))
            }
        } else {
            for path in paths {
                let url = URL(fileURLWithPath: path).standardizedFileURL
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                    diagnostics.append(.error(path, "no such file or folder"))
                    continue
                }
                if isDirectory.boolValue, isExerciseFolder(url) {
                    exercisePaths.append(url)
                } else if isDirectory.boolValue {
                    let lessons = ContentSources.existingFolder(url.appendingPathComponent("Lessons")) ?? url
                    folders.append(ContentFolder(url: lessons, origin: .trainer(folder: path)))
                    otherPaths.append(ContentSources.existingFolder(url.appendingPathComponent("Quizzes")) ?? url)
                    exercisePaths.append(ContentSources.existingFolder(url.appendingPathComponent("Exercises")) ?? url)
                } else if isExerciseFile(url) {
                    exercisePaths.append(url)
                } else if url.pathExtension.lowercased() == "md" {
                    lessonFiles.append(url)
                } else {
                    otherPaths.append(url)
                }
            }
        }
        let parser = LessonParser(checkValidator: Session.checkValidator)
        var catalog = LessonCatalog.load(folders: folders, parser: parser, relativeTo: base)
        var fileCount = folders.reduce(0) { $0 + LessonCatalog.lessonFiles(in: $1.url).count }
        if !lessonFiles.isEmpty {
            // Single files are checked against the bundled catalog so prerequisites resolve.
            let reference = paths.isEmpty ? catalog : LessonCatalog.load(folders: sources.lessonFolders, parser: parser, relativeTo: base)
            var lessons = reference.lessons
            var fileDiagnostics: [Diagnostic] = []
            for file in lessonFiles {
                let display = LessonCatalog.display(file, base)
                let result = parser.parse(fileAt: file, displayPath: display)
                fileDiagnostics += result.diagnostics
                if let lesson = result.lesson {
                    lessons.removeAll { $0.id == lesson.id && $0.file == lesson.file }
                    lessons.append(lesson)
                }
            }
            let merged = LessonCatalog(lessons: lessons)
            let referenceProblems = LessonCatalog.validateReferences(merged.lessons).filter { diagnostic in
                lessonFiles.contains { LessonCatalog.display($0, base) == diagnostic.file }
            }
            catalog = LessonCatalog(lessons: catalog.lessons, diagnostics: catalog.diagnostics + fileDiagnostics + referenceProblems)
            fileCount += lessonFiles.count
        }
        diagnostics += catalog.diagnostics
        diagnostics += tryCommandProblems(catalog.lessons, registry: registry)
        let ids = Set(catalog.lessons.map(\.id)).union(LessonCatalog.load(folders: sources.lessonFolders, parser: parser).ids)
        for validator in extraValidators {
            let result = validator(otherPaths, ids)
            diagnostics += result.diagnostics
            fileCount += result.files
        }
        let exerciseResult = exercises(exercisePaths, lessonIDs: ids, base: base)
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
    public static func print(_ report: Report, console: Console, strict: Bool) -> Int32 {
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
