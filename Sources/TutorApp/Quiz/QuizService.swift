import Foundation
import Quiz
import TutorSupport

/// The quiz engine's state for one tutor session: the loaded banks, the attempt log and the
/// exam store. Created on first use through `session.service { … }`.
final class QuizService: @unchecked Sendable {
    // @unchecked: `library` is loaded once under `lock`; the log and store are value types
    // whose methods do their own file I/O; `logWarned` is only touched under `lock`.

    let log: AttemptLog
    let exams: ExamStore
    let clock: any WallClock
    private let folders: [URL]
    private let lock = NSLock()
    private var loaded: QuestionLibrary?
    private var logWarned = false

    /// - Parameter clock: by default the wall clock, or the time `LAMBDA_TUTOR_NOW` sets (see ``TutorClock``).
    init(session: Session, clock: (any WallClock)? = nil) {
        log = AttemptLog(database: session.database)
        exams = ExamStore(database: session.database)
        folders = session.content.quizFolders
        self.clock = clock ?? TutorClock.from(session.environment).clock
        learnerName = session.learner ?? LearnerName.stored(in: session.database)
    }

    /// Every bank of the bundled and trainer content folders, loaded once. Problems are
    /// reported by `lambda-tutor check`; here they only cost the broken questions.
    var library: QuestionLibrary {
        lock.withLock {
            if let loaded { return loaded }
            let library = QuestionLibrary.load(folders: folders)
            loaded = library
            return library
        }
    }

    /// How many bank problems are listed by line before the rest are only counted.
    static let problemListLimit = 8

    /// Reports what loading the banks found, once a session, at the first command that uses
    /// them (banks load on first use, so start-up stays fast): each problem as
    /// `path:line:col: error: …` (the first few), then a line saying what it cost.
    func reportLoadProblems(to console: Console) {
        let problems = library.diagnostics.errors
        let first = lock.withLock { () -> Bool in
            defer { loadReported = true }
            return !loadReported
        }
        guard first, !problems.isEmpty else { return }
        for problem in problems.prefix(Self.problemListLimit) { console.diagnostic(problem) }
        var summary = "\(problems.count) problem(s) in the question banks left " + (problems.count == 1 ? "a question" : "some questions") + " out"
        if problems.count > Self.problemListLimit {
            summary += "; \(problems.count - Self.problemListLimit) more not shown, 'lambda-tutor check' lists them all"
        }
        console.note(summary + ".")
    }
    private var loadReported = false

    /// The learner's name, stamped on every record (set when a quiz or exam starts).
    var learner: String? {
        get { lock.withLock { learnerName } }
        set { lock.withLock { learnerName = newValue } }
    }
    private var learnerName: String?

    /// Adds the learner's name to a record that has none (every answer gets it this way).
    func stamp(_ record: inout AttemptRecord) {
        if record.learner == nil { record.learner = learner }
    }

    /// Appends records, with the learner's name; the first failure is reported once and the
    /// quiz goes on.
    func record(_ records: [AttemptRecord], console: Console) {
        let records = records.map { record in
            var stamped = record
            stamp(&stamped)
            return stamped
        }
        do {
            try log.append(records)
        } catch {
            let first = lock.withLock { () -> Bool in
                defer { logWarned = true }
                return !logWarned
            }
            if first { console.warning("answers could not be saved to \(log.url.path): \(error.message)") }
        }
    }
}

extension Session {
    var quiz: QuizService { service { QuizService(session: self) } }
}

extension QuestionLibrary {
    /// Every topic the banks name, lower-cased and sorted (for `quiz --topic` and Tab).
    var topics: [String] {
        Set(questions.flatMap { $0.topics.map { $0.lowercased() } }).sorted()
    }
}
