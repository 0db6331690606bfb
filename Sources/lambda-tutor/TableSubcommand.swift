import ArgumentParser
import TutorApp

/// A subcommand that is one of the REPL's commands, run once: its help is the command table's
/// (``SubcommandHelp``) and its words go to the command as typed, so no option is written twice
/// and the CLI cannot drift from the tutor (`lambda-tutor results --preset saa-c03` works
/// because `results` takes it).
protocol TableCommandName {
    /// The REPL command's name.
    static var name: String { get }
}

struct TableSubcommand<Name: TableCommandName>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: Name.name, abstract: SubcommandHelp.summary(Name.name),
                             discussion: SubcommandHelp.discussion(Name.name))
    }

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The command's words and options, as in the tutor (above).", valueName: "words"))
    var arguments: [String] = []

    func run() throws {
        try global.runLines([Passthrough.line(Name.name, arguments)])
    }
}

/// The words of a passed-through subcommand.
enum Passthrough {
    /// The tutor command line for `name` and the words as the shell gave them.
    static func line(_ name: String, _ words: [String]) -> String {
        ([name] + words.map(ShellQuote.quote)).joined(separator: " ")
    }

    /// Takes `--NAME VALUE` or `--NAME=VALUE` (an option of the CLI's own, not the command's)
    /// out of `words`; nil when it is not there.
    static func take(_ name: String, from words: inout [String]) throws -> String? {
        guard let index = words.firstIndex(where: { $0 == "--\(name)" || $0.hasPrefix("--\(name)=") }) else { return nil }
        let word = words.remove(at: index)
        if let equals = word.firstIndex(of: "=") { return String(word[word.index(after: equals)...]) }
        guard index < words.count else { throw ValidationError("--\(name) needs a value") }
        return words.remove(at: index)
    }

    /// Whether `--NAME` is among the words.
    static func has(_ name: String, in words: [String]) -> Bool {
        words.contains("--\(name)")
    }
}

enum LessonsName: TableCommandName { static let name = "lessons" }
enum LessonName: TableCommandName { static let name = "lesson" }
enum FactsName: TableCommandName { static let name = "facts" }
enum CalcName: TableCommandName { static let name = "calc" }
enum SimulateName: TableCommandName { static let name = "simulate" }
enum ResultsName: TableCommandName { static let name = "results" }
enum ImportName: TableCommandName { static let name = "import" }
enum ExportName: TableCommandName { static let name = "export" }
enum ExercisesName: TableCommandName { static let name = "exercises" }
enum WorkshopName: TableCommandName { static let name = "workshop" }
