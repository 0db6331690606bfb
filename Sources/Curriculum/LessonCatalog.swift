import Foundation
import TutorSupport

/// A folder of lessons: the bundled `Lessons/` or a trainer's.
package struct ContentFolder: Sendable, Hashable {
    package let url: URL
    package let origin: ContentOrigin

    package init(url: URL, origin: ContentOrigin) {
        self.url = url
        self.origin = origin
    }
}

/// All lessons the tutor can show, in order, plus what could not be loaded and why.
///
/// Loading never fails as a whole: each file is parsed on its own, and a broken file only
/// costs that file. Catalog-wide rules (unique ids, prerequisites that exist, no cycles) are
/// checked after every file is read.
package struct LessonCatalog: Sendable {
    package private(set) var lessons: [Lesson]
    /// Every problem found, errors and warnings, sorted by location.
    package private(set) var diagnostics: [Diagnostic]
    /// Files that could not be loaded as lessons, with the first reason.
    package private(set) var skipped: [Skipped]

    package struct Skipped: Sendable, Hashable {
        package let file: String
        /// The line of the first error (0 when it concerns the whole file).
        package let line: Int
        /// The column of that error (0 when unknown).
        package let column: Int
        package let reason: String

        package init(file: String, line: Int = 0, column: Int = 0, reason: String) {
            self.file = file
            self.line = line
            self.column = column
            self.reason = reason
        }

        /// `path:line`, or the path alone when the problem concerns the whole file.
        package var location: String { line > 0 ? "\(file):\(line)" : file }

        /// The skip as the REPL reports it at start-up: `path:line:col: error: reason (…skipped)`,
        /// so a terminal or editor can jump to the line, as with `lambda-tutor check`.
        package var diagnostic: Diagnostic {
            let note = reason.contains("skips this file") ? "" : " (the lesson is skipped)"
            return .error(file, line: line, column: column, reason + note)
        }
    }

    package init(lessons: [Lesson], diagnostics: [Diagnostic] = [], skipped: [Skipped] = []) {
        self.lessons = lessons
        self.diagnostics = diagnostics
        self.skipped = skipped
    }

    package func lesson(_ id: String) -> Lesson? { lessons.first { $0.id == id } }

    package var ids: [String] { lessons.map(\.id) }

    /// One lesson file to load, and whose it is.
    package struct Entry: Sendable, Hashable {
        package let url: URL
        package let origin: ContentOrigin

        package init(url: URL, origin: ContentOrigin) {
            self.url = url
            self.origin = origin
        }
    }

    /// Loads every `*.md` lesson file (except README.md) under each folder, folders in order,
    /// files sorted by path. `relativeTo` shortens paths in messages. A folder named twice (by
    /// `--content` and `LAMBDA_TUTOR_CONTENT`, say) is read once.
    package static func load(folders: [ContentFolder], parser: LessonParser = LessonParser(), relativeTo base: URL? = nil) -> LessonCatalog {
        var problems: [Diagnostic] = []
        let files = entries(in: folders, relativeTo: base, problems: &problems)
        return load(entries: files, parser: parser, relativeTo: base, problems: problems)
    }

    /// The lesson files of `folders`, each file once (folders that are the same folder, or one
    /// inside another, do not make a lesson its own duplicate).
    package static func entries(in folders: [ContentFolder], relativeTo base: URL? = nil, problems: inout [Diagnostic]) -> [Entry] {
        var entries: [Entry] = []
        for folder in folders {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                problems.append(.error(display(folder.url, base), "content folder does not exist or is not a folder"))
                continue
            }
            entries += lessonFiles(in: folder.url).map { Entry(url: $0, origin: folder.origin) }
        }
        return entries
    }

    /// Loads the given files in order: the first lesson with an id wins, a later one with the
    /// same id is reported and skipped (as the tutor does), and the same file named twice is
    /// read once. `problems` are earlier findings to keep with the catalog's.
    package static func load(entries: [Entry], parser: LessonParser = LessonParser(), relativeTo base: URL? = nil,
                            problems: [Diagnostic] = []) -> LessonCatalog {
        var lessons: [Lesson] = []
        var diagnostics = problems
        var skipped: [Skipped] = []
        var firstDefinition: [String: Lesson] = [:]
        var seenFiles: Set<String> = []
        for entry in entries {
            guard seenFiles.insert(entry.url.resolvingSymlinksInPath().standardizedFileURL.path).inserted else { continue }
            let path = display(entry.url, base)
            let result = parser.parse(fileAt: entry.url, displayPath: path, origin: entry.origin)
            diagnostics.append(contentsOf: result.diagnostics)
            guard let lesson = result.lesson else {
                let first = result.diagnostics.errors.first
                skipped.append(Skipped(file: path, line: first?.line ?? 0, column: first?.column ?? 0, reason: first?.message ?? "could not be read"))
                continue
            }
            if let first = firstDefinition[lesson.id] {
                let owner = first.origin == .bundled ? "the bundled lesson" : "the lesson"
                let message = "lesson id '\(lesson.id)' is already used by \(owner) at \(first.file):\(first.positions.id.line); "
                    + "the tutor loads that one and skips this file (give this lesson an id of its own)"
                diagnostics.append(.error(path, line: lesson.positions.id.line, column: lesson.positions.id.column, message))
                skipped.append(Skipped(file: path, line: lesson.positions.id.line, column: lesson.positions.id.column, reason: message))
                continue
            }
            firstDefinition[lesson.id] = lesson
            lessons.append(lesson)
        }
        diagnostics.append(contentsOf: checkReferences(lessons))
        return LessonCatalog(lessons: lessons, diagnostics: diagnostics.sortedByLocation(), skipped: skipped)
    }

    /// Lesson files in a folder, recursively, sorted; README.md files are author docs.
    package static func lessonFiles(in folder: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles]) else { return [] }
        var files: [URL] = []
        for case let url as URL in enumerator {
            guard url.pathExtension.lowercased() == "md", url.lastPathComponent.lowercased() != "readme.md" else { continue }
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }

    /// `url` relative to `base` when inside it (for short, clickable messages).
    package static func display(_ url: URL, _ base: URL?) -> String {
        guard let base else { return url.path }
        let basePath = base.standardizedFileURL.path.hasSuffix("/") ? base.standardizedFileURL.path : base.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(basePath) ? String(path.dropFirst(basePath.count)) : path
    }

    /// Prerequisites and related lessons must exist; prerequisites must not form a cycle.
    /// Messages point at the id as written under `prerequisites:` or `related:`.
    static func checkReferences(_ lessons: [Lesson]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let ids = Set(lessons.map(\.id))
        for lesson in lessons {
            func position(_ reference: String) -> SourcePosition {
                lesson.positions.references[reference] ?? lesson.positions.prerequisites ?? lesson.positions.id
            }
            for prerequisite in lesson.prerequisites where !ids.contains(prerequisite) {
                var message = "prerequisite '\(prerequisite)' is not a known lesson id"
                if let hint = Suggestions.didYouMean(prerequisite, in: ids) { message += "; \(hint)" }
                let at = position(prerequisite)
                diagnostics.append(.error(lesson.file, line: at.line, column: at.column, message))
            }
            for related in lesson.related where !ids.contains(related) {
                var message = "related lesson '\(related)' is not a known lesson id"
                if let hint = Suggestions.didYouMean(related, in: ids) { message += "; \(hint)" }
                let at = position(related)
                diagnostics.append(.warning(lesson.file, line: at.line, column: at.column, message))
            }
        }
        // Cycle detection (depth-first, colouring nodes). Ids are unique here (the loader
        // skips a second lesson with a taken id), but a hand-made list may repeat one: keep the first.
        let byID = Dictionary(lessons.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var state: [String: Int] = [:]  // 1 = visiting, 2 = done
        var reported = Set<Set<String>>()
        func visit(_ id: String, path: [String]) {
            state[id] = 1
            for next in byID[id]?.prerequisites ?? [] where byID[next] != nil {
                if state[next] == 1 {
                    let cycle = Array(path.drop { $0 != next }) + [id, next]
                    let members = Set(cycle)
                    if reported.insert(members).inserted, let lesson = byID[id] {
                        let chain = cycle.joined(separator: " → ").replacingOccurrences(of: "\(next) → \(next)", with: next)
                        // The edge that closes the cycle: `next` as written in `id`'s prerequisites.
                        let at = lesson.positions.references[next] ?? lesson.positions.prerequisites ?? lesson.positions.id
                        let message = id == next ? "lesson '\(id)' lists itself as a prerequisite"
                            : "prerequisites form a cycle: \(chain)"
                        diagnostics.append(.error(lesson.file, line: at.line, column: at.column, message))
                    }
                } else if state[next] == nil {
                    visit(next, path: path + [id])
                }
            }
            state[id] = 2
        }
        for lesson in lessons where state[lesson.id] == nil {
            visit(lesson.id, path: [])
        }
        return diagnostics
    }
}
