import Exercises
import Foundation
import TestSupport

/// Exercise folders written on the spot, for parser and workspace tests.
enum Fixtures {
    static let goodYAML = """
    id: greet
    title: Greet
    lesson: handlers
    runtime: python3.12
    handler: app.lambda_handler
    task: Return a greeting.
    hints:
      - Look at the event.
      - Use event.get.
    cases:
      - name: a name
        why: The return value is the response.
        event: {name: Ada}
        expect:
          status: ok
          response: {message: "Hello, Ada!"}
    """

    static let solution = "def lambda_handler(event, context):\n    return {\"message\": \"Hello, \" + event.get(\"name\", \"world\") + \"!\"}\n"
    static let starter = "def lambda_handler(event, context):\n    return 'Hello'\n"

    /// `folder/<id>/` with exercise.yaml, starter/app.py and solution/app.py.
    @discardableResult
    static func write(_ directory: TemporaryDirectory, id: String = "greet", yaml: String = goodYAML,
                      starter: String = starter, solution: String = solution, support: [String: String] = [:]) throws -> URL {
        try directory.write("\(id)/exercise.yaml", yaml)
        try directory.write("\(id)/starter/app.py", starter)
        try directory.write("\(id)/solution/app.py", solution)
        for (name, text) in support { try directory.write("\(id)/support/\(name)", text) }
        return directory.url.appendingPathComponent(id)
    }

    static func parse(_ yaml: String, in directory: TemporaryDirectory) throws -> ExerciseParser.Result {
        let folder = try write(directory, yaml: yaml)
        return ExerciseParser.parse(folder: folder, file: "greet/exercise.yaml")
    }
}
