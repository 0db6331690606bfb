import ArgumentParser
import Foundation
import TutorApp

#if canImport(Glibc)
import Glibc
#endif

/// `lambda-tutor review`: the REPL's `review` (help and options from the command table): the
/// due cards on a terminal (the tutor opens with the review started), answers from stdin when
/// piped; `--due [--json]` and `--retention` answer at once, for scripts.
struct ReviewSubcommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "review", abstract: SubcommandHelp.summary("review"),
                             discussion: SubcommandHelp.discussion("review", note: """
                             From the shell: with answers piped on stdin the review runs unattended, one answer per line. \
                             LAMBDA_TUTOR_NOW=2027-01-15T09:00:00Z sets the clock (ISO 8601), as for exams.
                             """))
    }

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("review's options, as in the tutor (above).", valueName: "options"))
    var arguments: [String] = []

    func run() throws {
        let line = Passthrough.line("review", arguments)
        let status: Int32
        if Passthrough.has("due", in: arguments) || arguments.contains(where: { $0.hasPrefix("--retention") }) {
            status = global.launcher.runLines([line])
        } else if isatty(STDIN_FILENO) == 0 {
            let text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            status = global.launcher.runLines([line] + text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        } else {
            status = global.launcher.runREPL(initialLines: [line])
        }
        if status != 0 { throw ExitCode(status) }
    }
}
