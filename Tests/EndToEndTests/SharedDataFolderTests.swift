import Curriculum
import Foundation
import Testing
import TestSupport
import TutorSupport

/// Two real tutors on one data folder: the one that saves second keeps the first one's work,
/// and says so in one line.
@Suite("Two tutors on one data folder", .serialized)
struct SharedDataFolderTests {
    @Test("Progress saved by another tutor meanwhile is merged in, not overwritten")
    func twoTutors() throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("content/Lessons/01-alpha.md", ScriptedContent.lessonAlpha)
        _ = try dir.write("content/Lessons/02-beta.md", ScriptedContent.lessonBeta)
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("content/Quizzes"), withIntermediateDirectories: true)
        var env = TutorBinary.environment(home: dir)
        env["LAMBDA_TUTOR_BUNDLE"] = dir.url.appendingPathComponent("content").path

        // The first tutor starts and opens a lesson…
        let first = try TutorBinary.start([], environment: env)
        defer { first.kill() }
        first.send("lesson alpha\n")
        #expect(first.waitForOutput(containing: "Step one text"), "\(first.output)\(first.errors)")
        // …while a second one, on the same folder, works on another lesson and quits.
        let second = try TutorBinary.run(stdin: "lesson beta\n", environment: env)
        #expect(second.status == 0, "\(second.stderr)")
        // The first goes on, and saves.
        first.send("next\n")
        first.closeInput()
        #expect(first.waitForExit() == 0, "\(first.errors)")
        #expect(first.output.contains("Another lambda-tutor saved lesson progress in this data folder; its changes and yours are both kept."),
                "\(first.output)")

        let progress = ProgressStore(home: DataHome(root: dir.url.appendingPathComponent("data"))).load().progress
        #expect(progress.lessons["alpha"]?.visited == [1, 2], "the first tutor's steps")
        #expect(progress.lessons["beta"]?.visited == [1], "the second tutor's lesson survived the first one's save")
    }
}
