import Foundation
import TutorSupport
import Testing
import TestSupport
@testable import Curriculum
import Quiz
@testable import TutorApp

/// Takes every bundled lesson end to end the way a learner would — open each step that has
/// commands, `run` them all in order — through the real binary in script mode. A hands-on step
/// that breaks (a renamed command, a handler that no longer works, a sample event that changed)
/// fails here, not in front of a class.
@Suite("Lessons end to end", .serialized)
struct LessonWalkTests {
    /// The bundled lessons, read as the tutor reads them (TutorAppTests' CurriculumCoverageTests
    /// checks that these are the 19 in order).
    static let catalog = LessonCatalog.load(folders: [ContentFolder(url: SourceTree.root.appendingPathComponent("Lessons"), origin: .bundled)],
                                            parser: LessonParser(checkValidator: Session.checkValidator), relativeTo: SourceTree.root)
    static let ids = catalog.ids

    @Test("Every try command of the lesson works", arguments: ids)
    func walk(id: String) throws {
        let lesson = try #require(Self.catalog.lesson(id))
        var lines: [String] = []
        var predictions = 0
        for step in lesson.steps where !step.tries.isEmpty {
            lines.append("lesson \(id) --step \(step.number)")
            for number in 1...step.tries.count {
                lines.append("run \(number)")
                // A "predict, then run" command asks first: answer with the first choice (or a
                // number), right or wrong; what counts is that it is compared and recorded.
                if let prediction = step.prediction(forTry: number) {
                    lines.append(prediction.choices.first ?? "100")
                    predictions += 1
                }
            }
        }
        #expect(!lines.isEmpty)
        let home = try TemporaryDirectory()
        var env = TutorBinary.environment(home: home)
        env["LAMBDA_TUTOR_PAGER"] = "cat"
        let result = try TutorBinary.run(stdin: lines.joined(separator: "\n") + "\n", environment: env, timeout: 600)
        #expect(result.status == 0, "exit \(result.status)\n\(result.stderr.suffix(3000))")
        // Each failed try command is an error line of its own; the wording comes from the tutor.
        let mostTries = lesson.steps.map(\.tries.count).max() ?? 0
        for number in 1...max(mostTries, 1) {
            #expect(!result.stderr.contains(LessonWording.tryFailed(number)), "\(result.stderr.suffix(3000))")
        }
        #expect(!result.stdout.contains(LessonWording.unexpectedSuccess), "\(result.stdout.suffix(3000))")
        #expect(ProcessTree.processes(mentioning: home.path).isEmpty, "no runtime process outlives the tutor")
        // Every prediction was asked, compared with what the invocation did, and recorded: the
        // attempt log, read as the tutor reads it, holds one lesson record with an observed value each.
        #expect(result.stdout.components(separatedBy: LessonWording.predictFirst).count - 1 == predictions, "\(result.stdout.suffix(3000))")
        let records = try AttemptLog(home: DataHome(root: home.url.appendingPathComponent("data"))).read().records
        let observed = records.filter { $0.mode == .lesson && $0.lesson == id && $0.observed != nil }
        #expect(observed.count == predictions, "\(records.count) records")
        #expect(Set(observed.map(\.question)).count == predictions, "each prediction recorded once")
    }
}
