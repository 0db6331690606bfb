import Foundation
import Quiz
import SpacedRepetition

/// What `results` says about memory: predicted recall from the schedule, recall measured on
/// the cards that came back, and the cards fading fastest.
struct RetentionReport: Sendable, Encodable {
    struct Fading: Sendable, Encodable {
        var card: String
        var title: String
        var origin: String
        var recall: Double
        var lapses: Int
    }

    var desiredRetention: Double
    var cards: Int
    var due: Int
    /// The mean probability of recall now over graduated cards (nil when none has graduated).
    var predictedRecall: Double?
    /// The share of answers given a day or more after the card's previous answer that were a
    /// recall (Hard, Good or Easy): FSRS's "true retention", what the desired retention aims at.
    var measuredRetention: Double?
    var returns: Int
    /// Graduated cards whose predicted recall has fallen below the desired retention, lowest first.
    var weakening: [Fading]

    init(schedule: ReviewSchedule, records: [AttemptRecord], now: Date, known: Set<String>, title: (String) -> String) {
        let cards = schedule.cards.values.filter { known.contains($0.id) }
        desiredRetention = schedule.scheduler.desiredRetention
        self.cards = cards.count
        due = cards.filter { $0.isDue(at: now) }.count
        let graduated = cards.filter { $0.stability != nil && $0.state != .learning }
        let recalls = graduated.map { (card: $0, recall: schedule.scheduler.retrievability(of: $0, at: now)) }
        predictedRecall = recalls.isEmpty ? nil : recalls.map(\.recall).reduce(0, +) / Double(recalls.count)

        // Recall on return: walk each card's answers in time order.
        var last: [String: Date] = [:]
        var returned = 0
        var recalled = 0
        let events = records.reviewEvents.sorted { $0.time < $1.time }
        for event in events {
            if let previous = last[event.cardID], event.time.timeIntervalSince(previous) >= 86_400 {
                returned += 1
                if event.rating(schedule.policy).isRecall { recalled += 1 }
            }
            last[event.cardID] = event.time
        }
        returns = returned
        measuredRetention = returned > 0 ? Double(recalled) / Double(returned) : nil

        var origins: [String: String] = [:]
        for record in records { origins[record.cardID] = record.lesson.map { "lesson \($0)" } ?? record.domain }
        weakening = recalls.filter { $0.recall < schedule.scheduler.desiredRetention }
            .sorted { ($0.recall, $0.card.id) < ($1.recall, $1.card.id) }
            .map { Fading(card: $0.card.id, title: title($0.card.id), origin: origins[$0.card.id] ?? "", recall: $0.recall, lapses: $0.card.lapses) }
    }
}
