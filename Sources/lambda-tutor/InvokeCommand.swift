import ArgumentParser
import TutorApp

/// `lambda-tutor invoke`: one invocation for scripts and CI, on a handler file or a saved
/// function, with the same output as `invoke` in the tutor (or JSON with --json).
struct InvokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoke",
        abstract: "Invoke a handler file (--handler FILE:FUNCTION) or a saved function on the mini Lambda.",
        discussion: """
        Examples:
          lambda-tutor invoke --handler app.py:lambda_handler --runtime python3.12 --event s3-put --json
          lambda-tutor invoke --handler src/app.py:handler --code .
        --handler deploys the file's folder with it (as a .zip of that folder would), or the folder --code names.
          lambda-tutor invoke hello --payload '{"name": "Ada"}'
        Sample events: run 'events' inside the tutor.
        While 'lambda-tutor serve' (or a tutor that ran 'api start') serves the same data folder, a saved function's
        invoke is sent to it and runs in its environments, as a second client of AWS would.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A saved function's name (instead of --handler).")
    var name: String?

    @Option(help: ArgumentHelp("The handler file and function, e.g. app.py:lambda_handler.", valueName: "FILE:FUNCTION"))
    var handler: String?

    @Option(help: ArgumentHelp("With --handler: the folder to deploy, holding the handler file (default: the file's folder).", valueName: "DIR"))
    var code: String?

    @Option(help: ArgumentHelp("\(SubcommandHelp.runtimes); by default from the file extension.", valueName: "RUNTIME"))
    var runtime: String?

    @Option(help: ArgumentHelp("A sample event name, or @file.json.", valueName: "SAMPLE"))
    var event: String?

    @Option(help: ArgumentHelp("The event as JSON text.", valueName: "JSON"))
    var payload: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Change one field of the event (repeatable).", valueName: "PATH=VALUE"))
    var overrides: [String] = []

    @Option(name: .customLong("log-type"), help: ArgumentHelp("None or Tail.", valueName: "TYPE"))
    var logType: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        var words = ["invoke"]
        if let name { words.append(name) }
        if let handler { words += ["--handler", handler] }
        if let code { words += ["--code", code] }
        if let runtime { words += ["--runtime", runtime] }
        if let event { words += ["--event", event] }
        if let payload { words += ["--payload", payload] }
        for override in overrides { words += ["--set", override] }
        if let logType { words += ["--log-type", logType] }
        if json { words.append("--json") }
        let status = global.launcher.runLines([words.map(ShellQuote.quote).joined(separator: " ")])
        if status != 0 { throw ExitCode(status) }
    }
}
