import Exercises
import Foundation
import TutorSupport
import LambdaService
import TerminalUI

/// `verify --watch`: verifies, then again each time a file of the learner's function changes
/// (polling modification times, as rustlings' watch mode does), until Ctrl-C.
enum ExerciseWatch {
    static let pollInterval: Duration = .milliseconds(300)
    /// Editors write in several steps (a temp file, a rename); wait for the folder to settle.
    static let settleDelay: Duration = .milliseconds(200)

    static func run(_ context: CommandContext, exercise: Exercise, function: String, verifier: ExerciseVerifier,
                    service: ExerciseService) async throws {
        let console = context.console
        let style = console.style
        let folder = try service.workspace.registry.codeDirectory(function)
        let file = service.workspace.handlerFile(function).map { $0.path } ?? folder.path
        console.line(style.bold("Watching ") + file)
        let name = (file as NSString).lastPathComponent
        let reminder = style.muted("Watching \(name) of \(function) — save to verify again; Ctrl-C stops.")
        var last = fingerprint(folder)
        var stopped = await runOnce(context, exercise: exercise, function: function, verifier: verifier, service: service)
        if !stopped { console.line(reminder) }
        while !stopped {
            do {
                try await Task.sleep(for: pollInterval)
            } catch {
                break
            }
            guard fingerprint(folder) != last else { continue }
            try? await Task.sleep(for: settleDelay)
            let previous = last
            last = fingerprint(folder)
            let changed = Set(last.keys).symmetricDifference(previous.keys).union(last.keys.filter { previous[$0] != last[$0] }).sorted()
            console.line()
            console.line(style.muted("— \(changed.isEmpty ? "your code" : changed.joined(separator: ", ")) changed; verifying again —"))
            stopped = await runOnce(context, exercise: exercise, function: function, verifier: verifier, service: service)
            if !stopped { console.line(reminder) }
        }
        console.line(style.muted("Stopped watching \(exercise.id)."))
    }

    /// Runs the cases once; failures are printed, not thrown. True when interrupted.
    private static func runOnce(_ context: CommandContext, exercise: Exercise, function: String, verifier: ExerciseVerifier,
                                service: ExerciseService) async -> Bool {
        do {
            _ = try await Command.runVerification(context, exercise: exercise, function: function, verifier: verifier, service: service)
            return false
        } catch is CancellationError {
            return true
        } catch {
            context.session.report(error)
            return Task.isCancelled
        }
    }

    /// Size, modification time and inode of every file under the function's code folder.
    static func fingerprint(_ folder: URL) -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return result }
        while let path = walker.nextObject() as? String {
            if result.count >= 2_000 { break }
            guard !ignored(path) else { continue }
            var info = stat()
            guard lstat(folder.path + "/" + path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            result[path] = [Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_ino)]
        }
        return result
    }

    /// Files an editor or a runtime writes beside the code: swap and backup files, bytecode.
    static func ignored(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        guard let name = parts.last else { return true }
        if parts.contains("__pycache__") || parts.contains("node_modules") { return true }
        return name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name.hasSuffix(".pyc")
            || name == "4913" // vim's probe file
    }
}
