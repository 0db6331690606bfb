import ArgumentParser
import TutorApp

/// `lambda-tutor simulate …`: the REPL's `simulate` command, options passed through as typed
/// (the same way `calc` does), so `--json` and `--csv` can feed a trainer's own charts.
struct SimulateSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate a function scaling, throttling and costing money (lambda-tutor simulate --preset black-friday).",
        discussion: "Same options as in the tutor; run 'help simulate' there, or 'lambda-tutor simulate presets'. --json and --csv print one entry per simulated second."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: "simulate's options, e.g. --rps 0-20000 --ramp 60s --duration 200ms --for 5m.")
    var arguments: [String] = []

    func run() throws {
        let status = global.launcher.runLines([(["simulate"] + arguments.map(ShellQuote.quote)).joined(separator: " ")])
        if status != 0 { throw ExitCode(status) }
    }
}
