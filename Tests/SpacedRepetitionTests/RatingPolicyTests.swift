import SpacedRepetition
import Testing

struct RatingPolicyTests {
    let policy = RatingPolicy.standard

    @Test func wrongRevealedAndGuessedAreAgain() {
        #expect(policy.rating(for: .init(correct: false, confidence: .sure, seconds: 5)) == .again)
        #expect(policy.rating(for: .init(correct: true, seconds: 5, revealed: true)) == .again)
        #expect(policy.rating(for: .init(correct: true, confidence: .guess, seconds: 5)) == .again)
    }

    @Test func unsureSlowOrHintedAreHard() {
        #expect(policy.rating(for: .init(correct: true, confidence: .unsure, seconds: 5)) == .hard)
        #expect(policy.rating(for: .init(correct: true, confidence: .sure, seconds: 81)) == .hard)
        #expect(policy.rating(for: .init(correct: true, seconds: 200, expectedSeconds: 120)) == .good)
        #expect(policy.rating(for: .init(correct: true, seconds: 241, expectedSeconds: 120)) == .hard)
        #expect(policy.rating(for: .init(correct: true, confidence: .sure, seconds: 5, hinted: true)) == .hard)
    }

    @Test func sureAndFastIsEasyOtherwiseGood() {
        #expect(policy.rating(for: .init(correct: true, confidence: .sure, seconds: 20)) == .easy)
        #expect(policy.rating(for: .init(correct: true, confidence: .sure, seconds: 21)) == .good)
        #expect(policy.rating(for: .init(correct: true, seconds: 5)) == .good) // fast but no confidence given
        #expect(policy.rating(for: .init(correct: true, confidence: .sure)) == .good) // no time measured
    }
}
