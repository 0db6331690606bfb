import Foundation
import TutorSupport

/// A folder of lessons: the bundled `Lessons/` or a trainer's.
public struct ContentFolder: Sendable, Hashable {
    public let url: URL
    public let origin: ContentOrigin

    public init(url: URL, origin: ContentOrigin) {
        self.url = url
        self.origin = origin
    }
}

/// All lessons the tutor can show, in order, plus what could not be loaded and why.
///
/// Loading never fails as a whole: each file is parsed on its own, and a broken file only
/// costs that file. Catalog-wide rules (unique ids, prerequisites that exist, no cycles) are
/// checked after every file is read.
public struct LessonCatalog: Sendable {
    public private(set) var lessons: [Lesson]
    /// Every problem found, errors and warnings, sorted by location.
    public private(set) var diagnostics: [Diagnostic]
    /// Files that could not be loaded as lessons, with the first reason.
    public private(set) var skipped: [Skipped]

    public struct Skipped: Sendable, Hashable {
        public let file: String
        public let reason: String
    }

    public init(lessons: [Lesson], diagnostics: [Diagnostic] = [], skipped: [Skipped] = []) {
        self.lessons = lessons
        self.diagnostics = diagnostics
        self.skipped = skipped
    }

    public func lesson(_ id: String) -> Lesson? { lessons.first { $0.id == id } }

    public var ids: [String] { lessons.map(\.id) }

    /// Loads every `*.md` lesson file (except README.md) under each folder, folders in order,
    /// files sorted by path. `relativeTo` shortens paths in messages.
    public static func load(folders: [ContentFolder], parser: LessonParser = LessonParser(), relativeTo base: URL? = nil) -> LessonCatalog {
        var lessons: [Lesson] = []
        var diagnostics: [Diagnostic] = []
        var skipped: [Skipped] = []
        var firstDefinition: [String: (file: String, line: Int)] = [:]
        var idLines: [String: Int] = [:]
        for folder in folders {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                diagnostics.append(.error(display(folder.url, base), "content folder does not exist or is not a folder"))
                continue
            }
            for file in lessonFiles(in: folder.url) {
                let path = display(file, base)
                let result = parser.parse(fileAt: file, displayPath: path, origin: folder.origin)
                diagnostics.append(contentsOf: result.diagnostics)
                guard let lesson = result.lesson else {
                    let reason = result.diagnostics.errors.first?.message ?? "could not be read"
                    skipped.append(Skipped(file: path, reason: reason))
                    continue
                }
                if let first = firstDefinition[lesson.id] {
                    let message = "duplicate lesson id '\(lesson.id)' (first defined at \(first.file):\(first.line)); this file is skipped"
                    diagnostics.append(.error(path, line: result.idLine, column: 1, message))
                    skipped.append(Skipped(file: path, reason: message))
                    continue
                }
                firstDefinition[lesson.id] = (path, result.idLine)
                idLines[lesson.id] = result.idLine
                lessons.append(lesson)
            }
        }
        diagnostics.append(contentsOf: checkReferences(lessons, idLines: idLines))
        return LessonCatalog(lessons: lessons, diagnostics: diagnostics.sortedByLocation(), skipped: skipped)
    }

    /// Lesson files in a folder, recursively, sorted; README.md files are author docs.
    public static func lessonFiles(in folder: URL) -> [URL] {
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
    public static func display(_ url: URL, _ base: URL?) -> String {
        guard let base else { return url.path }
        let basePath = base.standardizedFileURL.path.hasSuffix("/") ? base.standardizedFileURL.path : base.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(basePath) ? String(path.dropFirst(basePath.count)) : path
    }

    /// Reference checks for a set of lessons assembled by hand (the checker's single files);
    /// id lines are not known there, so messages point at line 2 (the usual `id:` line).
    public static func validateReferences(_ lessons: [Lesson]) -> [Diagnostic] {
        checkReferences(lessons, idLines: [:])
    }

    /// Prerequisites and related lessons must exist; prerequisites must not form a cycle.
    static func checkReferences(_ lessons: [Lesson], idLines: [String: Int]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let ids = Set(lessons.map(\.id))
        for lesson in lessons {
            let line = idLines[lesson.id] ?? 2
            for prerequisite in lesson.prerequisites where !ids.contains(prerequisite) {
                var message = "prerequisite '\(prerequisite)' is not a known lesson id"
                if let hint = Suggestions.didYouMean(prerequisite, in: ids) { message += "; \(hint)" }
                diagnostics.append(.error(lesson.file, line: line, column: 1, message))
            }
            for related in lesson.related where !ids.contains(related) {
                var message = "related lesson '\(related)' is not a known lesson id"
                if let hint = Suggestions.didYouMean(related, in: ids) { message += "; \(hint)" }
                diagnostics.append(.warning(lesson.file, line: line, column: 1, message))
            }
        }
        // Cycle detection (depth-first, colouring nodes).
        let byID = Dictionary(uniqueKeysWithValues: lessons.map { ($0.id, $0) })
        var state: [String: Int] = [:]  // 1 = visiting, 2 = done
        var reported = Set<Set<String>>()
        func visit(_ id: String, path: [String]) {
            state[id] = 1
            for next in byID[id]?.prerequisites ?? [] where byID[next] != nil {
                if state[next] == 1 {
                    let cycle = Array(path.drop { $0 != next }) + [id, next]
                    let members = Set(cycle)
                    if reported.insert(members).inserted, let lesson = byID[next] {
                        let chain = (Array(path.drop { $0 != next }) + [id, next]).joined(separator: " → ")
                        diagnostics.append(.error(lesson.file, line: idLines[next] ?? 1, column: 1,
                                                  "prerequisites form a cycle: \(chain.replacingOccurrences(of: "\(next) → \(next)", with: next))"))
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
