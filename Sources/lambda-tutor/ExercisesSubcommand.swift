import ArgumentParser
import TutorApp

/// `lambda-tutor exercises …`: the REPL's `exercises` command for scripts and CI, arguments
/// passed through as `calc` does.
struct ExercisesSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercises",
        abstract: "List the autograded exercises with your status, or verify them.",
        discussion: """
          lambda-tutor exercises [--lesson ID] [--json]     the list; --json prints id, lesson, runtime, status
          lambda-tutor exercises verify ID [--watch]         your function against the exercise's hidden cases
          lambda-tutor exercises verify --solutions [ID…]    every solution passes, every starter fails (exit 1 if not)

        Inside the tutor: exercise ID starts one, verify and hint help you through it.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: "verify, ids and options, as in the tutor.")
    var arguments: [String] = []

    func run() throws {
        try global.runLines([(["exercises"] + arguments.map(ShellQuote.quote)).joined(separator: " ")])
    }
}
