import Foundation
import TutorSupport

/// The learner's name, recorded with every answer so the results a trainer collects say whose
/// they are. Given with `--learner NAME` (and then remembered), or asked once at a terminal when
/// the learner joins a workshop (`quiz --code X`, `exam --code X`; self-study is not
/// interrupted); kept in the data folder's `settings.json` beside other settings.
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

    /// The name stored in `settings.json`, if any (a damaged settings file is left alone and
    /// reads as no name).
    static func stored(in home: DataHome) -> String? {
        guard let data = FileManager.default.contents(atPath: home.settingsFile.path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let name = object[key] as? String, case .success(let valid) = validated(name) else { return nil }
        return valid
    }

    /// Stores the name, keeping any other settings in the file; written atomically.
    static func store(_ name: String, in home: DataHome) throws(FileError) {
        try DataFolderLock(home: home).withLock { () throws(FileError) in try storeLocked(name, in: home) }
    }

    private static func storeLocked(_ name: String, in home: DataHome) throws(FileError) {
        var object: [String: Any] = [:]
        if let data = FileManager.default.contents(atPath: home.settingsFile.path) {
            guard let existing = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw FileError(path: home.settingsFile.path, message: "\(home.settingsFile.path) is not a JSON object; the learner name was not saved (fix or remove the file)")
            }
            object = existing
        }
        object[key] = name
        let data: Data
        do {
            data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        } catch {
            throw FileError(path: home.settingsFile.path, message: "cannot encode the settings: \(error)")
        }
        try AtomicFile.write(data + Data("\n".utf8), to: home.settingsFile)
    }
}

extension Session {
    /// The learner's name for this run: `--learner`, the stored name, or (at a terminal) asked
    /// once and remembered. Nil in a script without a name: answers are recorded without one.
    func learnerName() async -> String? {
        if let learner { return learner }
        if let stored = LearnerName.stored(in: dataHome) {
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
            try LearnerName.store(name, in: dataHome)
        } catch {
            console.warning(error.description)
        }
    }
}
