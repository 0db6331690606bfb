import Foundation
import Curriculum

/// Where lessons and question banks come from: the bundled folders, then each trainer folder.
package struct ContentSources: Sendable {
    package struct Source: Sendable, Hashable {
        package let root: URL
        package let lessons: URL?
        package let quizzes: URL?
        package let origin: ContentOrigin
    }

    package var sources: [Source]
    /// Problems found while locating content (a missing folder), shown at start.
    package var notices: [String]
    /// The bundled content root, if found.
    package var bundledRoot: URL?

    /// Bundled content, plus `--content` folders and `LAMBDA_TUTOR_CONTENT` (colon-separated).
    /// With `bundled: false` (`--no-bundled`), only the trainer's folders: a workshop session
    /// that shows the trainer's lessons and asks the trainer's questions and nothing else.
    package static func locate(extraFolders: [String], environment: [String: String], executablePath: String? = nil,
                              bundled includeBundled: Bool = true) -> ContentSources {
        var sources: [Source] = []
        var notices: [String] = []
        let bundled = bundledContentRoot(environment: environment, executablePath: executablePath)
        if !includeBundled {
            if extraFolders.isEmpty, (environment["LAMBDA_TUTOR_CONTENT"] ?? "").isEmpty {
                notices.append("--no-bundled leaves only your own content, but no --content folder was given")
            }
        } else if let bundled {
            sources.append(Source(root: bundled, lessons: existingFolder(bundled.appendingPathComponent("Lessons")),
                                  quizzes: existingFolder(bundled.appendingPathComponent("Quizzes")), origin: .bundled))
        } else {
            notices.append("the bundled lessons were not found (looked near the lambda-tutor binary and in LAMBDA_TUTOR_BUNDLE); set LAMBDA_TUTOR_BUNDLE to the folder that holds Lessons/ and Quizzes/")
        }
        var folders = extraFolders
        if let env = environment["LAMBDA_TUTOR_CONTENT"], !env.isEmpty {
            folders += env.split(separator: ":").map(String.init)
        }
        for folder in folders {
            let url = URL(fileURLWithPath: (folder as NSString).expandingTildeInPath).standardizedFileURL
            // The same folder named twice (`--content` and LAMBDA_TUTOR_CONTENT) is read once.
            if sources.contains(where: { Self.sameFolder($0.root, url) }) { continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                notices.append("content folder \(folder) does not exist or is not a folder; it is skipped")
                continue
            }
            let lessons = existingFolder(url.appendingPathComponent("Lessons")) ?? url
            let quizzes = existingFolder(url.appendingPathComponent("Quizzes")) ?? url
            sources.append(Source(root: url, lessons: lessons, quizzes: quizzes, origin: .trainer(folder: folder)))
        }
        return ContentSources(sources: sources, notices: notices, bundledRoot: bundled)
    }

    package var lessonFolders: [ContentFolder] {
        sources.compactMap { source in source.lessons.map { ContentFolder(url: $0, origin: source.origin) } }
    }

    package var quizFolders: [URL] { sources.compactMap(\.quizzes) }

    /// Whether two paths name one folder (after `..`, `.` and symbolic links are resolved).
    static func sameFolder(_ a: URL, _ b: URL) -> Bool {
        a.resolvingSymlinksInPath().standardizedFileURL.path == b.resolvingSymlinksInPath().standardizedFileURL.path
    }

    static func existingFolder(_ url: URL) -> URL? {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue ? url : nil
    }

    /// `LAMBDA_TUTOR_BUNDLE`, else the nearest folder above the executable that holds
    /// `Lessons/` (a checkout run with `swift run`), else `<prefix>/share/lambda-tutor`.
    static func bundledContentRoot(environment: [String: String], executablePath: String?) -> URL? {
        if let explicit = environment["LAMBDA_TUTOR_BUNDLE"], !explicit.isEmpty {
            let url = URL(fileURLWithPath: explicit)
            return existingFolder(url.appendingPathComponent("Lessons")) != nil ? url : nil
        }
        let exe = executablePath ?? (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<8 {
            if existingFolder(dir.appendingPathComponent("Lessons")) != nil,
               FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                return dir
            }
            let share = dir.appendingPathComponent("share/lambda-tutor")
            if existingFolder(share.appendingPathComponent("Lessons")) != nil { return share }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        return nil
    }
}
