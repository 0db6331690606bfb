import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads the memory figures `/proc` gives a process, which is what `Max Memory Used` reports:
/// the peak resident set (VmHWM) of the runtime and whatever the handler forked (the tree is
/// walked by ``MemoryWatch``).
///
/// This runs after every invocation and on every watchdog tick, so it works on raw bytes in
/// one stack buffer: the generic `firstRange(of:)` over an `ArraySlice` it used before was
/// 30% of the tutor's CPU per warm invoke in the API benchmark, more than the reads themselves.
enum MemoryProbe {
    /// A process's (or a tree's) figures, in kB.
    struct Figures: Sendable, Equatable {
        var resident = 0
        var peak = 0
    }

    /// VmRSS and VmHWM from the text of /proc/PID/status.
    static func figures(in status: UnsafeRawBufferPointer) -> Figures? {
        guard let resident = number(after: "VmRSS:", in: status), let peak = number(after: "VmHWM:", in: status) else { return nil }
        return Figures(resident: resident, peak: peak)
    }

    /// The pids of /proc/PID/task/TID/children (space-separated).
    static func pids(in bytes: UnsafeRawBufferPointer) -> [Int32] {
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

    /// Calls `body` with the file's first 4 KB (a status file is about 1.5 KB), read from its
    /// start into a stack buffer; nil if it cannot be read (the status of a process that has
    /// been reaped; its children file reads empty instead).
    static func withContents<T>(of fd: Int32, _ body: (UnsafeRawBufferPointer) -> T) -> T? {
        withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 8) { buffer -> T? in
            let n = pread(fd, buffer.baseAddress, buffer.count, 0)
            guard n >= 0 else { return nil }
            return body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
    }

    static func megabytes(kilobytes: Int) -> Int {
        Int((Double(kilobytes) / 1024).rounded(.up))
    }
}
