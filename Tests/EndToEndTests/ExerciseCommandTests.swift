import Foundation
import TutorSupport
import LearnerStore
import Testing
import TestSupport

/// The exercise commands as a learner's script and CI run them: the real binary, piped stdin
/// and CLI subcommands, learner data in a throwaway home.
@Suite("Exercises in script mode", .serialized)
struct ExerciseCommandTests {
    func environment(_ home: TemporaryDirectory) -> [String: String] {
        TutorBinary.environment(home: home)
    }

    func list(_ home: TemporaryDirectory, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: String]] {
        let result = try TutorBinary.run(["exercises", "--json"], environment: environment(home))
        #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
        let data = Data(result.stdout.utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: String]], sourceLocation: sourceLocation)
    }

    func code(_ home: TemporaryDirectory, _ function: String, _ file: String) throws -> String {
        try String(contentsOf: home.url.appendingPathComponent("data/functions/\(function)/code/\(file)"), encoding: .utf8)
    }

    func writeCode(_ home: TemporaryDirectory, _ function: String, _ file: String, _ text: String) throws {
        try text.write(to: home.url.appendingPathComponent("data/functions/\(function)/code/\(file)"), atomically: true, encoding: .utf8)
    }

    @Test("exercises --json lists every exercise with exactly id, lesson, runtime and status")
    func jsonList() throws {
        let home = try TemporaryDirectory()
        let items = try list(home)
        #expect(items.count >= 24)
        #expect(items.allSatisfy { Set($0.keys) == ["id", "lesson", "runtime", "status"] })
        #expect(items.allSatisfy { $0["status"] == "not started" })
        #expect(Set(items.compactMap { $0["runtime"] }).contains { $0.hasPrefix("python") })
        #expect(Set(items.compactMap { $0["runtime"] }).contains { $0.hasPrefix("nodejs") })
        #expect(Set(items.compactMap { $0["lesson"] }).count >= 15, "exercises spread across the lessons")
    }

    @Test("Start, fail, fix, pass: the status goes from not started to in progress to done, and stays done")
    func startFailFixPass() throws {
        let home = try TemporaryDirectory()
        let start = try TutorBinary.run(stdin: "exercise hello-event\n", environment: environment(home))
        #expect(start.status == 0, "\(start.stderr)")
        #expect(start.stdout.contains("Created hello-event with the starter code"))
        #expect(start.stdout.contains("Greet whoever the event names"))
        #expect(try list(home).first { $0["id"] == "hello-event" }?["status"] == "in progress")

        let failing = try TutorBinary.run(stdin: "verify\n", environment: environment(home))
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("✗ the console's test event has no name"))
        #expect(failing.stdout.contains("KeyError"))
        #expect(failing.stdout.contains("try it: invoke hello-event --event hello"))
        #expect(failing.stderr.contains("2 of 2 cases fail"))

        let solution = try String(contentsOf: SourceTree.root.appendingPathComponent("Exercises/hello-event/solution/app.py"), encoding: .utf8)
        try writeCode(home, "hello-event", "app.py", solution)
        let passing = try TutorBinary.run(stdin: "verify\n", environment: environment(home))
        #expect(passing.status == 0, "\(passing.stdout)\(passing.stderr)")
        #expect(passing.stdout.contains("✓ All 2 cases pass. Exercise hello-event is done."))
        #expect(passing.stdout.contains("Next: exercise hello-event-node"))
        #expect(try list(home).first { $0["id"] == "hello-event" }?["status"] == "done")

        // Starting it again shows the task and keeps the learner's code.
        let again = try TutorBinary.run(stdin: "exercise hello-event\n", environment: environment(home))
        #expect(again.stdout.contains("Continuing: your code in hello-event is as you left it"))
        #expect(try code(home, "hello-event", "app.py") == solution)

        // Breaking it later does not undo done.
        try writeCode(home, "hello-event", "app.py", "def lambda_handler(e, c):\n    raise ValueError('x')\n")
        _ = try TutorBinary.run(stdin: "verify hello-event\n", environment: environment(home))
        #expect(try list(home).first { $0["id"] == "hello-event" }?["status"] == "done")
        let saved = try #require(try LearnerDatabase(home: DataHome(root: home.url.appendingPathComponent("data"))).document(.exercises))
        #expect(String(decoding: saved.content, as: UTF8.self).contains("\"attempts\":3"))
    }

    @Test("--reset asks first; no keeps the code, yes puts the starter back")
    func reset() throws {
        let home = try TemporaryDirectory()
        _ = try TutorBinary.run(stdin: "exercise fix-totals\n", environment: environment(home))
        try writeCode(home, "fix-totals", "app.py", "# my work\n")
        let kept = try TutorBinary.run(stdin: "exercise fix-totals --reset\nn\n", environment: environment(home))
        #expect(kept.stdout.contains("Kept your code."))
        #expect(try code(home, "fix-totals", "app.py") == "# my work\n")
        let replaced = try TutorBinary.run(stdin: "exercise fix-totals --reset\ny\n", environment: environment(home))
        #expect(replaced.stdout.contains("Put the starter back into fix-totals"))
        #expect(try code(home, "fix-totals", "app.py").contains("sum(event[\"amounts\"])"))
    }

    @Test("A function of the learner's with the exercise's name is not overwritten without a yes")
    func someoneElsesFunction() throws {
        let home = try TemporaryDirectory()
        let made = try TutorBinary.run(stdin: "fn new fix-totals\n", environment: environment(home))
        #expect(made.status == 0, "\(made.stderr)")
        let before = try code(home, "fix-totals", "lambda_function.py")
        let refused = try TutorBinary.run(stdin: "exercise fix-totals\nn\n", environment: environment(home))
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("kept your function fix-totals"))
        #expect(refused.stderr.contains("exercise fix-totals --as fix-totals-2"))
        #expect(try code(home, "fix-totals", "lambda_function.py") == before)

        let elsewhere = try TutorBinary.run(stdin: "exercise fix-totals --as my-totals\nverify\n", environment: environment(home))
        #expect(elsewhere.stdout.contains("Created my-totals"))
        #expect(elsewhere.stdout.contains("against your function my-totals"))
        #expect(try code(home, "fix-totals", "lambda_function.py") == before)
    }

    @Test("hint gives one more hint each time, remembered across sessions; the solution opens after the last")
    func hints() throws {
        let home = try TemporaryDirectory()
        let locked = try TutorBinary.run(stdin: "exercise sqs-partial-batch --solution\n", environment: environment(home))
        #expect(locked.status == 1)
        #expect(locked.stderr.contains("the reference solution opens once you pass, or after every hint"))
        let first = try TutorBinary.run(stdin: "exercise sqs-partial-batch\nhint\n", environment: environment(home))
        #expect(first.stdout.contains("Hint 1 of 3"))
        let next = try TutorBinary.run(stdin: "hint\nhint\nhint --all\n", environment: environment(home))
        #expect(next.stdout.contains("Hint 2 of 3"))
        #expect(next.stdout.contains("Hint 3 of 3"))
        #expect(next.stdout.contains("That is the last hint"))
        let solution = try TutorBinary.run(stdin: "exercise sqs-partial-batch --solution\n", environment: environment(home))
        #expect(solution.status == 0)
        #expect(solution.stdout.contains("batchItemFailures"))
    }

    @Test("Unknown ids get a did-you-mean; verify without a started exercise says how to start")
    func badInput() throws {
        let home = try TemporaryDirectory()
        let unknown = try TutorBinary.run(stdin: "exercise sqs-partial-btach\n", environment: environment(home))
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no exercise is called 'sqs-partial-btach'"))
        #expect(unknown.stderr.contains("did you mean 'sqs-partial-batch'?"))
        let none = try TutorBinary.run(stdin: "verify\n", environment: environment(home))
        #expect(none.stderr.contains("no exercise is open"))
        let notStarted = try TutorBinary.run(stdin: "verify fix-totals\n", environment: environment(home))
        #expect(notStarted.stderr.contains("you have not started fix-totals yet"))
    }

    @Test("check lints exercise files with path:line:col and exits 1 on errors")
    func checkLintsExercises() throws {
        let home = try TemporaryDirectory()
        try home.write("course/Exercises/bad-one/exercise.yaml", """
        id: bad-one
        title: Bad
        lesson: handlers
        runtime: python3.12
        task: x
        hints: [a]
        cases:
          - name: c
            why: w
            event: sqs-batches
            expect: {status: fine}
        """)
        try home.write("course/Exercises/bad-one/starter/lambda_function.py", "def lambda_handler(e, c): pass\n")
        try home.write("course/Exercises/bad-one/solution/lambda_function.py", "def lambda_handler(e, c): pass\n")
        let result = try TutorBinary.run(["check", home.url.appendingPathComponent("course").path], environment: environment(home))
        #expect(result.status == 1)
        #expect(result.stdout.contains("bad-one/exercise.yaml:10:12: error: no sample event named 'sqs-batches'"), "\(result.stdout)")
        #expect(result.stdout.contains("bad-one/exercise.yaml:11:22: error: status is one of ok, error, timeout, crash, not 'fine'"), "\(result.stdout)")

        let bundled = try TutorBinary.run(["check", SourceTree.root.appendingPathComponent("Exercises").path], environment: environment(home))
        #expect(bundled.status == 0, "\(bundled.stdout)")
        #expect(bundled.stdout.contains("0 error(s), 0 warning(s)"))
        // One exercise, as a folder or as its file, is checked as an exercise (not as a bank).
        for path in ["Exercises/hello-event", "Exercises/hello-event/exercise.yaml"] {
            let one = try TutorBinary.run(["check", SourceTree.root.appendingPathComponent(path).path], environment: environment(home))
            #expect(one.stdout.contains("✓ 0 error(s), 0 warning(s) in 1 file(s)"), "\(path): \(one.stdout)")
        }
    }

    /// What CI runs: every bundled solution passes and every starter fails.
    @Test("lambda-tutor exercises verify --solutions passes on the bundled exercises and fails on a broken one")
    func solutionsVerify() throws {
        let home = try TemporaryDirectory()
        let result = try TutorBinary.run(["exercises", "verify", "--solutions"], environment: environment(home), timeout: 600)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("every solution passes and every starter fails"))
        #expect(!result.stdout.contains("✗"))

        // A trainer's exercise whose solution does not pass makes the command fail.
        try home.write("course/Exercises/wrong-answer/exercise.yaml", """
        id: wrong-answer
        title: Wrong
        lesson: handlers
        runtime: python3.12
        task: x
        hints: [a]
        cases:
          - name: answers 2
            why: w
            event: {}
            expect: {response: 2}
        """)
        try home.write("course/Exercises/wrong-answer/starter/lambda_function.py", "def lambda_handler(e, c):\n    return 1\n")
        try home.write("course/Exercises/wrong-answer/solution/lambda_function.py", "def lambda_handler(e, c):\n    return 3\n")
        let broken = try TutorBinary.run(["exercises", "verify", "wrong-answer", "--solutions", "--content", home.url.appendingPathComponent("course").path],
                                         environment: environment(home))
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("✗ wrong-answer"))
        #expect(broken.stdout.contains("solution fails"))
        #expect(broken.stdout.contains("the response is 3, expected 2"), "\(broken.stdout)")
    }
}
