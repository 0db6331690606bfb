import Foundation
import SpacedRepetition
import TutorSupport

/// The learner's review settings, kept in `settings.json` in the data folder: today the
/// desired retention (`review --retention 0.85`).
///
/// The file may hold other settings: it is read as a JSON object and only this module's key
/// is replaced, so a setting another part of the tutor keeps there is never dropped. A file
/// that is not a JSON object is moved aside and reported, as every learner file is.
struct ReviewSettings: Sendable, Equatable {
    static let retentionKey = "reviewDesiredRetention"
    /// The range `review --retention` accepts: below 0.7 reviews come too rarely to keep
    /// anything; above 0.97 they come so often that the workload explodes (FSRS's own advice).
    static let retentionRange = 0.70...0.97

    var desiredRetention: Double = Scheduler.defaultDesiredRetention

    /// Reads the settings; a missing file or key gives the defaults.
    static func load(from url: URL) -> (settings: ReviewSettings, notice: String?) {
        let (object, notice) = readObject(url)
        var settings = ReviewSettings()
        if let value = object[retentionKey] as? Double, retentionRange.contains(value) {
            settings.desiredRetention = value
        }
        return (settings, notice)
    }

    /// Writes the retention into `url` atomically, keeping the file's other keys.
    /// Under the data folder's lock, so another tutor's settings written meanwhile are kept.
    func save(to url: URL) throws(FileError) {
        try DataFolderLock(home: DataHome(root: url.deletingLastPathComponent())).withLock { () throws(FileError) in
            var (object, _) = Self.readObject(url)
            object[Self.retentionKey] = desiredRetention
            let data: Data
            do {
                data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            } catch {
                throw FileError(path: url.path, message: "cannot encode the settings: \(error.localizedDescription)")
            }
            try AtomicFile.write(data, to: url)
        }
    }

    private static func readObject(_ url: URL) -> (object: [String: Any], notice: String?) {
        guard let data = FileManager.default.contents(atPath: url.path) else { return ([:], nil) }
        if let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] { return (object, nil) }
        do {
            let moved = try AtomicFile.quarantine(url)
            return ([:], "the settings in \(url.path) could not be read; the file was moved to \(moved.lastPathComponent) and defaults are used")
        } catch {
            return ([:], "the settings in \(url.path) could not be read (\(error.message)); defaults are used")
        }
    }
}
