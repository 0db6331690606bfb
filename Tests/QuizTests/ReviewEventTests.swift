import Foundation
import Quiz
import SpacedRepetition
import Testing

/// The rule that turns an attempt into a review: card, id, timing, grade.
struct ReviewEventTests {
    static let time = Date(timeIntervalSince1970: 1_800_000_000)

    static func record(_ mode: AttemptRecord.Mode = .practice, correct: Bool = true, seconds: Double = 10, confidence: Confidence? = nil,
                       hinted: Bool = false, revealed: Bool = false, skipped: Bool = false, review: Bool? = nil) -> AttemptRecord {
        AttemptRecord(time: time, session: "s1", mode: mode, question: "q-1", domain: "development", seed: 7, answer: correct ? "A" : "B",
                      correct: correct, seconds: seconds, confidence: confidence, hinted: hinted, revealed: revealed, skipped: skipped,
                      review: review)
    }

    @Test func questionsAndCheckpointsAreSeparateCards() {
        #expect(Self.record(.practice).cardID == "question:q-1")
        #expect(Self.record(.exam).cardID == "question:q-1")
        #expect(Self.record(.lesson).cardID == "checkpoint:q-1")
    }

    @Test func gradesFollowTheRule() {
        let policy = RatingPolicy.standard
        func grade(_ record: AttemptRecord) -> Rating? { record.reviewEvent?.rating(policy) }
        #expect(Self.record(skipped: true).reviewEvent == nil, "a skip is no evidence")
        #expect(grade(Self.record(correct: false, confidence: .sure)) == .again)
        #expect(grade(Self.record(revealed: true)) == .again)
        #expect(grade(Self.record(confidence: .guess)) == .again)
        #expect(grade(Self.record(confidence: .unsure)) == .hard)
        #expect(grade(Self.record(hinted: true)) == .hard)
        #expect(grade(Self.record(seconds: 81)) == .hard, "slow: more than twice 40 s")
        #expect(grade(Self.record(.exam, seconds: 200)) == .good, "an exam question may take 2 minutes")
        #expect(grade(Self.record(confidence: .sure)) == .easy)
        #expect(grade(Self.record(seconds: 5)) == .good)
        // A checkpoint answered in its lesson is not timed (reading the step is in its time)…
        #expect(grade(Self.record(.lesson, seconds: 600, confidence: .sure)) == .good)
        // …but one answered in review is.
        #expect(grade(Self.record(.lesson, seconds: 5, confidence: .sure, review: true)) == .easy)
    }

    @Test func attemptIDsAreStable() throws {
        let fresh = Self.record()
        #expect(fresh.id != nil && fresh.id != Self.record().id)
        #expect(fresh.reviewEvent?.id == fresh.id)
        // A line written before ids existed: the same derived id on every read.
        let old = #"{"time":"2027-01-15T08:00:00Z","session":"s1","mode":"practice","question":"q-1","domain":"development","seed":7,"answer":"A","correct":true,"seconds":10}"#
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let a = try decoder.decode(AttemptRecord.self, from: Data(old.utf8))
        let b = try decoder.decode(AttemptRecord.self, from: Data(old.utf8))
        #expect(a.id == nil && a.review == nil)
        #expect(a.attemptID == b.attemptID && a.attemptID.hasPrefix("legacy-"))
        var other = a
        other.question = "q-2"
        #expect(other.attemptID != a.attemptID)
    }

    @Test func newFieldsAreWrittenOnlyWhenSet() throws {
        let encoder = JSONEncoder()
        let plain = String(decoding: try encoder.encode(Self.record()), as: UTF8.self)
        #expect(!plain.contains("\"review\""))
        #expect(plain.contains("\"id\""))
        let reviewed = String(decoding: try encoder.encode(Self.record(review: true)), as: UTF8.self)
        #expect(reviewed.contains("\"review\":true"))
    }
}
