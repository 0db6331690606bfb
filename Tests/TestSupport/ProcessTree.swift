import Foundation

/// The process-tree check behind "no process of ours survives": processes whose environment
/// mentions a marker (a test's environments folder, which the runtime's children carry in
/// LAMBDA_TASK_ROOT and LAMBDA_RUNTIME_DIR, and everything they fork inherits).
package enum ProcessTree {
    /// Live processes other than this one whose `/proc/PID/environ` contains `marker`.
    package static func processes(mentioning marker: String) -> [Int32] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap(Int32.init).filter { pid in
            guard pid != getpid(), let data = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
            return String(decoding: data, as: UTF8.self).contains(marker)
        }
    }
}
