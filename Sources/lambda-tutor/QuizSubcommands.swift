import ArgumentParser
import Foundation
import TutorApp

#if canImport(Glibc)
import Glibc
#endif

/// Answers for a scripted quiz or exam: `--answers FILE`, `--answers -` (stdin), or stdin
/// when it is not a terminal. Nil means "a person is here": open the REPL instead.
private func scriptedAnswers(_ option: String?) throws -> [String]? {
    let text: String
    if let option, option != "-" {
        do {
            text = try String(contentsOfFile: option, encoding: .utf8)
        } catch {
            throw ValidationError("cannot read the answers file \(option): \(error.localizedDescription)")
        }
    } else if option == "-" || isatty(STDIN_FILENO) == 0 {
        text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    } else {
        return nil
    }
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
}

extension GlobalOptions {
    /// Runs tutor command lines and turns a failure into the process's exit status.
    func runLines(_ lines: [String]) throws {
        let status = launcher.runLines(lines)
        if status != 0 { throw ExitCode(status) }
    }
}

/// `lambda-tutor quiz …`: the REPL's `quiz` (help and options from the command table), on a
/// terminal in the tutor, unattended with answers from a file or stdin.
struct QuizSubcommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "quiz", abstract: SubcommandHelp.summary("quiz"),
                             discussion: SubcommandHelp.discussion("quiz", note: """
                             From the shell: on a terminal this opens the tutor with the quiz started. With --answers FILE \
                             (- for stdin), or answers piped on stdin, it runs unattended: one answer per line (a b, 60, text; \
                             or hint, show, skip, stop), and exits 1 if an answer did not fit its question. --topics lists the \
                             topics (as --topic alone does).
                             """))
    }

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("quiz's options, as in the tutor (above), and --answers FILE.", valueName: "options"))
    var arguments: [String] = []

    func run() throws {
        var words = arguments
        let answers = try Passthrough.take("answers", from: &words)
        if let index = words.firstIndex(of: "--topics") { words[index] = "--topic" }
        let line = Passthrough.line("quiz", words)
        // Listing the topics or printing a trainer's key asks no question.
        if Passthrough.has("print-key", in: words) || (words == ["--topic"]) {
            try global.runLines([line])
            return
        }
        let status: Int32
        if let lines = try scriptedAnswers(answers) {
            status = global.launcher.runLines([line] + lines)
        } else {
            status = global.launcher.runREPL(initialLines: [line])
        }
        if status != 0 { throw ExitCode(status) }
    }
}

/// `lambda-tutor exam …`: the REPL's `exam`; unattended, the answers are given in order and
/// the exam is submitted at the end (unless the answers pause it).
struct ExamSubcommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "exam", abstract: SubcommandHelp.summary("exam"),
                             discussion: SubcommandHelp.discussion("exam", note: """
                             From the shell: on a terminal this opens the tutor with the exam started. With --answers FILE \
                             (- for stdin), or answers piped on stdin, it runs unattended: one line per question in order (an \
                             answer, or next to leave one open; flag, goto N and review work too), then it is submitted.
                             """))
    }

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("exam's options, as in the tutor (above), and --answers FILE.", valueName: "options"))
    var arguments: [String] = []

    func run() throws {
        var words = arguments
        let answers = try Passthrough.take("answers", from: &words)
        let line = Passthrough.line("exam", words)
        if Passthrough.has("print-key", in: words) || Passthrough.has("presets", in: words) {
            try global.runLines([line])
            return
        }
        let status: Int32
        if let lines = try scriptedAnswers(answers) {
            let pauses = lines.contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == "pause" }
            status = global.launcher.runLines([line] + lines + (pauses ? [] : ["submit --yes"]))
        } else {
            status = global.launcher.runREPL(initialLines: [line])
        }
        if status != 0 { throw ExitCode(status) }
    }
}
