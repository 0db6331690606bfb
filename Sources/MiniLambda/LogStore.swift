import Foundation
import Synchronization

/// One CloudWatch log event.
public struct LogEvent: Sendable, Hashable {
    public var timestamp: Date
    public var message: String
}

/// One log stream: the events of one execution environment.
public struct LogStream: Sendable {
    public var name: String
    public var events: [LogEvent]
    public var lastEventTime: Date? { events.last?.timestamp }
}

/// The session's CloudWatch Logs: log group `/aws/lambda/NAME`, one stream per environment.
/// In memory only (a tutor session); each stream keeps its newest events.
public final class LogStore: Sendable {
    private struct Group {
        var streams: [String: [LogEvent]] = [:]
        var order: [String] = []
    }

    private let groups = Mutex<[String: Group]>([:])
    /// Events kept per stream; older ones are dropped first.
    public let eventsPerStream: Int

    public init(eventsPerStream: Int = 10_000) {
        self.eventsPerStream = eventsPerStream
    }

    func append(group: String, stream: String, lines: [String], at date: Date = Date()) {
        guard !lines.isEmpty else { return }
        let limit = eventsPerStream
        let events = lines.map { LogEvent(timestamp: date, message: $0) }
        groups.withLock { groups in
            // Mutated in place: copying a group out and back would copy every stored event.
            if groups[group]?.streams[stream] == nil { groups[group, default: Group()].order.append(stream) }
            groups[group, default: Group()].streams[stream, default: []].append(contentsOf: events)
            if let count = groups[group]?.streams[stream]?.count, count > limit + limit / 4 {
                // Trim in batches so the cost stays amortised.
                groups[group]?.streams[stream]?.removeFirst(count - limit)
            }
        }
    }

    /// The streams of a log group, oldest first; `tail` keeps the last N events of each.
    public func streams(group: String, tail: Int? = nil) -> [LogStream] {
        groups.withLock { groups in
            guard let entry = groups[group] else { return [] }
            return entry.order.map { name in
                let events = entry.streams[name] ?? []
                return LogStream(name: name, events: tail.map { Array(events.suffix($0)) } ?? events)
            }
        }
    }

    public func removeGroup(_ group: String) {
        groups.withLock { _ = $0.removeValue(forKey: group) }
    }
}
