import ClassReports
import Foundation
import Quiz
import TerminalUI
import TutorSupport
import LineEditor

extension Command {
    /// The trainer's side of a workshop.
    static var workshopCommands: [Command] { [workshop] }

    static let workshop = Command(
        "workshop", group: .quiz,
        summary: "Class results for a trainer: item analysis over the learners' results files",
        usage: ["workshop code quiz|exam [--bank B] [--topic T] [--domain D] [--count N] [--preset P] [--seed S]",
                "workshop report FILE…|FOLDER [--code X] [--markdown|--csv [questions|learners]|--json] [-o FILE] [--yes]",
                "workshop report FILE…|FOLDER --html FILE [--yes]"],
        discussion: """
        `workshop code quiz|exam` makes a code to write on the board: it fixes the questions, their order, the \
        shuffles and generated numbers, so the whole room gets one set (`quiz --code X`, `exam --code X`; \
        `--print-key` prints the answer key). A mistyped code is caught, and a learner whose banks differ from yours \
        is told so.

        Each learner writes their results with `results --export json FILE` and hands the file in. `workshop report` \
        reads the files (or every .json file of a folder) and shows the class: a score per learner and per domain, \
        and per question the difficulty (share correct), the discrimination (upper minus lower 27 % of the class by \
        score) and the point-biserial correlation, how many chose each option (the popular wrong answer), the median \
        time, and KR-20 reliability for the set. Questions that are too easy (over 90 % right), too hard (under 30 %) \
        or discriminate negatively are flagged (discrimination flags need 5 learners). Each learner's first answer to \
        a question counts; learners are told apart by the name on their answers, so a merged file is split by name. \
        --code keeps the answers given with one workshop code. --html FILE writes the report as one self-contained         web page (no scripts, nothing fetched; every name and text from the files is escaped) to open or mail.
        """,
        examples: ["workshop code quiz --bank concurrency --count 10", "workshop code exam --preset workshop", "workshop report collected/", "workshop report ana.json ben.json --markdown -o report.md", "workshop report collected/ --json", "workshop report collected/ --html class.html"],
        options: [
            OptionSpec("code", value: "X", help: "report: only answers given with this workshop code"),
            OptionSpec("bank", value: "NAME", help: "code: only this bank", repeatable: true),
            OptionSpec("topic", value: "T", help: "code: only this topic", repeatable: true),
            OptionSpec("domain", value: "D", help: "code: only this domain", repeatable: true),
            OptionSpec("count", value: "N", help: "code: how many questions (default 10; an exam preset's own count)"),
            OptionSpec("preset", value: "NAME", help: "code: the exam preset (default workshop)"),
            OptionSpec("seed", value: "S", help: "code: the seed (0–16777215; default random)"),
            OptionSpec("markdown", help: "print the report as Markdown"),
            OptionSpec("csv", value: "TABLE", help: "print the questions (default) or learners table as CSV", valueOptional: true),
            OptionSpec("json", help: "print the report as JSON"),
            OptionSpec("html", value: "FILE", help: "write the report as a self-contained HTML page to FILE"),
            OptionSpec("output", value: "FILE", help: "write the report to FILE (also -o)"),
            OptionSpec("yes", help: "replace the -o file if it exists"),
        ],
        complete: { request, _ in
            if request.precedingWords.count == 1 { return ["code", "report"] }
            return request.precedingWords.count == 2 && request.precedingWords.last == "code" ? ["quiz", "exam"] : []
        },
        run: { context in
            let arguments = context.arguments
            let console = context.console
            let (positionals, shortOutput) = splitOutput(arguments)
            let output = shortOutput ?? arguments.option("output")
            if positionals.first == "code" {
                guard positionals.count == 2 else { throw CommandError("workshop code needs quiz or exam", hint: "workshop code quiz --bank NAME --count 10") }
                try makeWorkshopCode(context, kind: positionals[1])
                return
            }
            guard positionals.first == "report" else {
                throw CommandError(positionals.first.map { "unknown workshop command '\($0)'" } ?? "workshop needs a command",
                                   hint: "workshop code quiz|exam …, or workshop report FILE…|FOLDER")
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
            if arguments.has("html") {
                guard let file = arguments.option("html"), !file.isEmpty, file != "-" else {
                    throw CommandError("--html needs the file to write", hint: "workshop report collected/ --html class.html")
                }
                let url = URL(fileURLWithPath: file)
                try await context.session.mayOverwrite(url, yes: arguments.flag("yes"))
                try AtomicFile.write(report.html(), to: url, permissions: 0o644)
                console.line("Wrote the report on \(report.learners.count) learner(s) and \(report.items.count) question(s) to \(file) (HTML, self-contained).")
                return
            }
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
