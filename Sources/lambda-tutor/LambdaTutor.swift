import ArgumentParser
import TutorApp

/// `lambda-tutor`: the REPL by default, plus subcommands for scripts and CI.
///
/// Synchronous on purpose: libedit must read on the main thread for Ctrl-C to work, and
/// `ParsableCommand.run()` is called there.
@main
struct LambdaTutor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lambda-tutor",
        abstract: "Learn AWS Lambda at the terminal: lessons, a real mini Lambda runtime, quizzes and practice exams.",
        discussion: """
        With no subcommand on a terminal, opens the tutor. With stdin piped, reads commands one per line \
        (no prompt, no colours) and exits non-zero if any failed:

          printf 'lessons\\nlesson what-is-lambda\\n' | lambda-tutor

        Learner data lives in $LAMBDA_TUTOR_HOME (default $XDG_DATA_HOME/lambda-tutor, i.e. ~/.local/share/lambda-tutor).
        """,
        version: TutorVersion.current,
        subcommands: [Start.self, Lessons.self, LessonCommand.self, Check.self, FactsCommand.self, Calc.self, SimulateSubcommand.self, InvokeCommand.self, ServeSubcommand.self,
                      QuizSubcommand.self, ExamSubcommand.self, ResultsSubcommand.self, ImportSubcommand.self, ExportSubcommand.self,
                      ReviewSubcommand.self, ExercisesSubcommand.self, WorkshopSubcommand.self],
        defaultSubcommand: Start.self
    )
}

/// Options every subcommand shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("content"), help: ArgumentHelp("Add a folder of your own lessons and question banks (repeatable). Also: LAMBDA_TUTOR_CONTENT=DIR:DIR.", valueName: "DIR"))
    var content: [String] = []

    @Flag(name: .customLong("no-color"), help: "Plain output without colours (same as NO_COLOR=1).")
    var noColor = false

    @Option(name: .customLong("learner"), help: ArgumentHelp("Your name, recorded with your answers for a trainer's class report (remembered in the data folder's settings).", valueName: "NAME"))
    var learner: String?

    @Flag(name: .customLong("no-bundled"), help: "Leave out the bundled lessons and questions: only your --content folders (a workshop on a trainer's own material).")
    var noBundled = false

    var launcher: TutorLauncher { TutorLauncher(contentFolders: content, forceNoColor: noColor, learner: learner, bundled: !noBundled) }
}

struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Open the tutor (the default when no subcommand is given)."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let status = global.launcher.runREPL()
        if status != 0 { throw ExitCode(status) }
    }
}

struct Lessons: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the lessons with your progress.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let status = global.launcher.runLines(["lessons"])
        if status != 0 { throw ExitCode(status) }
    }
}

struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lesson", abstract: "Print a lesson step (where you left off, or --step N).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The lesson id (see 'lambda-tutor lessons').")
    var id: String

    @Option(help: "The step to print.")
    var step: Int?

    func run() throws {
        var line = "lesson \(ShellQuote.quote(id))"
        if let step { line += " --step \(step)" }
        let status = global.launcher.runLines([line])
        if status != 0 { throw ExitCode(status) }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check lesson files and question banks for problems.",
        discussion: """
        Prints path:line:col: error: message for each problem and exits 1 if there are errors. With no paths, checks the bundled \
        content and --content folders. Files and folders you name are checked against what the tutor would load with them \
        (the bundled lessons and any --content folders), so a prerequisite may name a bundled lesson and an id already taken \
        is reported.

        --list-code lists what the lessons would run on a learner's machine (every handler with its code, every try \
        command, with file:line) so you can review a course before you run it or hand it out.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Flag(name: .customLong("list-code"), help: "List the handlers and try commands the lessons would run, with file:line, instead of checking.")
    var listCode = false

    @Argument(help: "Lesson files, question banks or content folders to check.")
    var paths: [String] = []

    func run() throws {
        let status = global.launcher.runCheck(paths: paths, strict: strict, listCode: listCode)
        if status != 0 { throw ExitCode(status) }
    }
}

struct FactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "facts", abstract: "List Lambda limits and prices with their sources.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Words to filter by, or one fact key.")
    var words: [String] = []

    func run() throws {
        let status = global.launcher.runLines([(["facts"] + words.map(ShellQuote.quote)).joined(separator: " ")])
        if status != 0 { throw ExitCode(status) }
    }
}

struct Calc: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work out concurrency, cost or CPU share (same options as in the tutor: lambda-tutor calc concurrency --rps 200 --duration 300ms).",
        discussion: "Run 'help calc' inside the tutor for every option."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: "concurrency|cost|memory and its options.")
    var arguments: [String] = []

    func run() throws {
        let status = global.launcher.runLines([(["calc"] + arguments.map(ShellQuote.quote)).joined(separator: " ")])
        if status != 0 { throw ExitCode(status) }
    }
}
