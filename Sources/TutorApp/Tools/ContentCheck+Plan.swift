import Curriculum
import Foundation
import TutorSupport

extension ContentCheck {
    /// What one `check` run looks at, sorted from the paths a trainer typed.
    ///
    /// The content the tutor would load (bundled, `--content`, `LAMBDA_TUTOR_CONTENT`) is always
    /// loaded with it, so a prerequisite naming a bundled lesson resolves and an id clash with
    /// bundled content is found; only problems in the checked files are reported.
    struct Plan {
        /// Lesson files to load, in the tutor's order: bundled first, then trainer folders, then
        /// the checked folders and files that are not among them.
        var lessonEntries: [LessonCatalog.Entry] = []
        /// Display paths of the lesson files being checked; nil when everything is.
        var checkedLessons: Set<String>?
        /// Banks (files or folders) to check, and the folders the tutor loads anyway.
        var bankPaths: [URL] = []
        var referenceBankFolders: [URL] = []
        var exercisePaths: [URL] = []
        var diagnostics: [Diagnostic] = []

        init(paths: [String], sources: ContentSources, base: URL?) {
            var loaded = LessonCatalog.entries(in: sources.lessonFolders, relativeTo: base, problems: &diagnostics)
            referenceBankFolders = sources.quizFolders
            guard !paths.isEmpty else {
                lessonEntries = loaded
                bankPaths = sources.quizFolders
                exercisePaths = sources.exerciseFolders
                if sources.sources.isEmpty {
                    diagnostics.append(.error("Lessons", "no content to check: the bundled Lessons/ folder was not found"))
                }
                return
            }
            var checked: [LessonCatalog.Entry] = []
            for path in paths {
                let url = URL(fileURLWithPath: path).standardizedFileURL
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                    diagnostics.append(.error(path, "no such file or folder"))
                    continue
                }
                let origin = ContentOrigin.trainer(folder: path)
                if isDirectory.boolValue, isExerciseFolder(url) {
                    exercisePaths.append(url)
                } else if isDirectory.boolValue {
                    let lessons = ContentSources.existingFolder(url.appendingPathComponent("Lessons")) ?? url
                    var ignored: [Diagnostic] = []
                    checked += LessonCatalog.entries(in: [ContentFolder(url: lessons, origin: origin)], relativeTo: base, problems: &ignored)
                    bankPaths.append(ContentSources.existingFolder(url.appendingPathComponent("Quizzes")) ?? url)
                    exercisePaths.append(ContentSources.existingFolder(url.appendingPathComponent("Exercises")) ?? url)
                } else {
                    switch Kind(url) {
                    case .exercise: exercisePaths.append(url)
                    case .lesson: checked.append(LessonCatalog.Entry(url: url, origin: origin))
                    case .bank: bankPaths.append(url)
                    case .unknown:
                        diagnostics.append(.error(LessonCatalog.display(url, base), "check does not know this kind of file: lessons are .md files, question banks .yaml, .yml, .gift or Aiken .txt files, and an exercise is a folder with exercise.yaml (this file was not checked)"))
                    }
                }
            }
            // A checked file the tutor loads anyway keeps its place; others come after, as a
            // new --content folder would.
            let loadedPaths = Set(loaded.map { Self.key($0.url) })
            loaded += checked.filter { !loadedPaths.contains(Self.key($0.url)) }
            lessonEntries = loaded
            checkedLessons = Set(checked.map { LessonCatalog.display($0.url, base) })
        }

        /// A file's identity for "is this the same file".
        static func key(_ url: URL) -> String { url.resolvingSymlinksInPath().standardizedFileURL.path }

        /// Whether a diagnostic concerns a checked file (every file when no paths were given).
        func isChecked(_ diagnostic: Diagnostic) -> Bool {
            guard let checkedLessons else { return true }
            return checkedLessons.contains(diagnostic.file)
        }
    }

    /// What a file named on the command line is, by its name.
    enum Kind {
        case lesson, bank, exercise, unknown

        init(_ url: URL) {
            if ContentCheck.isExerciseFile(url) {
                self = .exercise
                return
            }
            switch url.pathExtension.lowercased() {
            case "md", "markdown": self = .lesson
            case "yaml", "yml", "gift", "txt", "aiken": self = .bank
            default: self = .unknown
            }
        }
    }
}
