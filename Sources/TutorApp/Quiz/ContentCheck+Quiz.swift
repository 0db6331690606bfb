import Foundation
import Quiz
import TutorSupport

extension ContentCheck {
    /// `lambda-tutor check` for question banks: every `*.yaml` bank in the given folders and
    /// files (loaded together, so duplicate ids across banks are found), `.gift` files as they
    /// would import, all linted with the known lesson ids.
    static let questionBanks: Validator = { paths, lessonIDs in
        var folders: [URL] = []
        var banks: [URL] = []
        var gifts: [URL] = []
        for url in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                folders.append(url)
            } else if ["yaml", "yml"].contains(url.pathExtension.lowercased()) {
                banks.append(url)
            } else if url.pathExtension.lowercased() == "gift" {
                gifts.append(url)
            }
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path + "/"
        func display(_ url: URL) -> URL {
            let path = url.standardizedFileURL.path
            return URL(fileURLWithPath: path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path,
                       relativeTo: path.hasPrefix(cwd) ? URL(fileURLWithPath: cwd) : nil)
        }
        var files = banks.map(display)
        for folder in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            files += names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                .map { display(folder.appendingPathComponent($0)) }
        }
        let library = QuestionLibrary.load(files: files)
        let linter = BankLinter(knownLessons: lessonIDs.isEmpty ? nil : lessonIDs)
        var diagnostics = linter.lint(library)
        for gift in gifts {
            let shown = display(gift)
            guard let text = try? String(contentsOf: gift, encoding: .utf8) else {
                diagnostics.append(.error(shown.relativePath, "cannot read the file"))
                continue
            }
            let result = GIFTParser.parse(text, file: shown.relativePath)
            diagnostics += result.diagnostics
            for question in result.questions { diagnostics += BankLinter(knownLessons: nil).lint(question) }
        }
        return (diagnostics, files.count + gifts.count)
    }
}
