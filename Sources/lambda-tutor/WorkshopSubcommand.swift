import ArgumentParser
import TutorApp

/// `lambda-tutor workshop report FILE…|FOLDER`: the trainer's class report, the same command
/// as inside the tutor.
struct WorkshopSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workshop",
        abstract: "Class results for a trainer: item analysis over the learners' results files (workshop report FILE…|FOLDER).",
        discussion: """
        Learners write their results with 'lambda-tutor results --export json FILE' (add --learner NAME the first time). \
        Collect the files and run 'lambda-tutor workshop report FOLDER' for the class: scores per learner and domain, \
        per question difficulty, discrimination (upper–lower 27 % and point-biserial), option counts and time, KR-20. \
        Options: --code X, --markdown, --csv [questions|learners], --json, -o FILE [--yes], --html FILE (a self-contained page). Run 'help workshop' in the tutor for more.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: "report, the files or folder, and its options.")
    var arguments: [String] = []

    func run() throws {
        try global.runLines([(["workshop"] + arguments.map(ShellQuote.quote)).joined(separator: " ")])
    }
}
