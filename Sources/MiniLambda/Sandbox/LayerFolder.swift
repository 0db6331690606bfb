import Foundation

/// A function's /opt: its layers' files copied into one folder in the order of its `Layers`
/// setting, a later layer's file replacing an earlier one's at the same path, as Lambda
/// extracts layers. Made per environment (like /var/task, a copy), so an environment never
/// sees a change to the data folder while it runs.
enum LayerFolder {
    static func merge(_ layers: [URL], into target: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: target, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        for layer in layers {
            try copyContents(of: layer, into: target, manager: manager)
        }
    }

    /// Copies folders by merging and files by replacing; links and other kinds are skipped
    /// (a published layer holds plain files and folders only).
    private static func copyContents(of source: URL, into target: URL, manager: FileManager) throws {
        for name in try manager.contentsOfDirectory(atPath: source.path) {
            let from = source.appendingPathComponent(name)
            let to = target.appendingPathComponent(name)
            var info = stat()
            guard lstat(from.path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                var existing = stat()
                if lstat(to.path, &existing) == 0, existing.st_mode & S_IFMT != S_IFDIR { try manager.removeItem(at: to) }
                if lstat(to.path, &existing) != 0 {
                    try manager.createDirectory(at: to, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
                }
                try copyContents(of: from, into: to, manager: manager)
            case S_IFREG:
                if manager.fileExists(atPath: to.path) { try manager.removeItem(at: to) }
                try manager.copyItem(at: from, to: to)
            default:
                continue
            }
        }
    }
}
