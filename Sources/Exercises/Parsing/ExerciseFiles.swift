import Foundation
import TutorSupport
import MiniLambda

/// The code folders of an exercise (`starter/`, `solution/`, `support/`): what they must hold,
/// and listing and copying them safely.
///
/// Exercise folders are a trainer's content, so they are not trusted: only regular files are
/// listed and copied (a symbolic link could point a learner's function at any file they can
/// read), nothing is followed out of the folder, and sizes are capped.
package enum ExerciseFiles {
    package static let maxFiles = 50
    package static let maxFileBytes = 1 << 20

    /// Problems with the code folders, pointing at the key of `exercise.yaml` they concern.
    static func check(_ exercise: Exercise) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let line = exercise.lines["handler"] ?? exercise.lines["runtime"] ?? 1
        for (folder, label) in [(exercise.starterFolder, "starter"), (exercise.solutionFolder, "solution")] {
            let listing = list(folder)
            if let problem = listing.problem {
                diagnostics.append(.error(exercise.file, line: line, column: 1, "\(label)/: \(problem)"))
                continue
            }
            let candidates = exercise.handlerFileCandidates
            if !candidates.contains(where: listing.files.contains) {
                diagnostics.append(.error(exercise.file, line: line, column: 1,
                                          "\(label)/ has no \(candidates.joined(separator: " or ")), the file the handler \(exercise.handler) points at"))
            }
            let wrongLanguage = listing.files.filter { file in
                let ext = (file as NSString).pathExtension
                return exercise.runtime.family == .python ? ["js", "mjs", "cjs"].contains(ext) : ext == "py"
            }
            if !wrongLanguage.isEmpty {
                diagnostics.append(.warning(exercise.file, line: exercise.lines["runtime"] ?? 1, column: 1,
                                            "\(label)/\(wrongLanguage[0]) is not \(exercise.runtime) code"))
            }
        }
        if FileManager.default.fileExists(atPath: exercise.supportFolder.path), let problem = list(exercise.supportFolder).problem {
            diagnostics.append(.error(exercise.file, line: 1, column: 1, "support/: \(problem)"))
        }
        return diagnostics
    }

    package struct Listing: Sendable {
        /// Paths relative to the folder, sorted.
        package var files: [String]
        package var problem: String?
    }

    /// The regular files under `folder` (relative paths), or what is wrong with it.
    package static func list(_ folder: URL) -> Listing {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return Listing(files: [], problem: "the folder is missing")
        }
        var files: [String] = []
        var problem: String?
        walk(folder.path, relative: "", depth: 0, files: &files, problem: &problem)
        if problem == nil, files.isEmpty { problem = "the folder is empty" }
        return Listing(files: files.sorted(), problem: problem)
    }

    private static func walk(_ path: String, relative: String, depth: Int, files: inout [String], problem: inout String?) {
        guard problem == nil else { return }
        guard depth < 8 else {
            problem = "folders are nested too deeply"
            return
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
        for name in names where !name.hasPrefix(".") && name != "__pycache__" && name != "node_modules" {
            let child = path + "/" + name
            let shown = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(child, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                walk(child, relative: shown, depth: depth + 1, files: &files, problem: &problem)
            case S_IFREG:
                guard Int(info.st_size) <= maxFileBytes else {
                    problem = "\(shown) is larger than \(maxFileBytes / 1024) KB"
                    return
                }
                files.append(shown)
                guard files.count <= maxFiles else {
                    problem = "more than \(maxFiles) files"
                    return
                }
            case S_IFLNK:
                problem = "\(shown) is a symbolic link; exercise folders hold plain files only"
                return
            default:
                problem = "\(shown) is not a plain file"
                return
            }
        }
    }

    /// Copies the regular files of `source` into `destination` (created 0700), replacing files
    /// of the same name. Returns the relative paths copied.
    @discardableResult
    package static func copy(_ source: URL, into destination: URL) throws(FileError) -> [String] {
        let listing = list(source)
        if let problem = listing.problem { throw FileError(path: source.path, message: "\(source.path): \(problem)") }
        for file in listing.files {
            let from = source.appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: from.path) else {
                throw FileError(path: from.path, message: "cannot read \(from.path)")
            }
            let target = destination.appendingPathComponent(file)
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw FileError(path: target.path, message: "cannot create \(target.deletingLastPathComponent().path): \(error.localizedDescription)")
            }
            try AtomicFile.write(data, to: target)
        }
        return listing.files
    }
}
