import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DataHome {
    /// The largest learner file (progress, settings, a paused exam, the review cards, the
    /// command history) the tutor reads into memory. Real ones are kilobytes; anything above
    /// is damage (or not ours) and is moved aside instead of read.
    package static let learnerFileSizeLimit = 16 * 1024 * 1024

    /// How old a leftover of an interrupted write must be before it is removed: a younger one
    /// may belong to another tutor writing right now.
    package static let leftoverAge: TimeInterval = 60

    /// Tidies the folder at start and returns one sentence per thing the learner should know:
    ///
    /// - leftovers of interrupted atomic writes (`.NAME.PID.N.tmp`, `.history.PID.tmp`) and of
    ///   interrupted `fn new` (`functions/.NAME.new-PID-N/`), of an interrupted layer publish
    ///   (`layers/NAME/.N.new-PID-R/`) and of an interrupted code update
    ///   or publish (``FunctionStaging``) are removed — only regular files
    ///   and folders (never a link), owned by the learner, older than ``leftoverAge``;
    /// - a learner file larger than ``learnerFileSizeLimit`` is moved aside (`….damaged-…`).
    package func tidy(now: Date = Date()) -> [String] {
        var notices: [String] = []
        var removed = 0
        let functionFolders = ((try? FileManager.default.contentsOfDirectory(atPath: functionsFolder.path)) ?? [])
            .filter { !$0.hasPrefix(".") }.map { functionsFolder.appendingPathComponent($0) }
        let layerFolders = ((try? FileManager.default.contentsOfDirectory(atPath: layersFolder.path)) ?? [])
            .filter { !$0.hasPrefix(".") }.map { layersFolder.appendingPathComponent($0) }
        for folder in [root, examsFolder, functionsFolder] + functionFolders + functionFolders.map({ $0.appendingPathComponent("code") }) + layerFolders {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where Self.isLeftover(name) {
                let path = folder.appendingPathComponent(name).path
                guard Self.ownedAndOld(path, now: now) else { continue }
                if (try? FileManager.default.removeItem(atPath: path)) != nil { removed += 1 }
            }
        }
        let (restored, staged) = tidyFunctionStaging(functionFolders, now: now)
        removed += staged
        notices += restored
        if removed > 0 {
            notices.append("removed \(removed) leftover\(removed == 1 ? "" : "s") of an interrupted save in \(root.path)")
        }
        let examFiles = ((try? FileManager.default.contentsOfDirectory(atPath: examsFolder.path)) ?? [])
            .filter { $0.hasPrefix("paused-") && $0.hasSuffix(".json") }.map { examsFolder.appendingPathComponent($0) }
        let files = [progressFile, settingsFile, historyFile, root.appendingPathComponent("exercises.json"),
                     root.appendingPathComponent("review-schedule.json")] + examFiles
        for url in files {
            var info = stat()
            guard lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) > Self.learnerFileSizeLimit else { continue }
            let size = Int(info.st_size) / (1024 * 1024)
            do {
                let moved = try AtomicFile.quarantine(url, now: now)
                notices.append("\(url.path) is \(size) MB, far more than a learner file holds; it was moved to \(moved.lastPathComponent) and not read")
            } catch {
                notices.append("\(url.path) is \(size) MB, far more than a learner file holds, and could not be moved aside (\(error.message))")
            }
        }
        return notices
    }

    /// What an interrupted UpdateFunctionCode or PublishVersion left in the function folders
    /// (``FunctionStaging``): a function whose `code/` is missing gets its `.old-code-…` folder
    /// back (the update did not finish, so the function keeps the code it had); every other
    /// staging folder goes. Same rules as the other leftovers: owned, not a link, old enough.
    func tidyFunctionStaging(_ functionFolders: [URL], now: Date) -> (notices: [String], removed: Int) {
        var notices: [String] = []
        var removed = 0
        for function in functionFolders {
            let code = function.appendingPathComponent("code", isDirectory: true)
            var names = ((try? FileManager.default.contentsOfDirectory(atPath: function.path)) ?? []).sorted()
            var info = stat()
            if lstat(code.path, &info) != 0, errno == ENOENT,
               let old = names.first(where: { FunctionStaging.kind(of: $0) == .oldCode }),
               Self.ownedAndOld(function.appendingPathComponent(old).path, now: now),
               rename(function.appendingPathComponent(old).path, code.path) == 0 {
                names.removeAll { $0 == old }
                notices.append("the function \(function.lastPathComponent) had its code update interrupted; its previous code was put back")
            }
            let versions = function.appendingPathComponent("versions", isDirectory: true)
            let inVersions = ((try? FileManager.default.contentsOfDirectory(atPath: versions.path)) ?? []).map { versions.appendingPathComponent($0) }
            for url in names.map({ function.appendingPathComponent($0) }) + inVersions {
                guard let kind = FunctionStaging.kind(of: url.lastPathComponent),
                      (kind == .publishing) == (url.deletingLastPathComponent().lastPathComponent == "versions"),
                      Self.ownedAndOld(url.path, now: now) else { continue }
                if (try? FileManager.default.removeItem(at: url)) != nil { removed += 1 }
            }
        }
        return (notices, removed)
    }

    /// The names ``AtomicFile``, the line editor and `fn new` give their work in progress.
    static func isLeftover(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.count > 1 else { return false }
        let parts = name.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        if name.hasSuffix(".tmp"), parts.count >= 4 {
            // .NAME.PID.RANDOM.tmp (NAME may contain dots)
            let pid = parts[parts.count - 3], random = parts[parts.count - 2]
            return !pid.isEmpty && !random.isEmpty && pid.allSatisfy(\.isNumber) && random.allSatisfy(\.isNumber)
        }
        if name.hasPrefix(".history."), name.hasSuffix(".tmp"), parts.count == 3 {
            return !parts[1].isEmpty && parts[1].allSatisfy(\.isNumber)
        }
        if let range = name.range(of: ".new-") {
            let tail = name[range.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
            return range.lowerBound > name.index(after: name.startIndex) && tail.count == 2 && tail.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
        }
        return false
    }

    /// A regular file or folder (not a link), owned by this user, last changed before `now`
    /// minus ``leftoverAge``.
    static func ownedAndOld(_ path: String, now: Date) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_uid == geteuid() else { return false }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG || kind == S_IFDIR else { return false }
        let changed = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))
        return now.timeIntervalSince(changed) > leftoverAge
    }
}
