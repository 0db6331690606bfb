import ArgumentParser
import TutorApp

/// `lambda-tutor exercises …`: the REPL's `exercises` command for scripts and CI, arguments
/// passed through as `calc` does.
struct ExercisesSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercises",
        abstract: "List the autograded exercises with your status, or verify them.",
        discussion: """
        'exercises [--lesson ID] [--json]' lists them (--json: id, lesson, runtime and status of each). \
        'exercises verify ID [--watch]' runs an exercise's hidden cases against your function. \
        'exercises verify --solutions [ID …]' checks that every reference solution passes and every starter \
        fails, and exits 1 if not (for CI). Inside the tutor, 'exercise ID' starts one; 'verify' and 'hint' \
        help you through it.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: "verify, ids and options, as in the tutor.")
    var arguments: [String] = []

    func run() throws {
        try global.runLines([(["exercises"] + arguments.map(ShellQuote.quote)).joined(separator: " ")])
    }
}
