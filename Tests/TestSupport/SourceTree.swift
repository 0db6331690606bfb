import Foundation

/// The package's own folders as tests find them: the root (for the bundled Lessons/ and
/// Quizzes/, the check corpus, README.md), found from this file's path. In-process tests read
/// content through it without touching the built binary (``TutorBinary``).
package enum SourceTree {
    package static var root: URL {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
            dir = dir.deletingLastPathComponent()
        }
        return dir
    }
}
