import Foundation
import TestSupport
import TutorSupport
@testable import TutorApp

/// A session over fixture lessons with captured output, for in-process command tests.
struct SessionFixture {
    let directory: TemporaryDirectory
    let session: Session
    let capture: OutputCapture

    static let lessonA = """
    ---
    id: alpha
    title: Alpha
    summary: The first fixture.
    minutes: 5
    ---
    Intro.

    ## One

    Step one text mentions reserved concurrency.

    ```try
    facts timeout.max
    calc concurrency --rps 100 --duration 500ms
    ```

    ## Two

    Step two.

    ## Three

    Step three.
    """

    static let lessonB = """
    ---
    id: beta
    title: Beta
    summary: The second fixture.
    prerequisites: [alpha]
    ---
    ## Only

    Beta text.
    """

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
