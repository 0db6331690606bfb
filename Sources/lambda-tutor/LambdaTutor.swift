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
        // Most subcommands are the REPL's commands run once (TableSubcommand: help and options
        // from the command table); start, check, invoke, serve, quiz, exam and review do more.
        subcommands: [Start.self, TableSubcommand<LessonsName>.self, TableSubcommand<LessonName>.self, Check.self,
                      TableSubcommand<FactsName>.self, TableSubcommand<CalcName>.self, TableSubcommand<SimulateName>.self,
                      InvokeCommand.self, ServeSubcommand.self,
                      QuizSubcommand.self, ExamSubcommand.self, TableSubcommand<ResultsName>.self,
                      TableSubcommand<ImportName>.self, TableSubcommand<ExportName>.self,
                      ReviewSubcommand.self, TableSubcommand<ExercisesName>.self, TableSubcommand<WorkshopName>.self],
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
