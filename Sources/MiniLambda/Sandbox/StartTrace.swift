import Foundation
import Synchronization

/// Where the tutor's side of a cold start spends its time, for profiling: with
/// `LAMBDA_TUTOR_SPAWN_TRACE=1` (off by default) each step of ``ExecutionEnvironment/start``
/// and the end of INIT are stamped, and one line goes to stderr per cold start (pid 1's own
/// steps are printed by the C side, `spawn-trace:`). Cold starts running at the same time
/// share the one trace, so use it with one cold start at a time (the benchmark does).
enum StartTrace {
    static let isEnabled: Bool = {
        let flag = ProcessInfo.processInfo.environment["LAMBDA_TUTOR_SPAWN_TRACE"] ?? ""
        return !flag.isEmpty && flag != "0"
    }()

    private static let marks = Mutex<[(String, ContinuousClock.Instant)]>([])

    static func begin() {
        guard isEnabled else { return }
        marks.withLock { $0 = [("begin", .now)] }
    }

    static func mark(_ label: String) {
        guard isEnabled else { return }
        marks.withLock { $0.append((label, .now)) }
    }

    /// Prints the steps since ``begin()``, each as the time since the one before, in ms.
    static func end(_ label: String) {
        guard isEnabled else { return }
        let steps = marks.withLock { marks -> [(String, ContinuousClock.Instant)] in
            marks.append((label, .now))
            defer { marks = [] }
            return marks
        }
        guard let first = steps.first, let last = steps.last else { return }
        var line = "start-trace:"
        for (previous, step) in zip(steps, steps.dropFirst()) {
            line += " \(step.0)=+" + String(format: "%.3f", previous.1.duration(to: step.1).milliseconds)
        }
        line += " total=" + String(format: "%.3f", first.1.duration(to: last.1).milliseconds) + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
