import Foundation

/// Reads memory figures of an environment's process tree from `/proc`, which is what
/// `Max Memory Used` reports: the peak resident set (VmHWM) of the runtime and whatever the
/// handler forked.
enum MemoryProbe {
    /// Peak RSS in kB of `pid` and its descendants, or nil if the process is gone. Without
    /// `includingRoot`, `pid` itself (a sandbox's pid 1, which is the tutor's) is not counted.
    static func peakKilobytes(ofTree pid: Int32, includingRoot: Bool = true) -> Int? {
        sum(pid, field: "VmHWM:", includingRoot: includingRoot)
    }

    /// Current RSS in kB of `pid` and its descendants.
    static func residentKilobytes(ofTree pid: Int32, includingRoot: Bool = true) -> Int? {
        sum(pid, field: "VmRSS:", includingRoot: includingRoot)
    }

    private static func sum(_ pid: Int32, field: String, includingRoot: Bool) -> Int? {
        guard let own = value(pid, field: field) else { return nil }
        var total = includingRoot ? own : 0
        var seen: Set<Int32> = [pid]
        var queue = children(of: pid)
        while let child = queue.popLast() {
            guard seen.insert(child).inserted, seen.count < 1024 else { continue }
            total += value(child, field: field) ?? 0
            queue.append(contentsOf: children(of: child))
        }
        return total
    }

    /// The field's number in /proc/PID/status, found in the bytes: Foundation's `range(of:)` on
    /// the text cost more than the read itself, and this runs after every invocation.
    private static func value(_ pid: Int32, field: String) -> Int? {
        guard let bytes = readBytes("/proc/\(pid)/status"), let range = bytes.firstRange(of: Array(field.utf8)) else { return nil }
        var index = range.upperBound
        while index < bytes.endIndex, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        var number = 0
        var digits = 0
        while index < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]), digits < 18 {
            number = number * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            digits += 1
            index += 1
        }
        return digits > 0 ? number : nil
    }

    /// Children of the main thread (`/proc/PID/task/PID/children`), which is where the
    /// runtimes fork from.
    private static func children(of pid: Int32) -> [Int32] {
        guard let text = read("/proc/\(pid)/task/\(pid)/children") else { return [] }
        return text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    private static func read(_ path: String) -> String? {
        readBytes(path).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func readBytes(_ path: String) -> ArraySlice<UInt8>? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
        guard n >= 0 else { return nil }
        return buffer[0..<n]
    }

    static func megabytes(kilobytes: Int) -> Int {
        Int((Double(kilobytes) / 1024).rounded(.up))
    }
}
