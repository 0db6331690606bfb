import Foundation
import Testing
import TestSupport
@testable import Curriculum
@testable import TutorApp

/// Takes every bundled lesson end to end the way a learner would — open each step that has
/// commands, `run` them all in order — through the real binary in script mode. A hands-on step
/// that breaks (a renamed command, a handler that no longer works, a sample event that changed)
/// fails here, not in front of a class.
@Suite("Lessons end to end", .serialized)
struct LessonWalkTests {
    static let ids = CurriculumCoverageTests.lessonIDs

    @Test("Every try command of the lesson works", arguments: ids)
    func walk(id: String) throws {
        let lesson = try #require(CurriculumCoverageTests.catalog.lesson(id))
        var lines: [String] = []
        for step in lesson.steps where !step.tries.isEmpty {
            lines.append("lesson \(id) --step \(step.number)")
            lines += step.tries.indices.map { "run \($0 + 1)" }
        }
        #expect(!lines.isEmpty)
        let home = try TemporaryDirectory()
        var env = TutorBinary.environment(home: home)
        env["LAMBDA_TUTOR_PAGER"] = "cat"
        let result = try TutorBinary.run(stdin: lines.joined(separator: "\n") + "\n", environment: env, timeout: 600)
        #expect(result.status == 0, "exit \(result.status)\n\(result.stderr.suffix(3000))")
        #expect(!result.stderr.contains("did not succeed"), "\(result.stderr.suffix(3000))")
        #expect(!result.stdout.contains("meant to fail here, but it succeeded"))
        #expect(ProcessTree.processes(mentioning: home.path).isEmpty, "no runtime process outlives the tutor")
    }
}
