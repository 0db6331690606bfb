import Foundation
import TutorSupport

/// The log lines of one invocation, each with the time it was written: `INIT_START` when the
/// environment started, the function's lines when they arrived, `START`, `END` and `REPORT`
/// when they happened, so a stream read back (`logs NAME`) shows a cold start as it unfolded
/// rather than every line at one instant.
struct TimedLog {
    private(set) var entries: [(at: Date, text: String)] = []
    /// Dates the lines appended without a time of their own.
    let clock: any WallClock

    init(clock: any WallClock) {
        self.clock = clock
    }

    mutating func append(_ text: String, at date: Date? = nil) {
        entries.append((date ?? clock.now(), text))
    }

    mutating func append(_ lines: [String], at date: Date? = nil) {
        let date = date ?? clock.now()
        entries += lines.map { (date, $0) }
    }

    mutating func append(_ timed: [(at: Date, text: String)]) {
        entries += timed
    }

    static func + (log: TimedLog, more: TimedLog) -> TimedLog {
        var joined = log
        joined.entries += more.entries
        return joined
    }

    var lines: [String] { entries.map(\.text) }

    /// Appends the lines to a stream, each run of lines written at one instant in one call.
    func store(in logs: LogStore, group: String, stream: String) {
        var index = entries.startIndex
        while index < entries.endIndex {
            let at = entries[index].at
            var end = index
            while end < entries.endIndex, entries[end].at == at { end += 1 }
            logs.append(group: group, stream: stream, lines: entries[index..<end].map(\.text), at: at)
            index = end
        }
    }
}
