import Exercises
import Foundation
import MiniLambda
import TestSupport
import Testing

/// Every bundled exercise loads without errors, its reference solution passes all its hidden
/// cases and its starter fails at least one (what `lambda-tutor exercises verify --solutions`
/// checks in CI).
@Suite(.serialized)
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

    @Test func solutionsPassAndStartersFail() async throws {
        let catalog = Self.catalog()
        let home = try TemporaryDirectory(prefix: "exercise-solutions")
        let invoker = Invoker(registry: nil)
        let verifier = ExerciseVerifier(invoker: invoker, stagingRoot: home.url.appendingPathComponent("runs"))
        for exercise in catalog.exercises {
            let solution = try await verifier.verify(exercise, code: exercise.solutionFolder)
            #expect(solution.passed, "\(exercise.id): the solution fails: \(Self.describe(solution))")
            let starter = try await verifier.verify(exercise, code: exercise.starterFolder)
            #expect(!starter.passed, "\(exercise.id): the starter passes every case")
        }
        await invoker.shutdownAll()
        let left = (try? FileManager.default.contentsOfDirectory(atPath: home.url.appendingPathComponent("runs").path)) ?? []
        #expect(left.isEmpty, "staging folders left behind: \(left)")
    }

    static func describe(_ report: VerificationReport) -> String {
        report.cases.filter { !$0.passed }.map { result in
            "\(result.name): " + result.failures.map(\.problem).joined(separator: "; ") + " " + (result.steps.last.map { "\($0.output)" } ?? "")
        }.joined(separator: " | ")
    }
}
