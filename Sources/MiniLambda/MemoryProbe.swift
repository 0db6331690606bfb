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

    private static func value(_ pid: Int32, field: String) -> Int? {
        guard let text = read("/proc/\(pid)/status") else { return nil }
        guard let range = text.range(of: field) else { return nil }
        let rest = text[range.upperBound...].drop { $0 == " " || $0 == "\t" }
        return Int(rest.prefix { $0.isNumber })
    }

    /// Children of the main thread (`/proc/PID/task/PID/children`), which is where the
    /// runtimes fork from.
    private static func children(of pid: Int32) -> [Int32] {
        guard let text = read("/proc/\(pid)/task/\(pid)/children") else { return [] }
        return text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    private static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return n == 0 ? "" : nil }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }

    static func megabytes(kilobytes: Int) -> Int {
        Int((Double(kilobytes) / 1024).rounded(.up))
    }
}
