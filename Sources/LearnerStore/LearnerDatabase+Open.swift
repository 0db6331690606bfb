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
    ///
    /// A failure the next attempt may not meet (another tutor held the lock for longer than
    /// ``busyTimeout``) is ``OpenFailure/isLasting`` false, so the caller tries again later
    /// instead of going on without saving for the rest of the session.
    static func openConnection(home: DataHome, now: Date) throws(OpenFailure) -> (DatabaseQueue, [String]) {
        do throws(FileError) {
            try home.ensureExists()
        } catch {
            throw OpenFailure(error: error, isLasting: true)
        }
        return try whileOpening(home) { () throws(OpenFailure) in try openLocked(home: home, now: now) }
    }

    /// ``openConnection(home:now:)`` once it holds the folder's lock.
    private static func openLocked(home: DataHome, now: Date) throws(OpenFailure) -> (DatabaseQueue, [String]) {
        let url = home.learnerDatabase
        var notices: [String] = []
        do throws(FileError) {
            try prepareFile(url)
        } catch {
            throw OpenFailure(error: error, isLasting: true)
        }
        var queue: DatabaseQueue
        do {
            queue = try connectWaiting(url)
        } catch let error as DatabaseError where isDamage(error) {
            do throws(FileError) {
                notices.append(try setAside(url, reason: describe(error), now: now))
                try prepareFile(url)
            } catch {
                throw OpenFailure(error: error, isLasting: true)
            }
            do {
                queue = try connectWaiting(url)
            } catch {
                throw OpenFailure(error, url: url, doing: "cannot create the learner database")
            }
        } catch {
            throw OpenFailure(error, url: url, doing: "cannot open the learner database")
        }
        do {
            notices += try LegacyImport(home: home, now: now).run(queue)
        } catch {
            throw OpenFailure(error, url: url, doing: "cannot import the older learner files into")
        }
        return (queue, notices)
    }

    /// Why the database did not open, and whether trying again later can help.
    struct OpenFailure: Error {
        let error: FileError
        /// False for a lock another connection held too long; true for a file that is not the
        /// learner's, a newer schema, a full disk and the like.
        let isLasting: Bool

        init(error: FileError, isLasting: Bool) {
            self.error = error
            self.isLasting = isLasting
        }

        /// `error` as the learner reads it: a FileError as it is, a database error in a
        /// sentence after `doing` and the path.
        init(_ error: any Error, url: URL, doing: String) {
            switch error {
            case let error as FileError:
                self.init(error: error, isLasting: true)
            case let error as DatabaseError where LearnerDatabase.isBusy(error):
                self.init(error: FileError(path: url.path, message: "\(url.path): \(LearnerDatabase.describe(error))"), isLasting: false)
            case let error as DatabaseError:
                self.init(error: FileError(path: url.path, message: "\(doing) \(url.path): \(LearnerDatabase.describe(error))"), isLasting: true)
            default:
                self.init(error: FileError(path: url.path, message: "\(doing) \(url.path): \(error)"), isLasting: true)
            }
        }
    }

    /// Connects, trying again while another connection holds a lock that opening needs.
    ///
    /// Why not SQLite's busy timeout alone: two connections opening one new file at the same
    /// moment (the tutor's stores each have a connection; two tutors may start together) get
    /// SQLITE_BUSY at once, without the busy handler, from `PRAGMA journal_mode = WAL` (it
    /// needs the file to itself) and from the schema migration's deferred transaction upgrading
    /// to a write. Such an open used to fail and, remembered, left the tutor saving nothing.
    /// Tries again for up to ``busyTimeout``, the wait a write would have had.
    private static func connectWaiting(_ url: URL) throws -> DatabaseQueue {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(busyTimeout))
        var pause = Duration.milliseconds(1)
        while true {
            do {
                return try connect(url)
            } catch let error as DatabaseError where isBusy(error) && clock.now < deadline {
                Thread.sleep(forTimeInterval: Double(pause.components.attoseconds) / 1e18)
                pause = min(pause * 2, .milliseconds(50))
            }
        }
    }

    /// SQLITE_BUSY or SQLITE_LOCKED in any of their extended forms (BUSY_SNAPSHOT, BUSY_RECOVERY…).
    static func isBusy(_ error: DatabaseError) -> Bool {
        [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode.primaryResultCode)
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
        try migrate(queue)
        return queue
    }

    /// Brings the schema up to date, beside other connections doing the same.
    ///
    /// GRDB's migrator reads which migrations are applied before it takes the write lock, so two
    /// connections migrating one new file together both run "v1", and the second fails ("table
    /// attempt already exists") once the first has committed it. A failure after which another
    /// connection has applied more migrations than were there before is that race: go on from
    /// what is there now. Ends, because each such turn sees at least one more migration applied.
    private static func migrate(_ queue: DatabaseQueue) throws {
        let migrator = LearnerSchema.migrator
        while true {
            let before = try queue.read { try migrator.appliedIdentifiers($0) }
            do {
                try migrator.migrate(queue)
                return
            } catch {
                let after = try queue.read { try migrator.appliedIdentifiers($0) }
                guard after.isStrictSuperset(of: before) else { throw error }
            }
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
    ///
    /// An existing file is checked by `lstat`, not opened: closing a descriptor of ours on it
    /// would drop the POSIX locks that other connections of this process hold on it (see
    /// ``whileOpening(_:_:)``). A new file is created with `O_EXCL`, so it is ours and no
    /// connection has it open when the descriptor closes. The data folder is the learner's own
    /// (mode 0700), so the name cannot be swapped between the check and SQLite's open.
    static func prepareFile(_ url: URL) throws(FileError) {
        let fd = open(url.path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if fd >= 0 {
            close(fd)
        } else if errno != EEXIST {
            throw FileError(path: url.path, errno: errno, action: "create the learner database")
        }
        for path in [url.path, url.path + "-wal", url.path + "-shm"] {
            var info = stat()
            guard lstat(path, &info) == 0 else {
                if path == url.path { throw FileError(path: path, errno: errno, action: "inspect") }
                continue
            }
            if info.st_mode & S_IFMT == S_IFLNK {
                throw FileError(path: path, message: "\(path) is a symbolic link; the tutor opens only a learner database of its own (remove the link)")
            }
            guard info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else {
                throw FileError(path: path, message: "\(path) is not a file of yours; the learner database was not opened (move it away)")
            }
            if info.st_mode & 0o077 != 0 { _ = chmod(path, 0o600) }
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
