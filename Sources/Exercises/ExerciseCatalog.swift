import Foundation
import TutorSupport

/// All exercises from the content folders, in folder order then by id, with what could not be
/// loaded. A folder is either one exercise (it holds `exercise.yaml`) or a collection of them
/// (its subfolders do); later folders may not reuse an id.
package struct ExerciseCatalog: Sendable {
    package private(set) var exercises: [Exercise]
    package private(set) var diagnostics: [Diagnostic]
    /// Exercise files that had errors, with the first error (shown at start and in `exercises`).
    package private(set) var skipped: [(file: String, reason: String)]

    package init(exercises: [Exercise] = [], diagnostics: [Diagnostic] = [], skipped: [(file: String, reason: String)] = []) {
        self.exercises = exercises
        self.diagnostics = diagnostics
        self.skipped = skipped
    }

    package func exercise(_ id: String) -> Exercise? { exercises.first { $0.id == id } }

    package var ids: [String] { exercises.map(\.id) }

    /// Loads every exercise under `folders`; `base` makes the paths in diagnostics relative.
    package static func load(folders: [URL], relativeTo base: URL? = nil, knownLessons: Set<String>? = nil) -> ExerciseCatalog {
        var catalog = ExerciseCatalog()
        var seen: [String: String] = [:]
        for folder in folders {
            for exerciseFolder in exerciseFolders(in: folder) {
                let file = display(exerciseFolder.appendingPathComponent(ExerciseParser.fileName), base)
                let result = ExerciseParser.parse(folder: exerciseFolder, file: file)
                var diagnostics = result.diagnostics
                if var exercise = result.exercise {
                    if exerciseFolder.lastPathComponent != exercise.id {
                        diagnostics.append(.warning(file, line: exercise.lines["id"] ?? 1, column: 1,
                                                    "the folder is called '\(exerciseFolder.lastPathComponent)' but the id is '\(exercise.id)'; name the folder after the id"))
                    }
                    if let knownLessons, !knownLessons.contains(exercise.lesson) {
                        let hint = Suggestions.didYouMean(exercise.lesson, in: Array(knownLessons)).map { "; \($0)" } ?? ""
                        diagnostics.append(.error(file, line: exercise.lines["lesson"] ?? 1, column: 1, "no lesson has the id '\(exercise.lesson)'\(hint)"))
                    }
                    if let earlier = seen[exercise.id] {
                        diagnostics.append(.error(file, line: exercise.lines["id"] ?? 1, column: 1, "the id '\(exercise.id)' is already used by \(earlier)"))
                    }
                    if diagnostics.hasErrors {
                        catalog.skipped.append((file, diagnostics.errors[0].message))
                    } else {
                        seen[exercise.id] = file
                        exercise.file = file
                        catalog.exercises.append(exercise)
                    }
                } else {
                    catalog.skipped.append((file, diagnostics.errors.first?.message ?? "it could not be read"))
                }
                catalog.diagnostics += diagnostics
            }
        }
        return catalog
    }

    /// `folder` itself when it holds `exercise.yaml`, else its subfolders that do, sorted.
    package static func exerciseFolders(in folder: URL) -> [URL] {
        let fm = FileManager.default
        if fm.fileExists(atPath: folder.appendingPathComponent(ExerciseParser.fileName).path) { return [folder] }
        let names = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        return names.map { folder.appendingPathComponent($0, isDirectory: true) }
            .filter { fm.fileExists(atPath: $0.appendingPathComponent(ExerciseParser.fileName).path) }
    }

    static func display(_ url: URL, _ base: URL?) -> String {
        let path = url.standardizedFileURL.path
        guard let base else { return path }
        let prefix = base.standardizedFileURL.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
