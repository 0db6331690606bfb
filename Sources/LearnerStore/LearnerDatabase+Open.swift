import Foundation
import GRDB
import TutorSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LearnerDatabase {
    /// Opens (creating if needed) the database of `home`, moving a damaged one aside first.
    /// Returns the notices for the learner.
    static func openConnection(home: DataHome, now: Date) throws(FileError) -> (DatabaseQueue, [String]) {
        try home.ensureExists()
        let url = home.learnerDatabase
        var notices: [String] = []
        try prepareFile(url)
        var queue: DatabaseQueue
        do {
            queue = try connect(url)
        } catch let error as DatabaseError where isDamage(error) {
            notices.append(try setAside(url, reason: describe(error), now: now))
            try prepareFile(url)
            queue = try connectOrFail(url)
        } catch let error as FileError {
            throw error
        } catch {
            throw FileError(path: url.path, message: "cannot open the learner database \(url.path): \(error)")
        }
        do {
            notices += try LegacyImport(home: home, now: now).run(queue)
        } catch let error as FileError {
            throw error
        } catch {
            throw FileError(path: url.path, message: "cannot import the older learner files into \(url.path): \(error)")
        }
        return (queue, notices)
    }

    /// Connects, checks the file is a sound SQLite database, and brings the schema up to date.
    private static func connect(_ url: URL) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "learner"
        configuration.prepareDatabase { db in
            // A learner's database is kilobytes: a small page cache keeps the tutor's memory
            // low (SQLite's default is 2 MB per connection).
            try db.execute(sql: "PRAGMA cache_size = -256")
        }
        let queue = try DatabaseQueue(path: url.path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            // quick_check reads every page: a learner's database is kilobytes, so this is
            // cheap, and a torn or foreign file is caught here rather than at the first submit.
            let verdict = try String.fetchAll(db, sql: "PRAGMA quick_check(1)")
            guard verdict == ["ok"] else {
                throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "integrity check: \(verdict.joined(separator: "; "))")
            }
        }
        if try queue.read({ try LearnerSchema.migrator.hasBeenSuperseded($0) }) {
            throw FileError(path: url.path, message: "\(url.path) was written by a newer lambda-tutor; it is left untouched and nothing is saved this session")
        }
        try LearnerSchema.migrator.migrate(queue)
        return queue
    }

    private static func connectOrFail(_ url: URL) throws(FileError) -> DatabaseQueue {
        do {
            return try connect(url)
        } catch let error as FileError {
            throw error
        } catch let error as DatabaseError {
            throw FileError(path: url.path, message: "cannot create the learner database \(url.path): \(describe(error))")
        } catch {
            throw FileError(path: url.path, message: "cannot create the learner database \(url.path): \(error)")
        }
    }

    /// Errors that mean the file itself is broken, not that it is busy or unwritable.
    static func isDamage(_ error: DatabaseError) -> Bool {
        [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode.primaryResultCode)
    }

    /// Creates the file owner-only (0600) before SQLite does (SQLite would honour the umask,
    /// and gives its `-wal` and `-shm` files the database file's mode), and refuses a file that
    /// is a link, not a regular file, or not the learner's: nothing another user planted is
    /// opened. A file of the learner's with wider modes is narrowed to 0600.
    static func prepareFile(_ url: URL) throws(FileError) {
        let fd = open(url.path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == ELOOP {
                throw FileError(path: url.path, message: "\(url.path) is a symbolic link; the tutor opens only a learner database of its own (remove the link)")
            }
            throw FileError(path: url.path, errno: errno, action: "open the learner database")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileError(path: url.path, errno: errno, action: "inspect") }
        guard info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else {
            throw FileError(path: url.path, message: "\(url.path) is not a file of yours; the learner database was not opened (move it away)")
        }
        if info.st_mode & 0o077 != 0 { _ = fchmod(fd, 0o600) }
        for suffix in ["-wal", "-shm"] {
            var side = stat()
            let path = url.path + suffix
            guard lstat(path, &side) == 0 else { continue }
            guard side.st_mode & S_IFMT == S_IFREG, side.st_uid == geteuid() else {
                throw FileError(path: path, message: "\(path) is not a file of yours; the learner database was not opened (move it away)")
            }
            if side.st_mode & 0o077 != 0 { _ = chmod(path, 0o600) }
        }
    }

    /// Moves a damaged database and its `-wal`/`-shm` files aside as
    /// `learner.sqlite.damaged-DATE` (the WAL keeps its suffix after the date, so
    /// `sqlite3 learner.sqlite.damaged-DATE` still sees it) and says so.
    static func setAside(_ url: URL, reason: String, now: Date) throws(FileError) -> String {
        let moved = try AtomicFile.quarantine(url, now: now)
        for suffix in ["-wal", "-shm"] {
            let side = URL(fileURLWithPath: url.path + suffix)
            if FileManager.default.fileExists(atPath: side.path) {
                _ = rename(side.path, moved.path + suffix)
            }
        }
        AtomicFile.syncDirectory(url.deletingLastPathComponent().path)
        return "the learner database \(url.path) is damaged (\(reason)); it was moved to \(moved.lastPathComponent) and a new one is started — "
            + "nothing was deleted, and `sqlite3 \(moved.lastPathComponent) .recover` may get its records back"
    }
}
