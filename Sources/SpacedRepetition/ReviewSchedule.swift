import Foundation

/// Every card's state, derived by replaying the learner's answers in time order.
///
/// The attempt log is the record; this is a cache of what replaying it gives. It remembers how
/// many events it has seen and a digest of them, so ``refreshed(with:)`` can apply only the new
/// answers when the log has merely grown, and replays everything when it has not (a different
/// scheduler or retention, an edited or shorter log, answers out of time order). A schedule
/// that is lost or damaged is therefore never a loss.
public struct ReviewSchedule: Sendable, Hashable, Codable {
    /// Bumped when the file layout changes (an older file is then rebuilt, not misread).
    public static let currentFormat = 1

    public var format: Int
    /// "FSRS-6".
    public var model: String
    public var scheduler: Scheduler
    public var policy: RatingPolicy
    public private(set) var cards: [String: ReviewCard]
    /// How many events of the log (in log order) this schedule has replayed.
    public private(set) var replayed: Int
    /// A digest of those events, to notice a log that was edited rather than appended to.
    public private(set) var digest: EventDigest
    /// The time of the latest replayed event.
    public private(set) var latest: Date?

    /// An empty schedule.
    public init(scheduler: Scheduler = .standard, policy: RatingPolicy = .standard) {
        self.format = Self.currentFormat
        self.model = FSRSParameters.modelVersion
        self.scheduler = scheduler
        self.policy = policy
        self.cards = [:]
        self.replayed = 0
        self.digest = EventDigest()
        self.latest = nil
    }

    /// Replays `events` (the attempt log, oldest first as written) from nothing, in time order;
    /// events at the same time keep their log order.
    public static func rebuild(from events: [ReviewEvent], scheduler: Scheduler = .standard,
                               policy: RatingPolicy = .standard) -> ReviewSchedule {
        var schedule = ReviewSchedule(scheduler: scheduler, policy: policy)
        let ordered = events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        for event in ordered { schedule.replay(event) }
        // The digest follows log order, which is what `refreshed` compares against.
        schedule.digest = EventDigest(events, policy: policy)
        return schedule
    }

    /// This schedule brought up to date with the whole log `events`: the new events applied
    /// when the log has only grown (with nothing earlier than what was replayed), else a full
    /// rebuild. `rebuilt` says which happened.
    public func refreshed(with events: [ReviewEvent]) -> (schedule: ReviewSchedule, rebuilt: Bool) {
        if let extended = extended(with: events) { return (extended, false) }
        return (Self.rebuild(from: events, scheduler: scheduler, policy: policy), true)
    }

    /// The same history under another scheduler (new parameters or retention): a full replay,
    /// as py-fsrs's `reschedule_card` does.
    public func rescheduled(with scheduler: Scheduler, events: [ReviewEvent]) -> ReviewSchedule {
        Self.rebuild(from: events, scheduler: scheduler, policy: policy)
    }

    private func extended(with events: [ReviewEvent]) -> ReviewSchedule? {
        guard format == Self.currentFormat, model == FSRSParameters.modelVersion, events.count >= replayed,
              EventDigest(events[..<replayed], policy: policy) == digest else { return nil }
        var next = self
        var previous = latest
        for event in events[replayed...] {
            if let previous, event.time < previous { return nil }
            previous = event.time
            next.replay(event)
            next.digest.add(event, policy: policy)
        }
        return next
    }

    private mutating func replay(_ event: ReviewEvent) {
        let card = cards[event.cardID] ?? ReviewCard(id: event.cardID, created: event.time)
        cards[event.cardID] = scheduler.review(card, rating: event.rating(policy), at: event.time)
        replayed += 1
        latest = max(latest ?? event.time, event.time)
    }

    // MARK: - Queries

    /// Cards due at `time`, the most overdue first (ties by id, so the order is stable).
    public func dueCards(at time: Date) -> [ReviewCard] {
        cards.values.filter { $0.isDue(at: time) }.sorted { ($0.due, $0.id) < ($1.due, $1.id) }
    }

    public func dueCount(at time: Date) -> Int {
        cards.values.reduce(0) { $0 + ($1.isDue(at: time) ? 1 : 0) }
    }

    public func card(_ id: String) -> ReviewCard? { cards[id] }

    /// The predicted probability of recall of every reviewed card at `time`.
    public func retrievability(at time: Date) -> [String: Double] {
        cards.mapValues { scheduler.retrievability(of: $0, at: time) }
    }
}

/// A running FNV-1a digest over events in log order: card id, time and grade.
public struct EventDigest: Sendable, Hashable, Codable {
    public private(set) var value: String

    private var state: UInt64 {
        get { UInt64(value, radix: 16) ?? Self.offset }
        set { value = String(newValue, radix: 16) }
    }

    private static let offset: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() { value = String(Self.offset, radix: 16) }

    init<S: Sequence>(_ events: S, policy: RatingPolicy) where S.Element == ReviewEvent {
        self.init()
        for event in events { add(event, policy: policy) }
    }

    mutating func add(_ event: ReviewEvent, policy: RatingPolicy) {
        var hash = state
        let text = "\(event.cardID)\u{1F}\(event.time.timeIntervalSince1970.bitPattern)\u{1F}\(event.rating(policy).rawValue)\u{1E}"
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        state = hash
    }
}
