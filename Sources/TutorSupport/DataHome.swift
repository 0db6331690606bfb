import Foundation

/// Where a learner's data lives: `$LAMBDA_TUTOR_HOME`, else `$XDG_DATA_HOME/lambda-tutor`, else
/// `~/.local/share/lambda-tutor`. Every file the tutor writes for a learner is under this folder,
/// so a trainer can wipe or copy one learner by one folder.
package struct DataHome: Sendable, Hashable {
    package let root: URL

    package init(root: URL) {
        self.root = root
    }

    /// Resolves the folder from the environment (passed in so tests never touch the real home).
    package static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) -> DataHome {
        if let explicit = environment["LAMBDA_TUTOR_HOME"], !explicit.isEmpty {
            return DataHome(root: URL(fileURLWithPath: explicit, isDirectory: true))
        }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty, xdg.hasPrefix("/") {
            return DataHome(root: URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("lambda-tutor", isDirectory: true))
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return DataHome(root: URL(fileURLWithPath: home, isDirectory: true)
            .appendingPathComponent(".local/share/lambda-tutor", isDirectory: true))
    }

    // The learner data itself is in `learner.sqlite` (LearnerStore). The JSON files below are
    // what older versions wrote: the start-up tidy and the one-time import still read them.
    package var progressFile: URL { root.appendingPathComponent("progress.json") }
    package var historyFile: URL { root.appendingPathComponent("history") }
    package var attemptLog: URL { root.appendingPathComponent("attempts.jsonl") }
    package var functionsFolder: URL { root.appendingPathComponent("functions", isDirectory: true) }
    /// Published layer versions (`layers/NAME/N/`), beside the functions (LambdaService's LayerStore).
    package var layersFolder: URL { root.appendingPathComponent("layers", isDirectory: true) }
    package var examsFolder: URL { root.appendingPathComponent("exams", isDirectory: true) }
    package var settingsFile: URL { root.appendingPathComponent("settings.json") }

    /// Creates the folder (0700: it holds the learner's answers and code), and refuses one that
    /// is not safely the learner's own: on a shared machine another account could have made it
    /// first (a `LAMBDA_TUTOR_HOME` under /tmp) or left it writable to others, and then read or
    /// plant the learner's code and answers. It must be a folder (a symbolic link to one only if
    /// the link is the learner's too), owned by the user the tutor runs as, and writable by no
    /// one else (group write only for the user's own primary group).
    package func ensureExists() throws(FileError) {
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw FileError(path: root.path, message: "cannot create the data folder \(root.path): \(error.localizedDescription)")
        }
        try Self.checkOwnership(root.path)
    }

    /// A new private folder (0700, `mkdtemp`) in the system's temporary folder, for a session
    /// whose own data folder cannot be used: the tutor still works, and the caller removes it
    /// when the session ends. Nil if even that cannot be made.
    package static func privateTemporary() -> DataHome? {
        var template = Array((FileManager.default.temporaryDirectory.path + "/lambda-tutor-unsaved-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { return nil }
        return DataHome(root: URL(fileURLWithPath: String(cString: made), isDirectory: true))
    }

    /// Why `path` may not hold a learner's data, as an error; nothing when it may.
    static func checkOwnership(_ path: String) throws(FileError) {
        let me = geteuid()
        var link = stat()
        guard lstat(path, &link) == 0 else { throw FileError(path: path, errno: errno, action: "check the data folder") }
        if link.st_mode & S_IFMT == S_IFLNK, link.st_uid != me {
            throw FileError(path: path, message: "the data folder \(path) is a symbolic link made by another user (uid \(link.st_uid)): the tutor keeps your work only in a folder of your own; remove the link or set LAMBDA_TUTOR_HOME to a folder you made")
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw FileError(path: path, errno: errno, action: "check the data folder") }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw FileError(path: path, message: "the data folder \(path) is not a folder")
        }
        guard info.st_uid == me else {
            throw FileError(path: path, message: "the data folder \(path) belongs to another user (uid \(info.st_uid)), who could read and change your work: set LAMBDA_TUTOR_HOME to a folder of your own")
        }
        // Group write is fine for the user's own primary group (one group per user, the usual
        // umask 002 setup); not for a group others share.
        let groupWritable = info.st_mode & 0o020 != 0 && info.st_gid != getegid()
        guard info.st_mode & 0o002 == 0, !groupWritable else {
            throw FileError(path: path, message: "the data folder \(path) can be written by other users (mode \(String(info.st_mode & 0o777, radix: 8))), who could change your work: run chmod 700 \(path)")
        }
    }
}
