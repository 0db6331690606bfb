import Foundation
import Curriculum
import LearnerStore
import LineEditor
import TerminalUI
import TutorSupport

/// Everything a running tutor knows: content, the learner's place and progress, the console,
/// active modes, and services that feature areas attach (the runtime, the quiz engine).
///
/// Commands run one at a time (the REPL waits for each), and completion runs only while the
/// REPL waits for input, so the mutable state here is never touched by two threads at once.
package final class Session: @unchecked Sendable {
    // @unchecked: see the type's doc comment; `services` and `shutdownHooks` have their own lock
    // because background tasks may register hooks.

    package let console: Console
    package let dataHome: DataHome
    /// The data folder is a private temporary one (the learner's own could not be used) that
    /// goes when the session ends: nothing is kept, the command history included.
    package let keepsNothing: Bool
    /// The learner database (attempts, exams, progress, settings), opened on first use and
    /// shared by every part of this session.
    package let database: LearnerDatabase
    package let environment: [String: String]
    /// True when a person is at a terminal (libedit, colours, confirmations).
    package let interactive: Bool
    package var registry: CommandRegistry
    package private(set) var content: ContentSources
    package private(set) var catalog: LessonCatalog

    /// The lesson and step on screen, if any.
    package internal(set) var position: Position?
    /// True once `next` finished the open lesson: the prompt then drops its name (it is done;
    /// `back` and `more` still work on it). Opening any step clears it.
    var positionFinished = false
    package internal(set) var progress: LearnerProgress
    /// The progress as last read from or written to the file: the base of the three-way merge
    /// that keeps another tutor's changes (see ``saveProgress()``).
    var progressBase: LearnerProgress
    let progressStore: ProgressStore
    var progressWritable = true
    /// Try commands of the current step that ran as the lesson meant (so `run` moves on to
    /// the next one, and stays on one that failed).
    var triesRun: Set<Int> = []
    /// Identifies this run of the tutor: a checkpoint key revealed in it cannot be passed by
    /// typing it back in the same run.
    package let sessionID = UUID().uuidString.lowercased()
    /// Wrong tries per open checkpoint in this run (`lesson/step.index`): the first gets a
    /// hint and a second try, the second reveals the key.
    var checkMisses: [String: Int] = [:]

    /// The learner's name (see `Workshop/LearnerName.swift`); asked at most once per run.
    var learner: String?
    var learnerAsked = false

    package internal(set) var modes: [any InteractiveMode] = []
    /// Set by `quit`; the REPL stops after the current line.
    package var quitRequested = false
    let inputBroker = InputBroker()

    private let lock = NSLock()
    private var services: [ObjectIdentifier: AnyObject] = [:]
    private var shutdownHooks: [@Sendable () async -> Void] = []

    package struct Position: Sendable, Equatable {
        package let lessonID: String
        package let step: Int
    }

    package struct Configuration: Sendable {
        package var dataHome: DataHome
        package var contentFolders: [String]
        package var environment: [String: String]
        package var interactive: Bool
        /// `--learner NAME`: recorded with every answer, and remembered in the settings.
        package var learner: String?
        /// `--no-bundled`: only the trainer's content folders.
        package var bundled = true
        package var executablePath: String?
        /// See ``Session/keepsNothing``.
        package var keepsNothing = false

        package init(dataHome: DataHome, contentFolders: [String] = [], environment: [String: String], interactive: Bool,
                    executablePath: String? = nil) {
            self.dataHome = dataHome
            self.contentFolders = contentFolders
            self.environment = environment
            self.interactive = interactive
            self.executablePath = executablePath
        }
    }

    /// Loading problems to show at start: skipped files, damaged progress, missing folders.
    package private(set) var startupNotices: [String] = []
    /// Content problems found while loading (lesson files skipped), each with its file and line.
    package private(set) var startupDiagnostics: [Diagnostic] = []

    package init(configuration: Configuration, console: Console, registry: CommandRegistry = .standard) {
        self.console = console
        self.dataHome = configuration.dataHome
        keepsNothing = configuration.keepsNothing
        self.environment = configuration.environment
        self.interactive = configuration.interactive
        self.registry = registry
        self.content = ContentSources.locate(extraFolders: configuration.contentFolders, environment: configuration.environment,
                                             executablePath: configuration.executablePath, bundled: configuration.bundled)
        self.catalog = LessonCatalog.load(folders: content.lessonFolders, parser: LessonParser(checkValidator: Session.startupCheckValidator),
                                          relativeTo: content.bundledRoot)
        self.database = LearnerDatabase(home: configuration.dataHome)
        self.progressStore = ProgressStore(database: database)
        // Before anything is read: leftovers of interrupted saves go, oversized files move aside.
        let tidied = configuration.dataHome.tidy()
        let loaded = progressStore.load()
        self.progress = loaded.progress
        self.progressBase = loaded.progress
        startupNotices = content.notices + tidied + database.takeNotices()
        if let notice = TutorClock.from(configuration.environment).notice { startupNotices.append(notice) }
        if let notice = loaded.notice {
            startupNotices.append(notice)
            if !loaded.writable { progressWritable = false }
        }
        startupDiagnostics = catalog.skipped.map(\.diagnostic)
        if let given = configuration.learner {
            switch LearnerName.validated(given) {
            case .success(let name):
                learner = name
                if LearnerName.stored(in: database) != name {
                    do { try LearnerName.store(name, in: database) } catch { startupNotices.append(error.description) }
                }
            case .failure(let problem):
                startupNotices.append("--learner: \(problem.message); answers are recorded without a name")
            }
        }
    }

    /// Prints what loading found: each skipped lesson as `path:line:col: error: …`, then the
    /// other notices (damaged progress, missing folders) as warnings.
    func reportStartupProblems(to console: Console) {
        for diagnostic in startupDiagnostics { console.diagnostic(diagnostic) }
        for notice in startupNotices { console.warning(notice) }
    }

    /// Validates lesson `check` blocks with the quiz engine (see `Session+Checks.swift`).
    static let checkValidator: LessonParser.CheckValidator = Session.quizCheckValidator

    /// At start-up checkpoints are not validated: the REPL shows no per-block diagnostics, and
    /// each checkpoint is parsed when its step is shown (a broken one is shown as written).
    /// Validating them all through the quiz engine was a seventh of start-up time.
    /// `lambda-tutor check` validates them fully.
    static let startupCheckValidator: LessonParser.CheckValidator = { _, _ in [] }

    // MARK: - Services

    /// A per-session object of type `T`, created on first use. Feature areas keep their state
    /// here (`session.service { RuntimeService(…) }`) without Session knowing their types.
    package func service<T: AnyObject & Sendable>(_ make: () -> T) -> T {
        lock.withLock {
            let key = ObjectIdentifier(T.self)
            if let existing = services[key] as? T { return existing }
            let created = make()
            services[key] = created
            return created
        }
    }

    /// The service of type `T` if it was created, without creating it.
    package func existingService<T: AnyObject & Sendable>(_ type: T.Type) -> T? {
        lock.withLock { services[ObjectIdentifier(T.self)] as? T }
    }

    /// Work to do when the tutor stops (quit, end of input, SIGTERM/SIGHUP): stop child
    /// processes, save state.
    package func onShutdown(_ hook: @escaping @Sendable () async -> Void) {
        lock.withLock { shutdownHooks.append(hook) }
    }

    /// Runs the shutdown hooks once, in reverse order of registration.
    package func shutdown() async {
        let hooks = lock.withLock { () -> [@Sendable () async -> Void] in
            let all = shutdownHooks
            shutdownHooks = []
            return all
        }
        for hook in hooks.reversed() { await hook() }
    }

    // MARK: - Modes

    package func push(_ mode: any InteractiveMode) { modes.append(mode) }

    package func popMode() { _ = modes.popLast() }

    /// Asks the learner a question and waits for the answer line (nil on Ctrl-C or end of
    /// input). Works from a running command: the REPL reads the line on the main thread.
    package func ask(_ prompt: String) async -> String? {
        await inputBroker.ask(prompt)
    }

    /// Asks a yes/no question; Enter takes the default. In script mode the answer is read from
    /// the script like any other line.
    /// A question wider than the terminal is printed wrapped (between words) and the prompt is
    /// only its last line, since the line editor cannot wrap a prompt and the terminal would cut
    /// a word.
    package func confirm(_ question: String, default yes: Bool = true) async -> Bool {
        let suffix = yes ? "[Y/n]" : "[y/N]"
        var prompt = "\(question) \(suffix) "
        let lines = TextWrapper.wrap(question + " " + suffix, width: console.width - 1)
        if interactive, lines.count > 1 {
            for line in lines.dropLast() { console.line(line) }
            prompt = lines.last! + " "
        }
        while true {
            guard let answer = await ask(prompt) else { return false }
            switch answer.trimmingCharacters(in: .whitespaces).lowercased() {
            case "": return yes
            case "y", "yes": return true
            case "n", "no": return false
            default: console.line("Please answer y or n.")
            }
        }
    }

    /// Before writing `url` for the learner (`results --export`, `import -o`, `export -o`): an
    /// existing file is replaced only after a yes at the terminal, or with `--yes`; a script
    /// without `--yes` gets an error and the file stays as it is.
    package func mayOverwrite(_ url: URL, yes: Bool) async throws(CommandError) {
        guard FileManager.default.fileExists(atPath: url.path), !yes else { return }
        guard interactive else {
            throw CommandError("\(url.path) already exists and was not overwritten", hint: "add --yes to replace it, or give another file name")
        }
        guard await confirm("\(url.path) already exists. Replace it?", default: false) else {
            throw CommandError("kept \(url.path) as it was", hint: "give another file name")
        }
    }

    // MARK: - Prompt

    /// `λ concurrency 4/9 › `, or the active mode's prompt.
    package func prompt() -> String {
        if let mode = modes.last { return mode.prompt(self) }
        let style = console.style
        var location = ""
        if let position, !positionFinished, let lesson = catalog.lesson(position.lessonID) {
            location = " " + style.color(.cyan, "\(lesson.id) \(position.step)/\(lesson.steps.count)")
        }
        let badge = AsyncService.scaleBadge(self)
        return style.bold(style.accent("λ")) + location + (badge.isEmpty ? "" : " " + style.color(.yellow, badge)) + " " + style.muted("›") + " "
    }

    // MARK: - Progress

    /// Saves progress in one transaction, merged with whatever another tutor saved meanwhile
    /// (said in one line). The first failure is reported once and saving
    /// stops for the session (so the learner is not flooded, and a read-only home is survivable).
    func saveProgress() {
        guard progressWritable else { return }
        do {
            let saved = try progressStore.saveMerging(progress, base: progressBase)
            if saved.mergedOtherChanges {
                console.line(console.style.muted("Another lambda-tutor saved lesson progress in this data folder; its changes and yours are both kept."))
            }
            progress = saved.progress
            progressBase = saved.progress
        } catch {
            progressWritable = false
            console.warning("progress could not be saved: \(error.description); it will not be saved this session")
        }
    }
}

/// Hands "read a line" requests from a running command to the main thread, which owns the
/// line editor.
final class InputBroker: @unchecked Sendable {
    // @unchecked: `pending` is guarded by `lock`.
    struct Request {
        let prompt: String
        let continuation: CheckedContinuation<String?, Never>
    }

    private let lock = NSLock()
    private var pending: Request?
    /// Signalled when a request arrives (the REPL waits on it together with command completion).
    let wake = DispatchSemaphore(value: 0)

    func ask(_ prompt: String) async -> String? {
        await withCheckedContinuation { continuation in
            lock.withLock { pending = Request(prompt: prompt, continuation: continuation) }
            wake.signal()
        }
    }

    func take() -> Request? {
        lock.withLock {
            let request = pending
            pending = nil
            return request
        }
    }
}
