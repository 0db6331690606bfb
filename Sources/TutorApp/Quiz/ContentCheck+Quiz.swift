import Foundation
import Quiz
import TutorSupport

extension ContentCheck {
    /// `lambda-tutor check` for question banks: every `*.yaml` bank in the given folders and
    /// files, loaded after the banks the tutor loads anyway (so an id already used by a bundled
    /// question is found, and reported on the checked file), `.gift` and Aiken files as they
    /// would import, all linted with the known lesson ids.
    static let questionBanks: Validator = { paths, reference, lessonIDs in
        var folders: [URL] = []
        var banks: [URL] = []
        var imports: [URL] = []
        for url in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                folders.append(url)
            } else if ["yaml", "yml"].contains(url.pathExtension.lowercased()) {
                banks.append(url)
            } else {
                imports.append(url)
            }
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path + "/"
        func display(_ url: URL) -> URL {
            let path = url.standardizedFileURL.path
            return URL(fileURLWithPath: path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path,
                       relativeTo: path.hasPrefix(cwd) ? URL(fileURLWithPath: cwd) : nil)
        }
        func bankFiles(in folder: URL) -> [URL] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { display(folder.appendingPathComponent($0)) }
        }
        var files = banks.map(display)
        for folder in folders { files += bankFiles(in: folder) }
        let checked = Set(files.map { $0.standardizedFileURL.path })
        let referenceFiles = reference.flatMap(bankFiles).filter { !checked.contains($0.standardizedFileURL.path) }
        let library = QuestionLibrary.load(files: referenceFiles + files)
        let linter = BankLinter(knownLessons: lessonIDs.isEmpty ? nil : lessonIDs)
        let checkedNames = Set(files.map(\.relativePath))
        var diagnostics = reference.isEmpty ? linter.lint(library) : linter.lint(library, onlyFiles: checkedNames)
        for file in imports {
            let shown = display(file).relativePath
            let text: String
            switch ContentText.read(file, file: shown, kind: "GIFT and Aiken files are UTF-8 text") {
            case .success(let decoded): text = decoded
            case .failure(let problem):
                diagnostics.append(problem)
                continue
            }
            let result = file.pathExtension.lowercased() == "gift" ? GIFTParser.parse(text, file: shown) : AikenFormat.parse(text, file: shown)
            diagnostics += result.diagnostics
            for question in result.questions { diagnostics += BankLinter(knownLessons: nil).lint(question) }
        }
        return (diagnostics, files.count + imports.count)
    }
}
