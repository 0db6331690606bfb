import Foundation
import TutorSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LearnerDatabase {
    /// Runs `body` (opening the database) while holding an exclusive `flock` on the data
    /// folder, so connections open one at a time: the threads of one tutor, and tutors started
    /// together on one folder.
    ///
    /// Why: opening a new file is several steps that SQLite's own locking does not make atomic
    /// across connections. Two connections at once got SQLITE_BUSY from `PRAGMA journal_mode =
    /// WAL`, ran the first schema migration twice ("table attempt already exists"), or read
    /// GRDB's migration table while the other created it; one such failed open left that
    /// connection saving nothing for the rest of the session.
    ///
    /// Why the folder and not the database file: SQLite's locks on the file are POSIX locks,
    /// which a process loses on *every* descriptor of that file when it closes *any* of them;
    /// a descriptor of our own on the file, closed while another connection of the same
    /// process holds a lock, would drop that lock (SQLite's "how to corrupt", §2.2). A lock on
    /// the folder touches none of SQLite's.
    ///
    /// Waits up to ``busyTimeout`` for the lock (a failure that is not lasting: the next use
    /// tries again). Where the folder cannot be locked at all (a file system without `flock`),
    /// opens without it: the busy retries in ``openConnection(home:now:)`` still apply.
    static func whileOpening<T>(_ home: DataHome, _ body: () throws(OpenFailure) -> T) throws(OpenFailure) -> T {
        let path = home.root.path
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw OpenFailure(error: FileError(path: path, errno: errno, action: "open the data folder"), isLasting: true)
        }
        defer { close(fd) }  // releases the lock
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(busyTimeout))
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            switch errno {
            case EINTR:
                continue
            case EWOULDBLOCK:
                guard clock.now < deadline else {
                    throw OpenFailure(error: FileError(path: path, message: "another lambda-tutor kept opening the learner database in \(path) for more than \(Int(busyTimeout)) seconds; nothing was saved, try again"),
                                      isLasting: false)
                }
                usleep(2_000)
            default:
                return try body()
            }
        }
        return try body()
    }
}
