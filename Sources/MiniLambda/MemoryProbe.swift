import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads memory figures of an environment's process tree from `/proc`, which is what
/// `Max Memory Used` reports: the peak resident set (VmHWM) of the runtime and whatever the
/// handler forked.
///
/// This runs after every invocation and on every watchdog tick, so it works on raw bytes in
/// one stack buffer: the generic `firstRange(of:)` over an `ArraySlice` it used before was
/// 30% of the tutor's CPU per warm invoke in the API benchmark, more than the reads themselves.
enum MemoryProbe {
    /// Both figures of a tree, in kB.
    struct Figures: Sendable, Equatable {
        var resident = 0
        var peak = 0
    }

    /// Peak RSS in kB of `pid` and its descendants, or nil if the process is gone. Without
    /// `includingRoot`, `pid` itself (a sandbox's pid 1, which is the tutor's) is not counted.
    static func peakKilobytes(ofTree pid: Int32, includingRoot: Bool = true) -> Int? {
        figures(ofTree: pid, includingRoot: includingRoot)?.peak
    }

    /// Current and peak RSS of `pid` and its descendants in one walk, or nil if `pid` is gone.
    static func figures(ofTree pid: Int32, includingRoot: Bool = true) -> Figures? {
        var total = Figures()
        if includingRoot {
            guard let own = figures(of: pid) else { return nil }
            total = own
        }
        // The root's children file is the liveness check when its own figures are not wanted
        // (it is gone with the process).
        guard var queue = children(of: pid) else { return nil }
        var seen: Set<Int32> = [pid]
        while let child = queue.popLast() {
            guard seen.insert(child).inserted, seen.count < 1024 else { continue }
            if let figures = figures(of: child) {
                total.resident += figures.resident
                total.peak += figures.peak
            }
            queue.append(contentsOf: children(of: child) ?? [])
        }
        return total
    }

    /// VmRSS and VmHWM of one process from /proc/PID/status.
    private static func figures(of pid: Int32) -> Figures? {
        withContents(of: "/proc/\(pid)/status") { bytes in
            guard let resident = number(after: "VmRSS:", in: bytes), let peak = number(after: "VmHWM:", in: bytes) else { return nil }
            return Figures(resident: resident, peak: peak)
        } ?? nil
    }

    /// Children of the main thread (`/proc/PID/task/PID/children`, space-separated pids), which
    /// is where the runtimes fork from; nil if the process is gone.
    private static func children(of pid: Int32) -> [Int32]? {
        withContents(of: "/proc/\(pid)/task/\(pid)/children") { bytes in
            var pids: [Int32] = []
            var value: Int32 = 0
            var digits = 0
            for byte in bytes {
                if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 9 {
                    value = value * 10 + Int32(byte - UInt8(ascii: "0"))
                    digits += 1
                } else {
                    if digits > 0 { pids.append(value) }
                    value = 0
                    digits = 0
                }
            }
            if digits > 0 { pids.append(value) }
            return pids
        }
    }

    /// The decimal number after `field` (and blanks) in `bytes`, where `field` starts a line.
    static func number(after field: StaticString, in bytes: UnsafeRawBufferPointer) -> Int? {
        let key = UnsafeRawBufferPointer(start: field.utf8Start, count: field.utf8CodeUnitCount)
        guard let base = bytes.baseAddress, let keyBase = key.baseAddress else { return nil }
        var lineStart = 0
        while lineStart + key.count <= bytes.count {
            if memcmp(base + lineStart, keyBase, key.count) == 0 {
                return decimal(in: bytes, from: lineStart + key.count)
            }
            guard let newline = memchr(base + lineStart, 0x0A, bytes.count - lineStart) else { return nil }
            lineStart = base.distance(to: UnsafeRawPointer(newline)) + 1
        }
        return nil
    }

    private static func decimal(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        var number = 0
        var digits = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9"), digits < 18 {
            number = number * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            digits += 1
            index += 1
        }
        return digits > 0 ? number : nil
    }

    /// Calls `body` with the first 4 KB of the file (a status file is about 1.5 KB), read into a
    /// stack buffer; nil if it cannot be opened or read.
    private static func withContents<T>(of path: String, _ body: (UnsafeRawBufferPointer) -> T) -> T? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 8) { buffer -> T? in
            let n = read(fd, buffer.baseAddress, buffer.count)
            guard n >= 0 else { return nil }
            return body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
    }

    static func megabytes(kilobytes: Int) -> Int {
        Int((Double(kilobytes) / 1024).rounded(.up))
    }
}
