import Foundation
import TutorSupport

extension LearnerDatabase {
    /// The `settings` document as a JSON object (empty when never written). Several parts of
    /// the tutor keep a key there (the learner's name, the review retention); each reads and
    /// replaces only its own. A document that is not an object is set aside, with the notice.
    package func settings() -> (values: [String: Any], notice: String?) {
        let stored: (content: Data, revision: Int)?
        do {
            stored = try document(.settings)
        } catch {
            return ([:], "the settings could not be read (\(error.message)); defaults are used")
        }
        guard let stored else { return ([:], nil) }
        if let object = (try? JSONSerialization.jsonObject(with: stored.content)) as? [String: Any] { return (object, nil) }
        let notice = (try? setAsideDocument(.settings, what: "the settings", reason: "not a JSON object")) ?? "the settings could not be read"
        return ([:], notice + "; defaults are used")
    }

    /// Sets one key of the settings in one transaction, keeping every other key (another
    /// tutor's setting written meanwhile included).
    package func setSetting(_ key: String, to value: Any) throws(FileError) {
        try updateDocument(.settings) { stored in
            var object: [String: Any] = [:]
            if let stored, let existing = (try? JSONSerialization.jsonObject(with: stored.content)) as? [String: Any] { object = existing }
            object[key] = value
            return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        }
    }
}
