import Foundation
import LineEditor
import Quiz
import TutorSupport
import Curriculum
import TerminalUI
import LearnerStore

/// The read–eval–print loop.
///
/// libedit reads on the calling (main) thread in a synchronous loop. Each command runs in a
/// task; while it runs, the main thread waits, cancels it on Ctrl-C, and reads lines the
/// command asks for (confirmations, quiz answers). Commands therefore never need the main
/// actor, and Ctrl-C reaches the right place.
package final class REPL {
    let session: Session
    let editor: LineEditor
    private var failures = 0

    package init(session: Session, editor: LineEditor) {
        self.session = session
        self.editor = editor
    }

    /// Runs until `quit`, Ctrl-D or the end of piped input. Returns the exit status: 0, or 1
    /// if any command failed in script mode.
    /// - Parameter initialLines: commands to run before the first prompt (`lambda-tutor quiz`
    ///   on a terminal opens the REPL with the quiz started).
    package func run(greeting: Bool = true, initialLines: [String] = []) -> Int32 {
        if session.interactive {
            if greeting { welcome() }
        } else {
            session.reportStartupProblems(to: session.console)
        }
        let session = self.session
        for line in initialLines {
            let ok = perform { await session.execute(line) }
            if !ok { failures += 1 }
        }
        var interruptedScript = false
        loop: while !session.quitRequested {
            let wake = session.interactive ? session.modes.last?.wakeAt(session) : nil
            let input = editor.readLine(prompt: session.interactive ? session.prompt() : "", wakeAt: wake)
            switch input {
            case .endOfInput:
                if !session.interactive, LineEditor.takeInterrupt() { interruptedScript = true }
                if let mode = session.modes.last { _ = perform { await mode.endOfInput(session); return true } }
                if session.interactive { session.console.line() }
                break loop
            case .interrupted:
                if let mode = session.modes.last { _ = perform { await mode.interrupted(session) } }
            case .timeUp:
                // Handled like Enter alone: the mode catches up with the time.
                _ = perform { await session.execute("") }
            case .line(let line):
                let ok = perform { await session.execute(line) }
                if !ok { failures += 1 }
            }
        }
        _ = perform { await session.shutdown(); return true }
        editor.saveHistory()
        if interruptedScript { return 130 }
        return failures > 0 && !session.interactive ? 1 : 0
    }

    /// Runs `body` in a task and waits for it on this thread, servicing Ctrl-C (cancel) and
    /// line requests meanwhile.
    func perform(_ body: @escaping @Sendable () async -> Bool) -> Bool {
        let box = ResultBox()
        let broker = session.inputBroker
        let task = Task.detached {
            let ok = await body()
            box.set(ok)
            broker.wake.signal()
        }
        var cancelled = false
        while true {
            if let result = box.value { return result }
            if let request = broker.take() {
                let answer: String?
                // A command's own question: its answer is not a command to recall with Up.
                switch editor.readLine(prompt: session.interactive ? request.prompt : "", remember: false) {
                case .line(let line): answer = line
                case .interrupted, .endOfInput, .timeUp: answer = nil
                }
                request.continuation.resume(returning: answer)
                continue
            }
            if LineEditor.takeInterrupt(), !cancelled {
                cancelled = true
                // The terminal has echoed ^C itself (the line discipline is in cooked mode while
                // a command runs); printing another made `^C^C`.
                session.console.line(session.console.style.muted(session.interactive ? " — stopping…" : "^C — stopping…"))
                task.cancel()
            }
            _ = broker.wake.wait(timeout: .now() + .milliseconds(50))
        }
    }

    func welcome() {
        let console = session.console
        let style = console.style
        console.line(style.bold(style.accent("λ lambda-tutor")) + " — learn AWS Lambda by doing.")
        console.line(style.muted("Type ") + style.code("lessons") + style.muted(" to begin, ") + style.code("help")
                     + style.muted(" for commands; Tab completes, Ctrl-D leaves."))
        session.reportStartupProblems(to: console)
        showStartupSummary()
        // A paused exam comes first: its clock is stopped, and a candidate came back for it.
        if let offer = Self.pausedExamOffer(session) {
            let session = self.session
            let resumed = perform {
                guard await session.confirm(offer) else { return false }
                return await session.execute("exam --resume")
            }
            if resumed { return }
            console.line(style.muted("The exam stays paused; 'exam --resume' continues it."))
        }
        if let id = session.progress.currentLesson, let lesson = session.catalog.lesson(id),
           session.progress.status(of: lesson) != .done {
            let step = min(max(session.progress.lessons[id]?.step ?? 1, 1), lesson.steps.count)
            let session = self.session
            let resume = perform {
                guard await session.confirm("Welcome back. Continue \"\(lesson.title)\" at step \(step) of \(lesson.steps.count)?") else { return false }
                return await session.execute("lesson \(lesson.id) --step \(step)")
            }
            if !resume { console.line(style.muted("Type 'lessons' to pick a lesson.")) }
        }
    }
}

extension REPL {
    /// "You have a paused exam … Resume it?", or nil when none is paused.
    static func pausedExamOffer(_ session: Session) -> String? {
        guard let exam = session.quiz.exams.paused().exams.first else { return nil }
        let answered = exam.answers.filter { $0 != nil }.count
        let left = ExamSession.clockText(max(0, exam.config.timeLimit - exam.elapsed))
        return "You have a paused exam (\(exam.config.title), \(answered) of \(exam.questions.count) answered, \(left) left). Resume it?"
    }
}

/// The result of a detached command, read by the waiting thread.
private final class ResultBox: @unchecked Sendable {
    // @unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var stored: Bool?

    func set(_ value: Bool) { lock.withLock { stored = value } }
    var value: Bool? { lock.withLock { stored } }
}
