import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes learner data so that a crash or power cut leaves either the old file or the new one,
/// never a half-written mix: write a temp file in the same folder, fsync it, rename it over the
/// target, then fsync the folder so the rename itself is durable.
package enum AtomicFile {
    package static func write(_ data: Data, to url: URL, permissions: mode_t = 0o600) throws(FileError) {
        let directory = url.deletingLastPathComponent()
        try FileError.wrap(url.path) {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        let tempPath = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp").path
        let fd = open(tempPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw FileError(path: url.path, errno: errno, action: "create a temporary file for") }
        var ok = false
        defer {
            if !ok { unlink(tempPath) }
        }
        let written = POSIXIO.writeAll(fd, data)
        let writeErrno = errno
        guard written else {
            close(fd)
            throw FileError(path: url.path, errno: writeErrno, action: "write")
        }
        guard fsync(fd) == 0 else {
            let e = errno
            close(fd)
            throw FileError(path: url.path, errno: e, action: "flush")
        }
        close(fd)
        guard rename(tempPath, url.path) == 0 else { throw FileError(path: url.path, errno: errno, action: "replace") }
        ok = true
        syncDirectory(directory.path)
    }

    package static func write(_ string: String, to url: URL, permissions: mode_t = 0o600) throws(FileError) {
        try write(Data(string.utf8), to: url, permissions: permissions)
    }

    /// Makes a rename or a new file in `path` durable. Failure is ignored: some file systems
    /// do not support fsync on directories, and the data itself is already on disk.
    package static func syncDirectory(_ path: String) {
        let dirFD = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 {
            _ = fsync(dirFD)
            close(dirFD)
        }
    }

    /// Moves a damaged file aside (`name.damaged-YYYYMMDD-HHMMSS`) so nothing is lost and a fresh
    /// file can be started. Returns the new location for the message shown to the learner.
    package static func quarantine(_ url: URL, now: Date = Date()) throws(FileError) -> URL {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        var target = url.deletingLastPathComponent()
            .appendingPathComponent("\(url.lastPathComponent).damaged-\(formatter.string(from: now))")
        var counter = 1
        while FileManager.default.fileExists(atPath: target.path) {
            counter += 1
            target = url.deletingLastPathComponent()
                .appendingPathComponent("\(url.lastPathComponent).damaged-\(formatter.string(from: now))-\(counter)")
        }
        guard rename(url.path, target.path) == 0 else { throw FileError(path: url.path, errno: errno, action: "move aside") }
        syncDirectory(url.deletingLastPathComponent().path)
        return target
    }
}

/// A file-system failure with the path and the operation, phrased for people.
package struct FileError: Error, Sendable, CustomStringConvertible {
    package var path: String
    package var message: String

    package init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    package init(path: String, errno code: Int32, action: String) {
        self.path = path
        self.message = "cannot \(action) \(path): \(String(cString: strerror(code)))"
    }

    package var description: String { message }

    static func wrap<T>(_ path: String, _ body: () throws -> T) throws(FileError) -> T {
        do {
            return try body()
        } catch let error as FileError {
            throw error
        } catch {
            throw FileError(path: path, message: "\(path): \(error.localizedDescription)")
        }
    }
}
