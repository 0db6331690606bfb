import Foundation

/// Every card's state, derived by replaying the learner's answers in time order.
///
/// The attempt log is the record; this is a cache of what replaying it gives. It remembers
/// which attempts (by their stable ids) it has applied, with a fingerprint of each (card, time,
/// grade), so ``refreshed(with:)`` applies only attempts it has not seen when the log has merely
/// grown, and replays everything when it has not (an attempt gone or changed, a new one older
/// than what was applied, a different scheduler or retention). An attempt whose id appears twice
/// in the log is applied once. A schedule that is lost or damaged is therefore never a loss, and
/// never counts an answer twice.
package struct ReviewSchedule: Sendable, Hashable, Codable {
    /// Bumped when the file layout changes (an older file is then rebuilt, not misread).
    /// 2: applied attempts by id (1 counted them).
    package static let currentFormat = 2

    package var format: Int
    /// "FSRS-6".
    package var model: String
    package var scheduler: Scheduler
    package var policy: RatingPolicy
    package private(set) var cards: [String: ReviewCard]
    /// The attempts applied, by id, each with its fingerprint.
    package private(set) var applied: [String: EventFingerprint]
    /// The time of the latest applied event.
    package private(set) var latest: Date?

    /// How many attempts this schedule has applied.
    package var replayed: Int { applied.count }

    /// An empty schedule.
    package init(scheduler: Scheduler = .standard, policy: RatingPolicy = .standard) {
        self.format = Self.currentFormat
        self.model = FSRSParameters.modelVersion
        self.scheduler = scheduler
        self.policy = policy
        self.cards = [:]
        self.applied = [:]
        self.latest = nil
    }

    /// Replays `events` (the attempt log, oldest first as written) from nothing, in time order;
    /// events at the same time keep their log order; a repeated id counts once (its first line).
    package static func rebuild(from events: [ReviewEvent], scheduler: Scheduler = .standard,
                               policy: RatingPolicy = .standard) -> ReviewSchedule {
        var schedule = ReviewSchedule(scheduler: scheduler, policy: policy)
        let ordered = unique(events).enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        for event in ordered { schedule.apply(event) }
        return schedule
    }

    /// This schedule brought up to date with the whole log `events`: the attempts not yet
    /// applied are applied when nothing applied has gone or changed and none of them is older
    /// than what was applied; else a full rebuild. `rebuilt` says which happened.
    package func refreshed(with events: [ReviewEvent]) -> (schedule: ReviewSchedule, rebuilt: Bool) {
        if let extended = extended(with: events) { return (extended, false) }
        return (Self.rebuild(from: events, scheduler: scheduler, policy: policy), true)
    }

    /// The same history under another scheduler (new parameters or retention): a full replay,
    /// as py-fsrs's `reschedule_card` does.
    package func rescheduled(with scheduler: Scheduler, events: [ReviewEvent]) -> ReviewSchedule {
        Self.rebuild(from: events, scheduler: scheduler, policy: policy)
    }

    private func extended(with events: [ReviewEvent]) -> ReviewSchedule? {
        guard format == Self.currentFormat, model == FSRSParameters.modelVersion else { return nil }
        let events = Self.unique(events)
        var fresh: [ReviewEvent] = []
        var seen = 0
        for event in events {
            if let known = applied[event.id] {
                guard known == EventFingerprint(event, policy: policy) else { return nil }
                seen += 1
            } else {
                fresh.append(event)
            }
        }
        // An applied attempt is no longer in the log: it was edited or the log was replaced.
        guard seen == applied.count else { return nil }
        var next = self
        let ordered = fresh.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        for event in ordered {
            if let latest = next.latest, event.time < latest { return nil }
            next.apply(event)
        }
        return next
    }

    /// The events with each id's first occurrence only, in log order.
    private static func unique(_ events: [ReviewEvent]) -> [ReviewEvent] {
        var ids = Set<String>()
        return events.filter { ids.insert($0.id).inserted }
    }

    private mutating func apply(_ event: ReviewEvent) {
        let card = cards[event.cardID] ?? ReviewCard(id: event.cardID, created: event.time)
        cards[event.cardID] = scheduler.review(card, rating: event.rating(policy), at: event.time)
        applied[event.id] = EventFingerprint(event, policy: policy)
        latest = max(latest ?? event.time, event.time)
    }

    // MARK: - Queries

    /// Cards due at `time`, the most overdue first (ties by id, so the order is stable).
    package func dueCards(at time: Date) -> [ReviewCard] {
        cards.values.filter { $0.isDue(at: time) }.sorted { ($0.due, $0.id) < ($1.due, $1.id) }
    }

    package func dueCount(at time: Date) -> Int {
        cards.values.reduce(0) { $0 + ($1.isDue(at: time) ? 1 : 0) }
    }

    package func card(_ id: String) -> ReviewCard? { cards[id] }

    /// The predicted probability of recall of every reviewed card at `time`.
    package func retrievability(at time: Date) -> [String: Double] {
        cards.mapValues { scheduler.retrievability(of: $0, at: time) }
    }
}

/// What an applied attempt was (card, time, grade) as a 64-bit FNV-1a hash: an attempt whose
/// line was edited after it was applied no longer matches, and the schedule is replayed.
package struct EventFingerprint: Sendable, Hashable, Codable {
    package let value: UInt64

    init(_ event: ReviewEvent, policy: RatingPolicy) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        let text = "\(event.cardID)\u{1F}\(event.time.timeIntervalSince1970.bitPattern)\u{1F}\(event.rating(policy).rawValue)"
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        value = hash
    }

    package init(from decoder: any Decoder) throws {
        // Hex text: a JSON number this large would not survive every reader exactly.
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = UInt64(text, radix: 16) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a fingerprint: \(text)"))
        }
        self.value = value
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(value, radix: 16))
    }
}
