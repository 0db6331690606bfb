import Exercises
import Foundation
import TestSupport
import Testing
import TutorSupport
import MiniLambda

/// Malformed exercise files get `path:line:col: error:` on the line of the mistake; the rest
/// of the catalog still loads.
struct ParserTests {
    func diagnostics(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let directory = try TemporaryDirectory(prefix: "exercise-parse")
        return try Fixtures.parse(yaml, in: directory).diagnostics.map(\.description)
    }

    @Test func aGoodFileParses() throws {
        let directory = try TemporaryDirectory(prefix: "exercise-parse")
        let result = try Fixtures.parse(Fixtures.goodYAML, in: directory)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let exercise = try #require(result.exercise)
        #expect(exercise.id == "greet")
        #expect(exercise.runtime.identifier == "python3.12")
        #expect(exercise.hints.count == 2)
        #expect(exercise.cases.count == 1)
        #expect(exercise.cases[0].invokes[0].checks == [.status(.ok), .response(.object(["message": .string("Hello, Ada!")]))])
    }

    @Test func unknownKeysAreWarningsWithASuggestion() throws {
        let lines = try diagnostics(Fixtures.goodYAML.replacingOccurrences(of: "task: Return", with: "taks: x\ntask: Return"))
        #expect(lines == ["greet/exercise.yaml:6:1: warning: unknown key 'taks' in an exercise is ignored; did you mean 'task'?"])
    }

    @Test func aMissingRequiredKeyIsAnError() throws {
        let lines = try diagnostics(Fixtures.goodYAML.replacingOccurrences(of: "lesson: handlers\n", with: ""))
        #expect(lines.contains("greet/exercise.yaml:1:1: error: the exercise has no `lesson:`"))
    }

    @Test func aBadIDIsReportedOnItsLine() throws {
        let lines = try diagnostics(Fixtures.goodYAML.replacingOccurrences(of: "id: greet", with: "id: Greet_Me"))
        #expect(lines.first?.hasPrefix("greet/exercise.yaml:1:5: error: id 'Greet_Me' must be lowercase") == true, "\(lines)")
    }

    @Test func anUnknownSampleEventGetsADidYouMean() throws {
        let lines = try diagnostics(Fixtures.goodYAML.replacingOccurrences(of: "event: {name: Ada}", with: "event: s3put"))
        #expect(lines == ["greet/exercise.yaml:13:12: error: no sample event named 's3put'; did you mean 's3-put'? — or write the event as a mapping"], "\(lines)")
    }

    @Test func aBadStatusWordIsAnError() throws {
        let lines = try diagnostics(Fixtures.goodYAML.replacingOccurrences(of: "status: ok", with: "status: okay"))
        #expect(lines.count == 1)
        #expect(lines[0].hasPrefix("greet/exercise.yaml:15:15: error: status is one of ok, error, timeout, crash, not 'okay'"), "\(lines)")
    }

    @Test func aSetWithoutAnEqualsSignIsAnError() throws {
        let yaml = Fixtures.goodYAML.replacingOccurrences(of: "event: {name: Ada}", with: "event: sqs\n    set: [Records]")
        let lines = try diagnostics(yaml)
        #expect(lines.contains { $0.hasPrefix("greet/exercise.yaml:14:10: error: 'Records' is not path=value") }, "\(lines)")
    }

    @Test func aYAMLSyntaxErrorHasItsPosition() throws {
        let lines = try diagnostics(Fixtures.goodYAML.replacingOccurrences(of: "title: Greet", with: "title: [Greet"))
        #expect(lines == ["greet/exercise.yaml:2:8: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)"])
    }

    @Test func aCaseWithoutWhyIsAWarningAndStillLoads() throws {
        let directory = try TemporaryDirectory(prefix: "exercise-parse")
        let result = try Fixtures.parse(Fixtures.goodYAML.replacingOccurrences(of: "    why: The return value is the response.\n", with: ""), in: directory)
        #expect(result.exercise != nil)
        #expect(result.diagnostics.map(\.description) == ["greet/exercise.yaml:11:11: warning: case 'a name' has no `why:`; learners see it when the case fails, to explain it in AWS terms"])
    }

