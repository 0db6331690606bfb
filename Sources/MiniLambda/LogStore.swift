import Foundation
import Synchronization

/// One CloudWatch log event.
package struct LogEvent: Sendable, Hashable {
    package var timestamp: Date
    package var message: String
}

/// One log stream: the events of one execution environment.
package struct LogStream: Sendable {
    package var name: String
    package var events: [LogEvent]
    package var lastEventTime: Date? { events.last?.timestamp }
}

/// The session's CloudWatch Logs: log group `/aws/lambda/NAME`, one stream per environment.
/// In memory only (a tutor session), so it is bounded three ways, all of them the tutor's own
/// limits (CloudWatch Logs keeps everything until a retention setting says otherwise):
/// events per stream, bytes per stream, and bytes for the whole session. The oldest events go
/// first, and the stream then starts with a note saying how many were dropped and why.
///
/// An event's size is counted as CloudWatch counts it for its quotas: its UTF-8 bytes plus 26.
package final class LogStore: Sendable {
    package struct Limits: Sendable, Hashable {
        /// Events kept per stream.
        package var eventsPerStream: Int
        /// Bytes kept per stream.
        package var bytesPerStream: Int
        /// Bytes kept for all streams of all groups together.
        package var bytesPerSession: Int

        package init(eventsPerStream: Int = 10_000, bytesPerStream: Int = 8 << 20, bytesPerSession: Int = 64 << 20) {
            self.eventsPerStream = eventsPerStream
            self.bytesPerStream = bytesPerStream
            self.bytesPerSession = bytesPerSession
        }
    }

    /// What CloudWatch adds to each event's UTF-8 size when it counts bytes.
    static let eventOverhead = 26

    private struct Stream {
        var events: [LogEvent] = []
        var bytes = 0
        var droppedEvents = 0
        var droppedBytes = 0
    }

    private struct Group {
        var streams: [String: Stream] = [:]
        var order: [String] = []
    }

    private struct State {
        var groups: [String: Group] = [:]
        var bytes = 0
    }

    private let state = Mutex(State())
    package let limits: Limits
    /// Events kept per stream; older ones are dropped first.
    package var eventsPerStream: Int { limits.eventsPerStream }

    package init(limits: Limits = Limits()) {
        self.limits = limits
    }

    package convenience init(eventsPerStream: Int) {
        self.init(limits: Limits(eventsPerStream: eventsPerStream))
    }

    static func size(_ message: String) -> Int { message.utf8.count + eventOverhead }

    /// Adds `lines` to a stream, stamped `date` (the invoker's wall clock: TimedLog).
    func append(group: String, stream: String, lines: [String], at date: Date) {
        guard !lines.isEmpty else { return }
        let limits = self.limits
        let events = lines.map { LogEvent(timestamp: date, message: $0) }
        let added = lines.reduce(0) { $0 + Self.size($1) }
        state.withLock { state in
            // Mutated in place: copying a group out and back would copy every stored event.
            if state.groups[group]?.streams[stream] == nil { state.groups[group, default: Group()].order.append(stream) }
            state.groups[group, default: Group()].streams[stream, default: Stream()].events.append(contentsOf: events)
            state.groups[group]?.streams[stream]?.bytes += added
            state.bytes += added
            Self.trim(&state, group: group, stream: stream, limits: limits)
            if state.bytes > limits.bytesPerSession { Self.trimSession(&state, limits: limits) }
        }
    }

    /// Drops the oldest events of one stream past its event or byte cap, in batches (a quarter
    /// of the cap over) so the cost stays amortised.
    private static func trim(_ state: inout State, group: String, stream: String, limits: Limits) {
        guard let entry = state.groups[group]?.streams[stream] else { return }
        let overEvents = entry.events.count > limits.eventsPerStream + limits.eventsPerStream / 4
        let overBytes = entry.bytes > limits.bytesPerStream
        guard overEvents || overBytes else { return }
        let keepEvents = overEvents ? limits.eventsPerStream : entry.events.count
        let keepBytes = overBytes ? limits.bytesPerStream - limits.bytesPerStream / 4 : entry.bytes
        drop(&state, limits: limits, group: group, stream: stream, toEvents: keepEvents, bytes: keepBytes)
    }

    /// Over the session's cap: the oldest events of the session go, stream by stream (the stream
    /// whose first kept event is oldest first), down to three quarters of the cap.
    private static func trimSession(_ state: inout State, limits: Limits) {
        let target = limits.bytesPerSession - limits.bytesPerSession / 4
        while state.bytes > target {
            var oldest: (group: String, stream: String, date: Date)?
            for (groupName, group) in state.groups {
                for (streamName, stream) in group.streams {
                    guard let first = stream.events.first(where: { !$0.message.hasPrefix(droppedNotePrefix) }) else { continue }
                    if oldest == nil || first.timestamp < oldest!.date { oldest = (groupName, streamName, first.timestamp) }
                }
            }
            guard let oldest, let stream = state.groups[oldest.group]?.streams[oldest.stream] else { return }
            // Half of that stream, or as much as brings the session under the target.
            let excess = state.bytes - target
            let keep = max(0, min(stream.bytes - excess, stream.bytes / 2))
            drop(&state, limits: limits, group: oldest.group, stream: oldest.stream, toEvents: stream.events.count, bytes: keep)
        }
    }

    static let droppedNotePrefix = "[lambda-tutor] "

    /// Removes the oldest events of a stream until at most `events` events and `bytes` bytes
    /// remain, and puts (or updates) the note at its start.
    private static func drop(_ state: inout State, limits: Limits, group: String, stream name: String, toEvents events: Int, bytes: Int) {
        guard var stream = state.groups[group]?.streams[name] else { return }
        state.groups[group]?.streams[name] = nil // no second copy while it is edited
        var start = 0
        var removedBytes = 0
        if let first = stream.events.first, first.message.hasPrefix(droppedNotePrefix + "earlier events") {
            removedBytes += size(first.message)
            start = 1
        }
        var index = start
        var remainingBytes = stream.bytes - removedBytes
        var remainingEvents = stream.events.count - start
        while index < stream.events.count, remainingEvents > events || remainingBytes > bytes {
            let eventBytes = size(stream.events[index].message)
            remainingBytes -= eventBytes
            remainingEvents -= 1
            stream.droppedBytes += eventBytes
            stream.droppedEvents += 1
            index += 1
        }
        let firstKept = index < stream.events.count ? stream.events[index].timestamp
            : (stream.events.last?.timestamp ?? .distantPast) // all dropped: dated as the last of them
        stream.events.removeFirst(index)
        let note = droppedNotePrefix + "earlier events of this stream were dropped: \(stream.droppedEvents) events, \(stream.droppedBytes) bytes. "
            + "The tutor keeps at most \(limits.eventsPerStream) events and \(megabytes(limits.bytesPerStream)) per stream, "
            + "\(megabytes(limits.bytesPerSession)) for the session, in memory (its own limits; CloudWatch Logs keeps them all)."
        stream.events.insert(LogEvent(timestamp: firstKept, message: note), at: 0)
        let newBytes = remainingBytes + size(note)
        state.bytes += newBytes - stream.bytes
        stream.bytes = newBytes
        state.groups[group]?.streams[name] = stream
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB" : "\(bytes) bytes"
    }

    /// The streams of a log group, oldest first; `tail` keeps the last N events of each.
    package func streams(group: String, tail: Int? = nil) -> [LogStream] {
        state.withLock { state in
            guard let entry = state.groups[group] else { return [] }
            return entry.order.map { name in
                let events = entry.streams[name]?.events ?? []
                return LogStream(name: name, events: tail.map { Array(events.suffix($0)) } ?? events)
            }
        }
    }

    /// Bytes held for the whole session (as counted against ``Limits/bytesPerSession``).
    package var sessionBytes: Int { state.withLock { $0.bytes } }

    package func removeGroup(_ group: String) {
        state.withLock { state in
            guard let removed = state.groups.removeValue(forKey: group) else { return }
            state.bytes -= removed.streams.values.reduce(0) { $0 + $1.bytes }
        }
    }
}
