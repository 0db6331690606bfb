import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An append-only log of JSON records, one per line (the quiz attempt log, invoke history).
///
/// Each append is a single `write` of a whole line with `O_APPEND`, followed by `fsync`, so a
/// process killed mid-append leaves at worst one torn last line. Reading skips lines that do
/// not decode and reports them, so one damaged record never hides or truncates the rest.
package struct JSONLinesLog<Record: Codable & Sendable>: Sendable {
    package let url: URL

    package init(url: URL) {
        self.url = url
    }

    package func append(_ record: Record) throws(FileError) {
        try append(contentsOf: [record])
    }

    /// Appends several records as one `write` and one `fsync`: a process killed meanwhile
    /// leaves all of them, none, or a torn tail that readers can recognise (see
    /// `AttemptLog`, which counts a batch only when every record of it is there).
    package func append(contentsOf records: [Record]) throws(FileError) {
        guard !records.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var lines = Data()
        for record in records {
            do {
                lines.append(try encoder.encode(record))
            } catch {
                throw FileError(path: url.path, message: "cannot encode a record for \(url.path): \(error)")
            }
            lines.append(0x0A)
        }
        try appendRaw(lines)
    }

    /// Appends bytes as one write. If the file ends with a torn line (no trailing newline), a
    /// newline is written first so the new record starts on a line of its own.
    func appendRaw(_ line: Data) throws(FileError) {
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw FileError(path: directory.path, message: "cannot create \(directory.path): \(error.localizedDescription)")
        }
        let existed = FileManager.default.fileExists(atPath: url.path)
        let fd = open(url.path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileError(path: url.path, errno: errno, action: "open") }
        defer { close(fd) }
        var payload = line
        let size = lseek(fd, 0, SEEK_END)
        if size > 0 {
            var last: UInt8 = 0
            if pread(fd, &last, 1, size - 1) == 1, last != 0x0A {
                payload.insert(0x0A, at: 0)
            }
        }
        let ok = POSIXIO.writeAll(fd, payload)
        guard ok else { throw FileError(path: url.path, errno: errno, action: "append to") }
        guard fsync(fd) == 0 else { throw FileError(path: url.path, errno: errno, action: "flush") }
        if !existed { AtomicFile.syncDirectory(directory.path) }
    }

    package struct ReadResult: Sendable {
        package var records: [Record]
        /// One warning per line that could not be decoded (line numbers are 1-based).
        package var skipped: [Diagnostic]
    }

    /// Reads every record; a missing file is an empty log.
    package func read() throws(FileError) -> ReadResult {
        guard FileManager.default.fileExists(atPath: url.path) else { return ReadResult(records: [], skipped: []) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw FileError(path: url.path, message: "cannot read \(url.path): \(error.localizedDescription)")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var records: [Record] = []
        var skipped: [Diagnostic] = []
        var lineNumber = 0
        for slice in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if slice.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            do {
                records.append(try decoder.decode(Record.self, from: Data(slice)))
            } catch {
                skipped.append(.warning(url.path, line: lineNumber, column: 1, "skipped a damaged record (it is kept in the file)"))
            }
        }
        return ReadResult(records: records, skipped: skipped)
    }
}
