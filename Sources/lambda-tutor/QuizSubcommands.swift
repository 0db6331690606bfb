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

/// `--name value` for each value, quoted for the tutor's command line.
private func forward(_ name: String, _ values: [String]) -> [String] {
    values.flatMap { ["--\(name)", ShellQuote.quote($0)] }
}

struct QuizSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Practise questions with feedback after each answer.",
        discussion: """
        On a terminal this opens the tutor with the quiz started. With --answers FILE (or answers piped on stdin) \
        it runs unattended: one answer per line (a b, 60, text; or hint, show, skip, stop), and exits 1 if an \
        answer did not fit its question. --json prints only a summary with every answer.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this domain (repeatable).") var domain: [String] = []
    @Option(help: "Only questions with this topic (repeatable).") var topic: [String] = []
    @Option(help: "Only this question type (repeatable).") var type: [String] = []
    @Option(help: "Only this bank (repeatable).") var bank: [String] = []
    @Option(help: "How many questions (default 10).") var count: Int?
    @Option(help: "Reproduce a set of questions.") var seed: UInt64?
    @Option(help: ArgumentHelp("Read answers from FILE (- for stdin).", valueName: "FILE")) var answers: String?
    @Flag(help: "Ask again what your latest answer got wrong.") var missed = false
    @Flag(help: "List the topics (with how many questions each) and exit.") var topics = false
    @Option(help: ArgumentHelp("The workshop code your trainer gives: the same questions for the whole room.", valueName: "X")) var code: String?
    @Flag(name: .customLong("print-key"), help: "With --code: print the answer key (for the trainer) and exit.") var printKey = false
    @Flag(help: "Print only a JSON summary.") var json = false

    func run() throws {
        if topics {
            try global.runLines(["quiz --topic"])
            return
        }
        var words = ["quiz"] + forward("domain", domain) + forward("topic", topic) + forward("type", type) + forward("bank", bank)
        if missed { words.append("--missed") }
        if let count { words += ["--count", String(count)] }
        if let seed { words += ["--seed", String(seed)] }
        if let code { words += ["--code", ShellQuote.quote(code)] }
        if printKey {
            try global.runLines([(words + ["--print-key"]).joined(separator: " ")])
            return
        }
        if json { words.append("--json") }
        let line = words.joined(separator: " ")
        let status: Int32
        if let lines = try scriptedAnswers(answers) {
            status = global.launcher.runLines([line] + lines)
        } else {
            status = global.launcher.runREPL(initialLines: [line])
        }
        if status != 0 { throw ExitCode(status) }
    }
}

struct ExamSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exam",
        abstract: "Take a timed practice exam scored like AWS (100–1000, 720 to pass).",
        discussion: """
        On a terminal this opens the tutor with the exam started. With --answers FILE (or answers piped on stdin) \
        it runs unattended: one line per question in order (an answer, or next to leave one open; flag, goto N \
        and review work too), then it is submitted. --json prints only the result.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "dva-c02 (default) or workshop.") var preset: String?
    @Option(help: "Number of questions.") var questions: Int?
    @Option(help: "Time limit in minutes.") var minutes: Int?
    @Option(name: .customLong("pass"), help: "Percent correct needed to pass (default 72).") var passPercent: Int?
    @Option(help: "Reproduce a set of questions.") var seed: UInt64?
    @Option(help: "Only this bank (repeatable).") var bank: [String] = []
    @Option(help: "Only questions with this topic (repeatable).") var topic: [String] = []
    @Option(help: "Only this domain (repeatable).") var domain: [String] = []
    @Option(help: ArgumentHelp("The workshop code your trainer gives: the same exam for the whole room.", valueName: "X")) var code: String?
    @Flag(name: .customLong("print-key"), help: "With --code: print the answer key (for the trainer) and exit.") var printKey = false
    @Flag(help: "Continue the exam you paused.") var resume = false
    @Option(help: ArgumentHelp("Read answers from FILE (- for stdin).", valueName: "FILE")) var answers: String?
    @Flag(help: "Print only a JSON result.") var json = false

    func run() throws {
        var words = ["exam"]
        if let preset { words += ["--preset", ShellQuote.quote(preset)] }
        if let questions { words += ["--questions", String(questions)] }
        if let minutes { words += ["--minutes", String(minutes)] }
        if let passPercent { words += ["--pass", String(passPercent)] }
        if let seed { words += ["--seed", String(seed)] }
        words += forward("bank", bank) + forward("topic", topic) + forward("domain", domain)
        if let code { words += ["--code", ShellQuote.quote(code)] }
        if printKey {
            try global.runLines([(words + ["--print-key"]).joined(separator: " ")])
            return
        }
        if resume { words.append("--resume") }
        if json { words.append("--json") }
        let line = words.joined(separator: " ")
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

struct ResultsSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "Your history, the trend per domain, and what to study next."
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the report as JSON.") var json = false
    @Option(help: ArgumentHelp("Write every recorded answer as csv or json to FILE (- prints it).", valueName: "FORMAT")) var export: String?
    @Argument(help: "The file for --export.") var file: String?
    @Flag(help: "Replace the --export file if it exists.") var yes = false

    func run() throws {
        var words = ["results"]
        if json { words.append("--json") }
        if yes { words.append("--yes") }
        if let export { words += ["--export", ShellQuote.quote(export)] }
        if let file { words.append(ShellQuote.quote(file)) }
        try global.runLines([words.joined(separator: " ")])
    }
}

struct ImportSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert a Moodle GIFT or Aiken file into a question bank (YAML).",
        discussion: "Without -o the bank is printed. Problems are reported as file:line:col; the rest converts. Exits 1 if any question could not be imported."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "gift or aiken.") var format: String
    @Argument(help: "The file to import.") var file: String
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the bank here, e.g. Quizzes/imported.yaml.", valueName: "FILE")) var output: String?
    @Option(help: "Domain for questions that name none (default development).") var domain: String?
    @Option(help: "Start of generated ids (default: the file name).") var prefix: String?
    @Flag(help: "Replace the -o file if it exists.") var yes = false

    func run() throws {
        var words = ["import", ShellQuote.quote(format), ShellQuote.quote(file)]
        if yes { words.append("--yes") }
        if let output { words += ["--output", ShellQuote.quote(output)] }
        if let domain { words += ["--domain", ShellQuote.quote(domain)] }
        if let prefix { words += ["--prefix", ShellQuote.quote(prefix)] }
        try global.runLines([words.joined(separator: " ")])
    }
}

struct ExportSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write questions as Moodle GIFT or Aiken.",
        discussion: "A selection is any of domain:D, topic:T, type:TYPE, bank:NAME, exam:CODE and question ids; none means all. What the format cannot hold is listed on stderr."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "gift or aiken.") var format: String
    @Argument(help: "Which questions (default: all).") var selection: [String] = []
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The file to write (- prints it).", valueName: "FILE")) var output: String
    @Option(help: "Variant written for generated questions (default 1).") var seed: UInt64?
    @Flag(help: "Replace the -o file if it exists.") var yes = false

    func run() throws {
        var words = ["export", ShellQuote.quote(format)] + selection.map(ShellQuote.quote) + ["--output", ShellQuote.quote(output)]
        if yes { words.append("--yes") }
        if let seed { words += ["--seed", String(seed)] }
        try global.runLines([words.joined(separator: " ")])
    }
}
