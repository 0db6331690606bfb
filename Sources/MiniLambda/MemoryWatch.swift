import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The memory figures of one environment's process tree, read through descriptors kept open
/// for its life: `Max Memory Used` is read after every invocation, and opening
/// `/proc/PID/status` by path costs twice what reading it does (15 against 7.5 µs here; the
/// children file 5 against 0.6). A descriptor of a process that has gone reads nothing and is
/// replaced, so a reused pid is opened afresh.
final class MemoryWatch: Sendable {
    /// The tree's root: a sandbox's pid 1 (not counted: it is the tutor's) or the runtime.
    let root: Int32
    let includingRoot: Bool
    private let files = Mutex<[Int32: Files]>([:])

    /// One process's open files: its status (-1 where not wanted) and its main thread's children.
    private struct Files {
        var status: Int32
        var children: Int32
    }

    init(root: Int32, includingRoot: Bool) {
        self.root = root
        self.includingRoot = includingRoot
    }

    deinit { close() }

    /// Current and peak RSS of the tree in kB, or nil once the root is gone. A root whose own
    /// figures are not wanted is only known to be gone when its children file cannot be opened
    /// (once opened, it reads empty after the process went): callers that can tell, by having
    /// reaped it, check that first.
    func figures() -> MemoryProbe.Figures? {
        files.withLock { files -> MemoryProbe.Figures? in
            var total = MemoryProbe.Figures()
            var seen: Set<Int32> = []
            var queue = [root]
            while let pid = queue.popLast() {
                guard seen.insert(pid).inserted, seen.count < 1024 else { continue }
                let wantsStatus = pid != root || includingRoot
                guard let read = Self.read(pid, wantsStatus: wantsStatus, in: &files) else {
                    if pid == root { return nil }
                    continue
                }
                if let figures = read.figures {
                    total.resident += figures.resident
                    total.peak += figures.peak
                }
                queue.append(contentsOf: read.children)
            }
            // Processes that left the tree: their files go.
            for (pid, open) in files where !seen.contains(pid) {
                Self.close(open)
                files[pid] = nil
            }
            return total
        }
    }

    /// Closes every file (also done when the watch is released).
    func close() {
        files.withLock { files in
            for open in files.values { Self.close(open) }
            files = [:]
        }
    }

    /// How many processes' files stay open: the runtime and a few it started. A handler that
    /// forks hundreds must not use up the tutor's descriptors; past these, files are opened
    /// for each read and closed again.
    static let keptOpen = 16

    private static func read(_ pid: Int32, wantsStatus: Bool, in files: inout [Int32: Files]) -> (figures: MemoryProbe.Figures?, children: [Int32])? {
        for attempt in 0..<2 {
            guard let open = files[pid] ?? Self.open(pid, wantsStatus: wantsStatus) else { return nil }
            guard files[pid] != nil || files.count < keptOpen else {
                defer { Self.close(open) }
                return Self.read(open)
            }
            files[pid] = open
            if let read = Self.read(open) { return read }
            // The process these files belonged to has gone: try its pid once more, afresh.
            Self.close(open)
            files[pid] = nil
            if attempt == 1 { break }
        }
        return nil
    }

    /// The figures (nil where the status is not wanted) and the children, or nil if the process
    /// these files belong to has gone.
    private static func read(_ open: Files) -> (figures: MemoryProbe.Figures?, children: [Int32])? {
        var figures: MemoryProbe.Figures?
        if open.status >= 0 {
            guard let read = MemoryProbe.withContents(of: open.status, MemoryProbe.figures(in:)), let read else { return nil }
            figures = read
        }
        guard let children = MemoryProbe.withContents(of: open.children, MemoryProbe.pids(in:)) else { return nil }
        return (figures, children)
    }

    private static func open(_ pid: Int32, wantsStatus: Bool) -> Files? {
        let children = Glibc.open("/proc/\(pid)/task/\(pid)/children", O_RDONLY | O_CLOEXEC)
        guard children >= 0 else { return nil }
        guard wantsStatus else { return Files(status: -1, children: children) }
        let status = Glibc.open("/proc/\(pid)/status", O_RDONLY | O_CLOEXEC)
        guard status >= 0 else {
            Glibc.close(children)
            return nil
        }
        return Files(status: status, children: children)
    }

    private static func close(_ files: Files) {
        if files.status >= 0 { Glibc.close(files.status) }
        Glibc.close(files.children)
    }
}