    @Test func warmChecksNeedSeveralInvokes() throws {
        let yaml = Fixtures.goodYAML + "\n    across:\n      warm-faster-than-init: true\n"
        let lines = try diagnostics(yaml)
        #expect(lines.contains { $0.contains("error: warm-faster-than-init needs at least two invokes") }, "\(lines)")
    }

    @Test func theStarterMustHoldTheHandlerFile() throws {
        let directory = try TemporaryDirectory(prefix: "exercise-parse")
        let folder = try Fixtures.write(directory)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("starter/app.py"))
        try directory.write("greet/starter/main.py", "x = 1\n")
        let result = ExerciseParser.parse(folder: folder, file: "greet/exercise.yaml")
        #expect(result.exercise == nil)
        #expect(result.diagnostics.map(\.description) == ["greet/exercise.yaml:5:1: error: starter/ has no app.py, the file the handler app.lambda_handler points at"])
    }

    @Test func symbolicLinksInAnExerciseAreRefused() throws {
        let directory = try TemporaryDirectory(prefix: "exercise-parse")
        let folder = try Fixtures.write(directory)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("solution/secret.py").path, withDestinationPath: "/etc/passwd")
        let result = ExerciseParser.parse(folder: folder, file: "greet/exercise.yaml")
        #expect(result.exercise == nil)
        #expect(result.diagnostics.contains { $0.message.contains("solution/: secret.py is a symbolic link") }, "\(result.diagnostics)")
    }

    @Test func aBrokenExerciseIsSkippedAndTheOthersLoad() throws {
        let directory = try TemporaryDirectory(prefix: "exercise-catalog")
        try Fixtures.write(directory, id: "greet")
        try Fixtures.write(directory, id: "broken", yaml: Fixtures.goodYAML.replacingOccurrences(of: "id: greet", with: "id: broken")
            .replacingOccurrences(of: "runtime: python3.12", with: "runtime: python2.7"))
        try Fixtures.write(directory, id: "lost", yaml: Fixtures.goodYAML.replacingOccurrences(of: "id: greet", with: "id: lost")
            .replacingOccurrences(of: "lesson: handlers", with: "lesson: handler"))
        let catalog = ExerciseCatalog.load(folders: [directory.url], relativeTo: directory.url, knownLessons: ["handlers", "limits"])
        #expect(catalog.ids == ["greet"])
        #expect(catalog.skipped.map(\.file) == ["broken/exercise.yaml", "lost/exercise.yaml"])
        let lines = catalog.diagnostics.map(\.description)
        #expect(lines.contains { $0.hasPrefix("broken/exercise.yaml:4:10: error: runtime: Value 'python2.7'") }, "\(lines)")
        #expect(lines.contains("lost/exercise.yaml:3:1: error: no lesson has the id 'handler'; did you mean 'handlers'?"), "\(lines)")
    }

    @Test func anIDUsedTwiceIsAnError() throws {
        let first = try TemporaryDirectory(prefix: "exercise-catalog")
        let second = try TemporaryDirectory(prefix: "exercise-catalog")
        try Fixtures.write(first)
        try Fixtures.write(second)
        let catalog = ExerciseCatalog.load(folders: [first.url, second.url])
        #expect(catalog.ids == ["greet"])
        #expect(catalog.diagnostics.contains { $0.message.hasPrefix("the id 'greet' is already used by") })
    }

    @Test func eventsWrittenInYAMLBecomeJSON() throws {
        let yaml = Fixtures.goodYAML.replacingOccurrences(of: "event: {name: Ada}",
                                                          with: "event: {id: '007', count: 7, ratio: 0.5, on: true, none: null, text: \"1\", list: [a, 2]}")
        let directory = try TemporaryDirectory(prefix: "exercise-parse")
        let exercise = try #require(try Fixtures.parse(yaml, in: directory).exercise)
        guard case .inline(let event) = exercise.cases[0].invokes[0].event else {
            Issue.record("expected an inline event")
            return
        }
        #expect(event == .object(["id": .string("007"), "count": .number(7), "ratio": .number(0.5), "on": .bool(true), "none": .null,
                                  "text": .string("1"), "list": .array([.string("a"), .number(2)])]))
    }
}
