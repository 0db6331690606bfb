import Foundation
import LearnerStore
import TutorSupport

/// The learner's name, recorded with every answer so the results a trainer collects say whose
/// they are. Given with `--learner NAME` (and then remembered), or asked once at a terminal when
/// the learner joins a workshop (`quiz --code X`, `exam --code X`; self-study is not
/// interrupted); kept in the settings of the learner database beside other settings.
enum LearnerName {
    static let key = "learner"
    static let maxLength = 64

    /// A name as typed, trimmed; nil (with the reason) when empty, too long or holding control
    /// characters (it is printed in reports and file names are derived from it).
    static func validated(_ raw: String) -> Result<String, CommandError> {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { return .failure(CommandError("the learner name is empty")) }
        guard name.count <= maxLength else { return .failure(CommandError("the learner name is longer than \(maxLength) characters")) }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            return .failure(CommandError("the learner name holds control characters"))
        }
        return .success(name)
    }

    /// The name stored in the settings, if any (a damaged settings document reads as no name).
    static func stored(in database: LearnerDatabase) -> String? {
        guard let name = database.settings().values[key] as? String, case .success(let valid) = validated(name) else { return nil }
        return valid
    }

    /// Stores the name, keeping any other settings, in one transaction.
    static func store(_ name: String, in database: LearnerDatabase) throws(FileError) {
        try database.setSetting(key, to: name)
    }
}

extension Session {
    /// The learner's name for this run: `--learner`, the stored name, or (at a terminal) asked
    /// once and remembered. Nil in a script without a name: answers are recorded without one.
    func learnerName() async -> String? {
        if let learner { return learner }
        if let stored = LearnerName.stored(in: database) {
            learner = stored
            return stored
        }
        guard interactive, !learnerAsked else { return nil }
        learnerAsked = true
        console.line("Your name goes with your answers, so a trainer collecting results knows whose they are (Enter to skip).")
        guard let answer = await ask("Your name: "), case .success(let name) = LearnerName.validated(answer) else { return nil }
        remember(learner: name)
        return name
    }

    /// Uses `name` from now on and stores it in the settings.
    func remember(learner name: String) {
        learner = name
        do {
            try LearnerName.store(name, in: database)
        } catch {
            console.warning(error.description)
        }
    }
}
