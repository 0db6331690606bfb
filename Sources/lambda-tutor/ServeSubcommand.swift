import ArgumentParser
import TutorApp

/// `lambda-tutor serve`: the Lambda API for the AWS CLI and boto3, in the foreground.
struct ServeSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the Lambda API on 127.0.0.1 for the AWS CLI and boto3 (foreground; Ctrl-C stops it).",
        discussion: """
        Serves your functions (the data folder's, as 'fn' manages them) with the Lambda REST API 2015-03-31, on port 9001 \
        when it is free, else on a free port; the endpoint is printed. While it runs, 'lambda-tutor invoke NAME' in another \
        shell on the same data folder goes through it, so environments are shared as on AWS. Example:
          export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
          export AWS_ENDPOINT_URL_LAMBDA=http://127.0.0.1:9001
          aws lambda invoke --function-name myFunction output.json
        """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The port to listen on (default 9001, or a free one when it is taken; 0: any free port).", valueName: "N"))
    var port: Int?

    @Option(name: .customLong("time-scale"), help: ArgumentHelp("Make waiting (retry delays, backoff, visibility timeouts, batching windows) pass N times faster, as 'time scale N' does in the tutor; handlers still run in real time.", valueName: "N"))
    var timeScale: Double?

    func validate() throws {
        if let port, !(0...65_535).contains(port) { throw ValidationError("--port must be between 0 (any free port) and 65535") }
    }

    func run() throws {
        let status = global.launcher.runServe(port: port, timeScale: timeScale)
        if status != 0 { throw ExitCode(status) }
    }
}
