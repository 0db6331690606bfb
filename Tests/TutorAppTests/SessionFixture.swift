import Foundation
import TestSupport
import TutorSupport
@testable import TutorApp

/// A session over fixture lessons with captured output, for in-process command tests.
struct SessionFixture {
    let directory: TemporaryDirectory
    let session: Session
    let capture: OutputCapture

    /// Two small lessons (`alpha` with three steps and a try block, `beta` after it), shared
    /// with EndToEndTests through TestSupport.
    static let lessonA = ScriptedContent.lessonAlpha
    static let lessonB = ScriptedContent.lessonBeta

    init(lessons: [String: String] = ["01-alpha.md": lessonA, "02-beta.md": lessonB], quizzes: [String: String] = [:],
         interactive: Bool = false) throws {
        directory = try TemporaryDirectory()
        for (name, text) in lessons { try directory.write("content/Lessons/\(name)", text) }
        for (name, text) in quizzes { try directory.write("content/Quizzes/\(name)", text) }
        try directory.write("content/Package.swift", "// marker")
        let (console, capture) = Console.capturing(columns: 80)
        let environment = ["LAMBDA_TUTOR_BUNDLE": directory.url.appendingPathComponent("content").path]
        let configuration = Session.Configuration(dataHome: DataHome(root: directory.url.appendingPathComponent("data")),
                                                  environment: environment, interactive: interactive)
        session = Session(configuration: configuration, console: console)
        self.capture = capture
    }

    /// Runs lines in order; returns whether each succeeded.
    @discardableResult
    func run(_ lines: String...) async -> [Bool] {
        var results: [Bool] = []
        for line in lines { results.append(await session.execute(line)) }
        return results
    }
}
