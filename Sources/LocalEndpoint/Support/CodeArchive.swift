import Foundation
import LambdaModel
import TutorSupport

/// A deployment package as `aws lambda create-function --zip-file fileb://f.zip` sends it,
/// checked before a byte is written and extracted into a fresh private folder.
///
/// The central directory is read here first: no entry may be absolute, climb out with `..`,
/// be a symbolic link or a device, and the unzipped total must fit the facts table's package
/// limit. `unzip` (apt: unzip) then extracts into an empty folder with each file capped at that
/// limit (`ulimit -f`), and the result is walked again with `lstat`: anything but plain files
/// and folders, or more bytes than declared, and the whole package is refused.
struct CodeArchive {
    let zip: Data

    /// The zipped size AWS accepts in a direct upload, and the unzipped size (with layers).
    static var zippedLimit: Int { Facts.zipDirectUpload.int * 1024 * 1024 }
    static var unzippedLimit: Int { Facts.unzippedMax.int * 1024 * 1024 }
    static let maxEntries = 20_000

    /// AWS's words for a package it cannot open.
    static func unusable(_ why: String) -> APIError {
        APIError.invalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again. (\(why))")
    }

    struct Entry {
        var name: String
        var uncompressedSize: Int
        var isDirectory: Bool
    }

    /// The entries of the central directory, checked.
    func entries() throws(APIError) -> [Entry] {
        let bytes = [UInt8](zip)
        guard zip.count <= Self.zippedLimit else {
            throw APIError(413, "RequestEntityTooLargeException", "Zipped size \(zip.count) bytes exceeds the limit of \(Self.zippedLimit) bytes (\(Facts.zipDirectUpload.display)) for a direct upload")
        }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        // End of central directory: 22 bytes plus a comment of up to 65,535.
        guard bytes.count >= 22 else { throw Self.unusable("not a zip file") }
        var end = -1
        var position = bytes.count - 22
        while position >= max(0, bytes.count - 22 - 65_535) {
            if u32(position) == 0x0605_4b50 { end = position; break }
            position -= 1
        }
        guard end >= 0 else { throw Self.unusable("not a zip file: no end of central directory") }
        let count = u16(end + 10)
        let directorySize = u32(end + 12)
        let directoryOffset = u32(end + 16)
        guard count != 0xFFFF, directoryOffset != 0xFFFF_FFFF else { throw Self.unusable("zip64 archives are not accepted") }
        guard count <= Self.maxEntries else { throw Self.unusable("more than \(Self.maxEntries) entries") }
        guard directoryOffset + directorySize <= end else { throw Self.unusable("the central directory is damaged") }
        var entries: [Entry] = []
        var total = 0
        var at = directoryOffset
        for _ in 0..<count {
            guard at + 46 <= end, u32(at) == 0x0201_4b50 else { throw Self.unusable("the central directory is damaged") }
            let madeBy = u16(at + 4) >> 8
            let size = u32(at + 24)
            let nameLength = u16(at + 28)
            let extraLength = u16(at + 30)
            let commentLength = u16(at + 32)
            let external = u32(at + 38)
            guard at + 46 + nameLength <= end else { throw Self.unusable("the central directory is damaged") }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            try Self.check(name: name)
            let isDirectory = name.hasSuffix("/")
            if madeBy == 3 {
                // Unix: the mode is in the high 16 bits of the external attributes.
                let type = (external >> 16) & 0o170000
                if type == 0o120000 { throw Self.unusable("'\(name)' is a symbolic link; packages may hold only files and folders here") }
                if type != 0, type != 0o100000, type != 0o040000 { throw Self.unusable("'\(name)' is not a plain file or folder") }
            }
            total += size
            guard total <= Self.unzippedLimit else {
                throw APIError.invalidParameter("Unzipped size must be smaller than \(Self.unzippedLimit) bytes")
            }
            entries.append(Entry(name: name, uncompressedSize: size, isDirectory: isDirectory))
            at += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    static func check(name: String) throws(APIError) {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, !name.hasPrefix("/"), !name.contains("\\"), !name.contains("\0"), !parts.contains(".."),
              parts.dropLast().allSatisfy({ !$0.isEmpty && $0 != "." }) else {
            throw unusable("the entry '\(name)' would land outside the function's folder")
        }
    }

    /// Extracts into `destination`, which must be an empty folder of the tutor's own.
    func extract(into destination: URL) throws(APIError) {
        let declared = try entries()
        let zipFile = destination.appendingPathComponent(".package.zip")
        let descriptor = open(zipFile.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw APIError.service("cannot write the package to \(destination.path): \(String(cString: strerror(errno)))") }
        let written = zip.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        close(descriptor)
        defer { unlink(zipFile.path) }
        guard written else { throw APIError.service("cannot write the package to \(destination.path)") }
        let files = destination.appendingPathComponent("files", isDirectory: true)
        guard mkdir(files.path, 0o700) == 0 else { throw APIError.service("cannot create \(files.path)") }

        // ulimit -f counts 512-byte blocks in dash and 1024-byte ones in bash: 512 is the safe reading.
        let blocks = Self.unzippedLimit / 512 + 1
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -f \(blocks) && exec unzip -qq -n \"$1\" -d \"$2\"", "sh", zipFile.path, files.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw APIError.service("cannot run unzip (apt install unzip): \(error.localizedDescription)")
        }
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 127 || said.contains("unzip: not found") {
            throw APIError.service("the tutor needs the unzip command to unpack deployment packages (apt install unzip)")
        }
        // unzip's 1 means warnings only (e.g. a stray byte before the archive).
        guard process.terminationStatus == 0 || process.terminationStatus == 1 else {
            throw Self.unusable(said.split(separator: "\n").last.map(String.init) ?? "unzip failed")
        }
        try Self.verify(files, declaredTotal: declared.reduce(0) { $0 + $1.uncompressedSize })
    }

    /// ``extract(into:)`` on a thread of its own (it waits for `unzip`).
    func extractOffPool(into destination: URL) async throws(APIError) {
        let archive = self
        let outcome = await OwnThread.run { () -> Result<Void, APIError> in
            do throws(APIError) {
                try archive.extract(into: destination)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try outcome.get()
    }

    /// Only plain files and folders, inside, at most the declared size; modes made safe
    /// (no set-id bits, nothing writable by others).
    static func verify(_ root: URL, declaredTotal: Int) throws(APIError) {
        var total = 0
        var stack = [root.path]
        while let folder = stack.popLast() {
            guard let directory = opendir(folder) else { throw APIError.service("cannot read \(folder)") }
            var names: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name != ".", name != ".." { names.append(name) }
            }
            closedir(directory)
            for name in names {
                let path = folder + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0 else { throw APIError.service("cannot read \(path)") }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    chmod(path, 0o755)
                    stack.append(path)
                case S_IFREG:
                    total += Int(info.st_size)
                    chmod(path, (info.st_mode & 0o111) != 0 ? 0o755 : 0o644)
                default:
                    throw unusable("'\(name)' is not a plain file or folder")
                }
            }
        }
        guard total <= declaredTotal, total <= unzippedLimit else {
            throw unusable("the archive holds more than its directory declares")
        }
    }
}
