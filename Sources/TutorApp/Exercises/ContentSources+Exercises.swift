import Foundation
import Curriculum

extension ContentSources {
    /// Where exercises come from: each content root's `Exercises/` folder, or a trainer folder
    /// itself when it has none (its subfolders holding `exercise.yaml` are exercises).
    package var exerciseFolders: [URL] {
        sources.compactMap { source in
            if let folder = Self.existingFolder(source.root.appendingPathComponent("Exercises")) { return folder }
            if case .bundled = source.origin { return nil }
            return source.root
        }
    }
}
