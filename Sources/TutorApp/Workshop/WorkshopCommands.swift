import ClassReports
import Foundation
import Quiz
import TerminalUI
import TutorSupport

extension Command {
    /// The trainer's side of a workshop.
    static var workshopCommands: [Command] { [workshop] }

    static let workshop = Command(
        "workshop", group: .quiz,
        summary: "Class results for a trainer: item analysis over the learners' results files",
        usage: ["workshop report FILE…|FOLDER [--code X] [--markdown|--csv [questions|learners]|--json] [-o FILE] [--yes]"],
        discussion: """
        Each learner writes their results with `results --export json FILE` and hands the file in. `workshop report` \
        reads the files (or every .json file of a folder) and shows the class: a score per learner and per domain, \
        and per question the difficulty (share correct), the discrimination (upper minus lower 27 % of the class by \
        score) and the point-biserial correlation, how many chose each option (the popular wrong answer), the median \
        time, and KR-20 reliability for the set. Questions that are too easy (over 90 % right), too hard (under 30 %) \
        or discriminate negatively are flagged (discrimination flags need 5 learners). Each learner's first answer to \
        a question counts; learners are told apart by the name on their answers, so a merged file is split by name. \
        --code keeps the answers given with one workshop code.
        """,
        examples: ["workshop report collected/", "workshop report ana.json ben.json --markdown -o report.md", "workshop report collected/ --json"],
        options: [
            OptionSpec("code", value: "X", help: "only answers given with this workshop code"),
            OptionSpec("markdown", help: "print the report as Markdown"),
            OptionSpec("csv", value: "TABLE", help: "print the questions (default) or learners table as CSV", valueOptional: true),
            OptionSpec("json", help: "print the report as JSON"),
            OptionSpec("output", value: "FILE", help: "write the report to FILE (also -o)"),
            OptionSpec("yes", help: "replace the -o file if it exists"),
        ],
        complete: { request, _ in request.precedingWords.count == 1 ? ["report"] : [] },
        run: { context in
            let arguments = context.arguments
            let console = context.console
            let (positionals, shortOutput) = splitOutput(arguments)
            let output = shortOutput ?? arguments.option("output")
            guard positionals.first == "report" else {
                throw CommandError(arguments.positional(0).map { "unknown workshop command '\($0)'" } ?? "workshop needs a command",
                                   hint: "workshop report FILE…|FOLDER")
            }
            let paths = Array(positionals.dropFirst())
            guard !paths.isEmpty else {
                throw CommandError("workshop report needs the learners' results files or a folder of them",
                                   hint: "each learner writes one with 'results --export json FILE'")
            }
            let (documents, problems) = WorkshopFiles.read(paths)
            for problem in problems { console.warning(problem) }
            guard !documents.isEmpty else { throw CommandError("no results files could be read", hint: "each learner writes one with 'results --export json FILE'") }
            let report = ClassReport(documents: documents, workshop: arguments.option("code"))
            let text: String
            if arguments.flag("json") {
                text = report.json()
            } else if arguments.flag("markdown") {
                text = report.markdown()
            } else if arguments.has("csv") {
                let name = arguments.option("csv") ?? "questions"
                guard let section = ClassReport.CSVSection(rawValue: name) else {
                    throw CommandError("--csv takes questions or learners, not '\(name)'")
                }
                text = report.csv(section)
            } else {
                text = WorkshopView.render(report, width: console.width, style: console.style)
            }
            if let output, output != "-" {
                let url = URL(fileURLWithPath: output)
                try await context.session.mayOverwrite(url, yes: arguments.flag("yes"))
                try AtomicFile.write(text.hasSuffix("\n") ? text : text + "\n", to: url, permissions: 0o644)
                console.line("Wrote the report on \(report.learners.count) learner(s) and \(report.items.count) question(s) to \(output).")
            } else {
                console.line(text.hasSuffix("\n") ? String(text.dropLast()) : text)
            }
        })
}

/// Reading the results files a trainer collected.
enum WorkshopFiles {
    /// Files bigger than this are not results files (a class's results are kilobytes).
    static let maxBytes = 20_000_000

    /// The documents of `paths` (files, or folders whose `*.json` files are read), with a
    /// message for each file that could not be read; the rest are reported on.
    static func read(_ paths: [String]) -> (documents: [(source: String, document: ResultsDocument)], problems: [String]) {
        var files: [String] = []
        var problems: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append("\(path): no such file or folder")
                continue
            }
            if isDirectory.boolValue {
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.lowercased().hasSuffix(".json") }.sorted()
                if names.isEmpty { problems.append("\(path): the folder holds no .json results files") }
                files += names.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        var documents: [(source: String, document: ResultsDocument)] = []
        for file in files {
            if let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int, size > maxBytes {
                problems.append("\(file): \(size) bytes is too big for a results file; skipped")
                continue
            }
            guard let data = FileManager.default.contents(atPath: file) else {
                problems.append("\(file): cannot read the file; skipped")
                continue
            }
            do {
                documents.append((file, try ResultsDocument.decode(data)))
            } catch {
                problems.append("\(file): \(error.message); skipped")
            }
        }
        return (documents, problems)
    }
}
