import ArgumentParser
import Foundation
import TutorApp

#if canImport(Glibc)
import Glibc
#endif

/// `lambda-tutor review`: the due cards on a terminal (the tutor opens with the review
/// started), answers from stdin when piped; `--due [--json]` and `--retention` for scripts.
struct ReviewSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review the questions and checkpoints that are due (spaced repetition).",
        discussion: """
        'review --due --json' prints {"due": N, "cards": M}. 'review --retention 0.85' sets the recall you aim for \
        (0.70–0.97, default 0.90) and keeps it. With answers piped on stdin the review runs unattended, one answer \
        per line. LAMBDA_TUTOR_NOW=2027-01-15T09:00:00Z sets the clock (ISO 8601), as for exams.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Count the due cards instead of reviewing them.") var due = false
    @Flag(help: "With --due: print {\"due\": N, \"cards\": M}.") var json = false
    @Option(help: "Review at most N cards.") var count: Int?
    @Option(help: ArgumentHelp("Set the desired retention (0.70–0.97).", valueName: "R")) var retention: String?

    func run() throws {
        var words = ["review"]
        if due { words.append("--due") }
        if json { words.append("--json") }
        if let count { words += ["--count", String(count)] }
        if let retention { words += ["--retention", ShellQuote.quote(retention)] }
        let line = words.joined(separator: " ")
        let status: Int32
        if due || retention != nil {
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
