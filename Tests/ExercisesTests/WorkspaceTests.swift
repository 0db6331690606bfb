import Exercises
import Foundation
import LambdaService
import MiniLambda
import TestSupport
import LearnerStore
import Testing
import TutorSupport

/// The starter goes into the learner's functions; nothing of theirs is overwritten unasked;
/// progress is written atomically and a damaged file is set aside.
struct WorkspaceTests {
    func exercise(_ directory: TemporaryDirectory, sourceLocation: SourceLocation = #_sourceLocation) throws -> Exercise {
        let yaml = Fixtures.goodYAML.replacingOccurrences(of: "handler: app.lambda_handler", with: "handler: app.lambda_handler\ntimeout: 7\nmemory: 256\nenvironment: {STAGE: test}")
        let folder = try Fixtures.write(directory, yaml: yaml, support: ["helper.py": "VALUE = 1\n"])
        return try #require(ExerciseParser.parse(folder: folder, file: "greet/exercise.yaml").exercise, sourceLocation: sourceLocation)
    }

    @Test func theStarterBecomesAFunctionWithTheExercisesSettings() throws {
        let directory = try TemporaryDirectory(prefix: "exercise-workspace")
        let exercise = try exercise(directory)
        let registry = FunctionRegistry(root: directory.url.appendingPathComponent("functions"))
        let workspace = ExerciseWorkspace(registry: registry)
        #expect(workspace.slot("greet", for: exercise, progress: ExerciseProgress()) == .free)
        let configuration = try workspace.place(exercise, as: "greet", replacing: false)
        #expect(configuration.timeout == 7 && configuration.memorySize == 256 && configuration.environment == ["STAGE": "test"])
        #expect(configuration.handler == "app.lambda_handler")
        #expect(registry.codeFiles("greet") == ["app.py", "helper.py"])
        #expect(try String(contentsOf: registry.codeDirectory("greet").appendingPathComponent("app.py"), encoding: .utf8) == Fixtures.starter)
    }

    @Test func anExistingFunctionIsNeverReplacedUnasked() throws {
        let directory = try TemporaryDirectory(prefix: "exercise-workspace")
        let exercise = try exercise(directory)
        let registry = FunctionRegistry(root: directory.url.appendingPathComponent("functions"))
        try registry.create(name: "greet")
        try registry.writeCode("greet", file: "lambda_function.py", contents: "# mine\n")
        let workspace = ExerciseWorkspace(registry: registry)
        #expect(workspace.slot("greet", for: exercise, progress: ExerciseProgress()) == .taken)
        #expect(throws: MiniLambdaError.self) { try workspace.place(exercise, as: "greet", replacing: false) }
        #expect(try String(contentsOf: registry.codeDirectory("greet").appendingPathComponent("lambda_function.py"), encoding: .utf8) == "# mine\n")

        var progress = ExerciseProgress()
        progress.exercises["greet"] = .init(function: "greet", started: Date())
        #expect(workspace.slot("greet", for: exercise, progress: progress) == .attempt)
        try workspace.place(exercise, as: "greet", replacing: true)
        #expect(registry.codeFiles("greet") == ["app.py", "helper.py"])
    }

    @Test func statusFollowsTheLearnersData() {
        var progress = ExerciseProgress()
        #expect(progress.status(of: "greet") { _ in true } == .notStarted)
        progress.exercises["greet"] = .init()  // hints read before starting
        #expect(progress.status(of: "greet") { _ in true } == .notStarted)
        progress.exercises["greet"] = .init(function: "greet", started: Date())
        #expect(progress.status(of: "greet") { _ in true } == .inProgress)
        #expect(progress.status(of: "greet") { _ in false } == .notStarted)
        progress.exercises["greet"]!.passed = Date()
        #expect(progress.status(of: "greet") { _ in false } == .done)
    }

    @Test func progressIsSavedAtomicallyAndADamagedFileIsSetAside() throws {
        let directory = try TemporaryDirectory(prefix: "exercise-progress")
        let store = ExerciseProgressStore(home: DataHome(root: directory.url))
        try store.update { $0.current = "greet"; $0.exercises["greet"] = .init(function: "greet", started: Date()) }
        try store.update { $0.exercises["greet"]!.hintsShown = 2 }
        let loaded = store.load()
        #expect(loaded.notice == nil)
        #expect(loaded.progress.current == "greet")
        #expect(loaded.progress.exercises["greet"]?.hintsShown == 2)
        let mode = try FileManager.default.attributesOfItem(atPath: store.database.url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        try store.database.updateDocument(.exercises) { _ in Data(#"{"format": "broken"}"#.utf8) }
        let damaged = store.load()
        #expect(damaged.progress == ExerciseProgress())
        #expect(damaged.notice?.contains("set aside") == true)
        #expect(try store.database.setAside().map(\.name) == ["exercises"], "kept, not deleted")
    }

    @Test func aFileFromANewerTutorIsLeftAlone() throws {
        let directory = try TemporaryDirectory(prefix: "exercise-progress")
        let newer = #"{"format": 99, "exercises": {}, "future": true}"#
        try newer.write(to: directory.url.appendingPathComponent("exercises.json"), atomically: true, encoding: .utf8)
        let store = ExerciseProgressStore(home: DataHome(root: directory.url))
        let loaded = store.load()
        #expect(!loaded.writable)
        #expect(loaded.notice?.contains("written by a newer lambda-tutor") == true)
        #expect(throws: FileError.self) { try store.update { $0.current = "x" } }
        #expect(String(decoding: try #require(try store.database.document(.exercises)).content, as: UTF8.self) == newer)
    }
}
