import Exercises
import Foundation
import MiniLambda
import TestSupport
import Testing
import TutorSupport

/// Every bundled exercise loads without errors or warnings, and the set covers the course.
/// (That each solution passes and each starter fails is checked by running
/// `lambda-tutor exercises verify --solutions`, as CI does: see ExerciseCommandTests.)
struct BundledExerciseTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let lessonIDs: Set<String> = {
        let folder = root.appendingPathComponent("Lessons")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return Set(files.filter { $0.hasSuffix(".md") && $0 != "README.md" }.compactMap { file in
            let text = (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)) ?? ""
            return text.split(separator: "\n").first { $0.hasPrefix("id: ") }.map { String($0.dropFirst(4)) }
        })
    }()

    static func catalog() -> ExerciseCatalog {
        ExerciseCatalog.load(folders: [root.appendingPathComponent("Exercises")], relativeTo: root, knownLessons: lessonIDs)
    }

    @Test func theBundledExercisesLoadCleanly() {
        let catalog = Self.catalog()
        #expect(catalog.diagnostics.isEmpty, "\(catalog.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(catalog.skipped.isEmpty)
    }

    @Test func theExercisesCoverTheCourseInBothLanguages() {
        let catalog = Self.catalog()
        #expect(catalog.exercises.count >= 24)
        #expect(Set(catalog.exercises.map(\.lesson)).count >= 17, "exercises across the lessons")
        #expect(catalog.exercises.filter { $0.runtime.family == .python }.count >= 12)
        #expect(catalog.exercises.filter { $0.runtime.family == .node }.count >= 12)
        #expect(catalog.exercises.allSatisfy { $0.hints.count >= 2 }, "graded hints: at least two each")
        #expect(catalog.exercises.allSatisfy { $0.cases.allSatisfy { $0.why != nil } }, "every case explains itself")
    }
}
