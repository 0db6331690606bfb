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

    /// Creates the folder (0700: it holds the learner's answers and code).
    package func ensureExists() throws(FileError) {
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw FileError(path: root.path, message: "cannot create the data folder \(root.path): \(error.localizedDescription)")
        }
    }
}
