import Exercises
import Foundation
import TutorSupport

extension ContentCheck {
    /// `lambda-tutor check` for exercises: every exercise folder under `paths` (a folder of
    /// exercises, one exercise folder, or its `exercise.yaml`), with lesson ids checked.
    /// Whether the solutions pass is `exercises verify --solutions`'s job (it runs code).
    static func exercises(_ paths: [URL], lessonIDs: Set<String>, base: URL?) -> (diagnostics: [Diagnostic], files: Int) {
        let folders = paths.map { $0.lastPathComponent == ExerciseParser.fileName ? $0.deletingLastPathComponent() : $0 }
        let catalog = ExerciseCatalog.load(folders: folders, relativeTo: base, knownLessons: lessonIDs.isEmpty ? nil : lessonIDs)
        let files = folders.reduce(0) { $0 + ExerciseCatalog.exerciseFolders(in: $1).count }
        return (catalog.diagnostics, files)
    }

    /// An exercise's metadata file, which the question-bank checker must not read as a bank.
    static func isExerciseFile(_ url: URL) -> Bool {
        url.lastPathComponent == ExerciseParser.fileName
    }

    /// One exercise's folder (it holds `exercise.yaml`), checked as an exercise only.
    static func isExerciseFolder(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(ExerciseParser.fileName).path)
    }
}
