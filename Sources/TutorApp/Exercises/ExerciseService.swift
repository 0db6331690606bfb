import Exercises
import Foundation
import LambdaService
import MiniLambda
import TutorSupport
import Curriculum
import TerminalUI

/// The session's exercises: the catalog (loaded on first use), the learner's progress file,
/// and where attempts live (the learner's functions, shared with `fn` and `invoke`).
final class ExerciseService: @unchecked Sendable {
    // @unchecked: commands run one at a time (see Session); `progressWritable` and `warned`
    // are only touched by the running command.
    let catalog: ExerciseCatalog
    let store: ExerciseProgressStore
    let workspace: ExerciseWorkspace
    let stagingRoot: URL
    private var progressWritable = true
    private var warned = false

    init(session: Session, registry: FunctionRegistry) {
        let lessonIDs = Set(session.catalog.lessons.map(\.id))
        catalog = ExerciseCatalog.load(folders: session.content.exerciseFolders, relativeTo: session.content.bundledRoot,
                                       knownLessons: lessonIDs.isEmpty ? nil : lessonIDs)
        store = ExerciseProgressStore(database: session.database)
        workspace = ExerciseWorkspace(registry: registry)
        stagingRoot = session.dataHome.exerciseStagingFolder
        ExerciseVerifier.removeLeftovers(in: stagingRoot)
    }

    static func of(_ session: Session) -> ExerciseService {
        // Outside `service`'s lock: RuntimeService.of takes the same lock.
        let registry = RuntimeService.of(session).registry
        return session.service { ExerciseService(session: session, registry: registry) }
    }

    /// The learner's progress as saved now (read each time: another tutor may share the folder).
    func progress(_ console: Console) -> ExerciseProgress {
        let loaded = store.load()
        if let notice = loaded.notice, !warned {
            warned = true
            console.warning(notice)
        }
        return loaded.progress
    }

    func status(of exercise: Exercise, in progress: ExerciseProgress) -> ExerciseStatus {
        progress.status(of: exercise.id) { workspace.registry.exists($0) }
    }

    /// Saves a change to the progress; the first failure is reported and saving stops for
    /// the session (a read-only data folder is survivable).
    @discardableResult
    func record(_ console: Console, _ change: (inout ExerciseProgress) -> Void) -> ExerciseProgress? {
        guard progressWritable else { return nil }
        do {
            return try store.update(change)
        } catch {
            progressWritable = false
            console.warning("exercise progress could not be saved: \(error.message); it will not be saved this session")
            return nil
        }
    }

    /// The exercise named `id`, or an error with a "did you mean".
    func exercise(_ id: String) throws -> Exercise {
        if let exercise = catalog.exercise(id) { return exercise }
        let hint = Suggestions.didYouMean(id, in: catalog.ids) ?? "'exercises' lists them"
        if let skipped = catalog.skipped.first(where: { $0.file.contains("/\(id)/") }) {
            throw CommandError("the exercise '\(id)' could not be loaded: \(skipped.reason)", hint: "lambda-tutor check \(skipped.file) shows every problem")
        }
        throw CommandError("no exercise is called '\(id)'", hint: hint)
    }

    /// The exercise given on the command line, else the one the learner opened last.
    func exercise(_ id: String?, progress: ExerciseProgress) throws -> Exercise {
        if let id { return try exercise(id) }
        guard let current = progress.current, let exercise = catalog.exercise(current) else {
            throw CommandError("no exercise is open", hint: "start one with 'exercise ID'; 'exercises' lists them")
        }
        return exercise
    }

    /// The exercises in the order of their lessons in the course, then by id.
    func inCourseOrder(_ session: Session) -> [Exercise] {
        let order = Dictionary(session.catalog.lessons.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        return catalog.exercises.sorted { (order[$0.lesson] ?? .max, $0.id) < (order[$1.lesson] ?? .max, $1.id) }
    }

    /// A verifier on a mini Lambda of its own, so test runs never mix with the learner's
    /// environments or logs. Call `shutdownAll()` on the invoker when done.
    func makeVerifier() -> (verifier: ExerciseVerifier, invoker: Invoker) {
        let invoker = Invoker()
        return (ExerciseVerifier(invoker: invoker, stagingRoot: stagingRoot), invoker)
    }
}
