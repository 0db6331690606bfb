import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory lock on the learner's data folder, held around every read-modify-write of a
/// learner file (progress, exercises, settings), so two tutors sharing one folder take turns
/// instead of overwriting each other's changes.
///
/// It is `flock` on `.lock` in the folder. The lock file is opened without following a
/// symbolic link and must be a regular file owned by the learner: another local user cannot
/// plant one to make the tutor block or write through it. The lock is held for milliseconds
/// (read, merge, write); a tutor that finds it taken says so once and waits.
public struct DataFolderLock: Sendable {
    public let url: URL

    public init(home: DataHome) {
        url = home.root.appendingPathComponent(".lock")
    }

    /// Runs `body` holding the lock. `waiting` is called (once) if another tutor holds it, before
    /// blocking, so the learner hears why nothing happens.
    public func withLock<T>(waiting: () -> Void = {}, _ body: () throws(FileError) -> T) throws(FileError) -> T {
        let fd = try openLockFile()
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else { throw FileError(path: url.path, errno: errno, action: "lock") }
            waiting()
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else { throw FileError(path: url.path, errno: errno, action: "lock") }
            }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    private func openLockFile() throws(FileError) -> Int32 {
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw FileError(path: directory.path, message: "cannot create \(directory.path): \(error.localizedDescription)")
        }
        let fd = open(url.path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileError(path: url.path, errno: errno, action: "open the lock file") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw FileError(path: url.path, errno: code, action: "inspect the lock file")
        }
        guard info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else {
            close(fd)
            throw FileError(path: url.path, message: "\(url.path) is not a file of yours; remove it so the tutor can lock its data folder")
        }
        return fd
    }
}
