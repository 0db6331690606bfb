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
    let clock: any QuizClock
    private let folders: [URL]
    private let lock = NSLock()
    private var loaded: QuestionLibrary?
    private var logWarned = false

    /// - Parameter clock: by default the wall clock, or the time `LAMBDA_TUTOR_NOW` sets (see ``TutorClock``).
    init(session: Session, clock: (any QuizClock)? = nil) {
        log = AttemptLog(home: session.dataHome)
        exams = ExamStore(home: session.dataHome)
        folders = session.content.quizFolders
        self.clock = clock ?? TutorClock.from(session.environment).clock
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

    /// A one-line notice about broken questions, for the start of a quiz or exam.
    var loadNotice: String? {
        let errors = library.diagnostics.errors.count
        guard errors > 0 else { return nil }
        return "\(errors) problem(s) in the question banks left some questions out; 'lambda-tutor check' lists them"
    }

    /// Appends records; the first failure is reported once and the quiz goes on.
    func record(_ records: [AttemptRecord], console: Console) {
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
