import Foundation
import LambdaService
import MiniLambda
import TutorSupport

/// Puts an exercise's starter handler into the learner's functions (the same functions `fn`,
/// `invoke` and `logs` work with), and tells whose a function of that name is.
package struct ExerciseWorkspace: Sendable {
    package let registry: FunctionRegistry

    package init(registry: FunctionRegistry) {
        self.registry = registry
    }

    /// Who holds the function name an exercise wants.
    package enum Slot: Sendable, Equatable {
        /// No function of that name.
        case free
        /// The learner's attempt at this exercise (created by `exercise ID`).
        case attempt
        /// A function the learner made some other way, or for another exercise: theirs, not
        /// to be overwritten without asking.
        case taken
    }

    package func slot(_ name: String, for exercise: Exercise, progress: ExerciseProgress) -> Slot {
        guard registry.exists(name) else { return .free }
        return progress.exercises[exercise.id]?.function == name ? .attempt : .taken
    }

    /// Creates the function `name` with the exercise's starter and support files and settings.
    /// An existing function of that name is removed first only when `replacing` (the caller
    /// asked the learner).
    @discardableResult
    package func place(_ exercise: Exercise, as name: String, replacing: Bool) throws(MiniLambdaError) -> FunctionConfiguration {
        if registry.exists(name) {
            guard replacing else { throw MiniLambdaError(.functionExists, "Function already exist: \(name)") }
            try registry.remove(name)
        }
        try registry.create(name: name, runtime: exercise.runtime, handler: exercise.handler)
        let code = try registry.codeDirectory(name)
        do {
            // The template's file would shadow the starter (index.mjs is found before index.js).
            for file in registry.codeFiles(name) { try FileManager.default.removeItem(at: code.appendingPathComponent(file)) }
            try ExerciseFiles.copy(exercise.starterFolder, into: code)
            if FileManager.default.fileExists(atPath: exercise.supportFolder.path) {
                try ExerciseFiles.copy(exercise.supportFolder, into: code)
            }
        } catch {
            try? registry.remove(name)
            let message = (error as? FileError)?.message ?? error.localizedDescription
            throw MiniLambdaError(.system, "cannot copy the starter of \(exercise.id): \(message)")
        }
        var settings = ["timeout=\(exercise.timeout)", "memory=\(exercise.memory)", "description=exercise \(exercise.id)"]
        settings += exercise.environment.keys.sorted().map { "env.\($0)=\(exercise.environment[$0]!)" }
        return try registry.configure(name, settings: settings)
    }

    /// The file the learner edits (the handler's file in their function).
    package func handlerFile(_ name: String) -> URL? {
        try? registry.handlerFile(name)
    }
}
