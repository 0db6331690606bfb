import Foundation
import Synchronization

/// The sorted entry names of code folders as last read, reused while a folder's own stamp
/// (device, inode, modification and change times) is unchanged: adding, removing or renaming
/// an entry changes its folder's times, so one `lstat` of the folder stands for `opendir`,
/// `fstat`, two `getdents64` and `close` on every invoke's fingerprint walk. A changed file's
/// own `lstat` (the walk still makes one per entry) is what notices an edit in place.
///
/// Timestamps are coarse (a kernel tick), so a change made within the same tick as a read
/// could leave the stamp as it was. A listing is therefore trusted only when the folder was
/// last changed at least ``settleTime`` before it was read: any later change then carries a
/// later time.
enum FolderListings {
    /// How long before its reading a folder must have been last changed for its listing to be
    /// reused (whole seconds, as some file systems keep them).
    static let settleTime = 2
    /// At most this many folders are remembered; past it the cache starts again (a bundled
    /// `node_modules` can hold thousands).
    static let capacity = 4096

    private struct Stamp: Equatable {
        var device: UInt64
        var inode: UInt64
        var modified: timespec
        var changed: timespec

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            modified = info.st_mtim
            changed = info.st_ctim
        }

        static func == (a: Stamp, b: Stamp) -> Bool {
            a.device == b.device && a.inode == b.inode
                && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
                && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
        }

        /// Whether the folder had not changed for ``settleTime`` when it was read at `readAt`.
        func settled(at readAt: timespec) -> Bool {
            max(modified.tv_sec, changed.tv_sec) + FolderListings.settleTime <= readAt.tv_sec
        }
    }

    private struct Listing {
        var stamp: Stamp
        var names: [String]
    }

    private static let listings = Mutex<[String: Listing]>([:])

    /// The entry names of the folder at `path` (without `.` and `..`, sorted), whose `stat` is
    /// `info`; nil if it cannot be opened. `readAt` stands for the clock in tests.
    static func names(of path: String, info: stat, readAt: timespec? = nil) -> [String]? {
        let stamp = Stamp(info)
        if let cached = listings.withLock({ $0[path] }), cached.stamp == stamp { return cached.names }
        // The time of reading is taken before the read: a change during it is "after".
        var readAt = readAt ?? timespec()
        if readAt.tv_sec == 0 { clock_gettime(CLOCK_REALTIME, &readAt) }
        guard let names = read(path) else {
            _ = listings.withLock { $0.removeValue(forKey: path) }
            return nil
        }
        listings.withLock { listings in
            guard stamp.settled(at: readAt) else {
                listings.removeValue(forKey: path)
                return
            }
            if listings.count >= capacity { listings.removeAll(keepingCapacity: true) }
            listings[path] = Listing(stamp: stamp, names: names)
        }
        return names
    }

    private static func read(_ path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != ".", name != ".." { names.append(name) }
        }
        closedir(directory)
        return names.sorted()
    }

    /// Forgets every listing (tests).
    static func removeAll() {
        listings.withLock { $0.removeAll() }
    }
}
