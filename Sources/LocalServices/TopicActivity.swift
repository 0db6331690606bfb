import Foundation

/// A topic's counts and latest deliveries this session (newest last, at most 20).
package struct TopicActivity: Sendable, Hashable {
    package var published = 0
    package var delivered = 0
    package var failed = 0
    /// Messages a subscription's filter policy kept from it (SNS's NumberOfNotificationsFilteredOut).
    package var filteredOut = 0
    package var recent: [(at: Date, text: String)] { entries.map { ($0.at, $0.text) } }
    private var entries: [Entry] = []

    private struct Entry: Sendable, Hashable { var at: Date; var text: String }

    package init() {}

    mutating func record(delivered ok: Bool, _ text: String, at: Date) {
        if ok { delivered += 1 } else { failed += 1 }
        note(text, at: at)
    }

    mutating func recordFilteredOut(_ text: String, at: Date) {
        filteredOut += 1
        note(text, at: at)
    }

    private mutating func note(_ text: String, at: Date) {
        entries.append(Entry(at: at, text: text))
        if entries.count > 20 { entries.removeFirst(entries.count - 20) }
    }
}
