import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The environments' folders under ``RuntimeSettings/scratchRoot``: one per environment, named
/// `TOKEN-ID-RANDOM` after the tutor process that made it (``TutorInstance``), so what a dead
/// tutor left behind can be cleaned at start, and nothing of a live one is ever touched.
enum ScratchFolders {
    static func name(environmentID id: String) -> String {
        "\(TutorInstance.token)-\(id)-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Removes folders of tutors that are provably gone. Only folders whose name has this
    /// tutor's pattern (`PID.START-…`), that are real folders (not links) and belong to this
    /// user; the root itself must pass ``PrivateFolder/check(_:)`` first, so no one else can
    /// have put anything there. Returns how many were removed.
    @discardableResult
    static func removeLeftovers(in root: URL) -> Int {
        guard (try? PrivateFolder.check(root.path)) != nil,
              let entries = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return 0 }
        var removed = 0
        for entry in entries {
            let parts = entry.split(separator: "-", maxSplits: 2)
            guard parts.count == 3, parts[1].count == 32, parts[1].allSatisfy(\.isHexDigit), UInt32(parts[2]) != nil,
                  TutorInstance.isDead(parts[0]) else { continue }
            let path = root.appendingPathComponent(entry).path
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid() else { continue }
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed += 1 }
        }
        return removed
    }

    /// Lets any user read and enter `path`'s files and folders (for a root tutor's sandbox,
    /// whose user is not root). The environment's folder above stays closed to everyone else.
    static func openForReading(_ path: String) {
        guard let walker = FileManager.default.enumerator(atPath: path) else { return }
        chmod(path, 0o755)
        while let relative = walker.nextObject() as? String {
            let item = path + "/" + relative
            var info = stat()
            guard lstat(item, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: chmod(item, (info.st_mode & 0o7777) | 0o755)
            case S_IFREG: chmod(item, (info.st_mode & 0o7777) | 0o444)
            default: continue
            }
        }
    }

    /// The folder to show at /var/runtime: the package's own `Bootstraps/<runtime>` when the
    /// sandbox's user can read it, else a copy in the environment's folder.
    static func bootstrapFolder(_ bootstrap: String, copyingInto copy: URL) throws(MiniLambdaError) -> String {
        let folder = (bootstrap as NSString).deletingLastPathComponent
        if geteuid() != 0 || (worldReadable(folder, folder: true) && worldReadable(bootstrap, folder: false)) { return folder }
        do {
            try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
            let target = copy.appendingPathComponent((bootstrap as NSString).lastPathComponent)
            try FileManager.default.copyItem(at: URL(fileURLWithPath: bootstrap), to: target)
            chmod(target.path, 0o644)
        } catch {
            throw MiniLambdaError(.system, "cannot copy the bootstrap into \(copy.path): \(error.localizedDescription)")
        }
        return copy.path
    }

    private static func worldReadable(_ path: String, folder: Bool) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let wanted: mode_t = folder ? 0o005 : 0o004
        return info.st_mode & wanted == wanted
    }
}
