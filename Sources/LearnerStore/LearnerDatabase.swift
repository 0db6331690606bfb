import Foundation
import GRDB
import TutorSupport

/// The learner's data in one SQLite database, `learner.sqlite` in the data folder: attempts,
/// recorded exams, paused exams, and the small documents (lesson progress, exercise progress,
/// settings, the review schedule). The schema is in ``LearnerSchema``.
///
/// Why one database rather than JSON files: an exam submit is one transaction (its answers,
/// its summary and the removal of its paused state commit together or not at all), and two
/// tutors on one folder take turns through SQLite's own locking (WAL mode, a busy timeout)
/// instead of overwriting each other's files.
///
/// The connection opens on first use, not when the handle is made, so a tutor that never
/// touches learner data never pays for SQLite. Opening checks the file (a regular file of the
/// learner's, mode 0600), moves a damaged database aside (``LearnerDatabase+Open``), creates
/// or upgrades the schema, and imports the JSON files of older versions once
/// (``LegacyImport``). What it had to say comes back from ``takeNotices()``.
///
/// Every operation throws ``FileError`` (the path and a sentence), like the files it replaces.
package final class LearnerDatabase: @unchecked Sendable {
    // @unchecked: `state` is only touched with `lock` held; GRDB's DatabaseQueue is itself
    // Sendable and serializes its own accesses.

    package let home: DataHome
    /// `learner.sqlite` in the data folder.
    package var url: URL { home.learnerDatabase }

    private let lock = NSLock()
    private var state: State = .closed
    private var notices: [String] = []
    private let now: @Sendable () -> Date

    private enum State {
        case closed
        case open(DatabaseQueue)
        case failed(FileError)
    }

    /// - Parameter now: the clock for the names of moved-aside files (tests pin it).
    package init(home: DataHome, now: @escaping @Sendable () -> Date = { Date() }) {
        self.home = home
        self.now = now
    }

    /// What opening found that the learner should know (a damaged database moved aside, the
    /// JSON files imported), each once.
    package func takeNotices() -> [String] {
        lock.withLock {
            defer { notices = [] }
            return notices
        }
    }

    /// True once the connection is open (tests, and the start-up benchmark's lazy check).
    package var isOpen: Bool {
        lock.withLock {
            if case .open = state { return true }
            return false
        }
    }

    /// The open connection, opening it on first use. A failure to open is remembered (the
    /// tutor goes on without saving rather than retrying on every answer), except a lock
    /// another tutor held too long, which the next use tries again.
    ///
    /// Once open it stays open while the REPL waits: closing it (GRDB releasing its serial
    /// dispatch queue) started libdispatch's worker thread and event loop (epoll, eventfd,
    /// timerfd), which an idle tutor then kept, and the freed pages stayed with the allocator;
    /// idle memory was 0.4 MB higher with the close than without it (BENCHMARKS.md, Start-up).
    func queue() throws(FileError) -> DatabaseQueue {
        let result = lock.withLock { () -> Result<DatabaseQueue, FileError> in
            switch state {
            case .open(let queue): return .success(queue)
            case .failed(let error): return .failure(error)
            case .closed:
                do throws(OpenFailure) {
                    let (queue, found) = try Self.openConnection(home: home, now: now())
                    state = .open(queue)
                    notices += found
                    return .success(queue)
                } catch {
                    // A lock held too long by another tutor: try again at the next use.
                    if error.isLasting { state = .failed(error.error) }
                    return .failure(error.error)
                }
            }
        }
        return try result.get()
    }

    /// Runs `body` in one IMMEDIATE transaction: it takes the write lock at once (a second
    /// tutor waits up to ``busyTimeout`` for it), and commits all of it or nothing.
    package func write<T>(_ body: (Database) throws -> T) throws(FileError) -> T {
        let queue = try queue()
        return try wrap { try queue.write(body) }
    }

    /// Runs `body` on a consistent snapshot (WAL: never blocked by a writer).
    package func read<T>(_ body: (Database) throws -> T) throws(FileError) -> T {
        let queue = try queue()
        return try wrap { try queue.read(body) }
    }

    /// Copies everything the `-wal` file holds into the database file and empties the `-wal`,
    /// so the database file alone is whole (before copying it, in tests that damage it).
    package func checkpoint() throws(FileError) {
        let queue = try queue()
        try wrap { try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") } }
    }

    /// How long a tutor waits for another one's write transaction before giving up (they last
    /// milliseconds; a much longer wait means the other tutor is stuck).
    package static let busyTimeout: TimeInterval = 10

    func wrap<T>(_ body: () throws -> T) throws(FileError) -> T {
        do {
            return try body()
        } catch let error as FileError {
            throw error
        } catch let error as DatabaseError {
            throw FileError(path: url.path, message: "\(url.path): \(Self.describe(error))")
        } catch {
            throw FileError(path: url.path, message: "\(url.path): \(error)")
        }
    }

    /// A database error in a sentence (SQLite's message with what it means here).
    static func describe(_ error: DatabaseError) -> String {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return "another lambda-tutor kept the learner database busy for more than \(Int(busyTimeout)) seconds; nothing was saved, try again"
        case .SQLITE_FULL:
            return "the disk is full; nothing was saved"
        case .SQLITE_READONLY:
            return "the learner database cannot be written (read-only)"
        default:
            return error.message ?? "\(error.resultCode)"
        }
    }
}

extension DataHome {
    /// The learner database (see ``LearnerDatabase``).
    package var learnerDatabase: URL { root.appendingPathComponent("learner.sqlite") }
}
