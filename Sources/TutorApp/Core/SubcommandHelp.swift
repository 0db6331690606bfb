import Foundation
import MiniLambda
import TerminalUI

/// What `lambda-tutor NAME --help` says for a subcommand that is the REPL's command NAME: the
/// command table's summary, and its usage, discussion, options and examples as `help NAME`
/// prints them, in plain text. The CLI passes such a subcommand's words through to the command,
/// so its options are written once, in the table, and cannot drift from the REPL's.
package enum SubcommandHelp {
    /// The width the help is laid out for (ArgumentParser indents nothing of the discussion).
    static let width = 78

    /// The runtimes the tutor runs, as help lists them (the CLI's `invoke --runtime`).
    package static var runtimes: String { FunctionRuntime.supportedList }

    /// The command's one-line summary; the name itself if the table has no such command.
    package static func summary(_ name: String) -> String {
        CommandRegistry.standard.lookup(name)?.summary ?? name
    }

    /// Usage, discussion, options and examples, followed by `note` when the CLI adds something
    /// of its own (answers from a file, a terminal opened for a person).
    package static func discussion(_ name: String, note: String? = nil) -> String {
        guard let command = CommandRegistry.standard.lookup(name) else { return note ?? "" }
        var lines = HelpView(registry: .standard, style: .plain, width: width).detail(command).components(separatedBy: "\n")
        // The first line repeats the name and summary that ArgumentParser prints as OVERVIEW.
        if lines.count > 2 { lines.removeFirst(2) }
        if let note { lines += ["", note] }
        return lines.joined(separator: "\n")
    }
}
