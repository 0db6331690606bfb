import Testing
@testable import Quiz

@Suite("Score scale")
struct ScoreScaleTests {
    @Test("The anchors: 0 % → 100, pass mark → 720, 100 % → 1000")
    func anchors() {
        let scale = ScoreScale()
        #expect(scale.scaled(correct: 0, total: 50) == 100)
        #expect(scale.scaled(correct: 36, total: 50) == 720)  // 72 %
        #expect(scale.passed(correct: 36, total: 50))
        #expect(scale.scaled(correct: 50, total: 50) == 1000)
        #expect(scale.scaled(correct: 18, total: 25) == 720)
        #expect(scale.scaled(correct: 72, total: 100) == 720)
    }

    @Test("Just below the pass mark fails and never shows 720")
    func belowPass() {
        let scale = ScoreScale()
        #expect(!scale.passed(correct: 35, total: 50))
        #expect(scale.scaled(correct: 35, total: 50) == 703)  // 100 + 620 × 0.70 / 0.72
        #expect(!scale.passed(correct: 719, total: 1000))
        #expect(scale.scaled(correct: 719, total: 1000) == 719, "rounding alone would give 719.4 → 719; a fail is capped below 720")
        #expect(!scale.passed(correct: 7199, total: 10000))
        #expect(scale.scaled(correct: 7199, total: 10000) < 720)
    }

    @Test("The scale is monotonic and stays within 100–1000")
    func monotonic() {
        let scale = ScoreScale(passPercent: 65)
        var last = 0
        for correct in 0...65 {
            let score = scale.scaled(correct: correct, total: 65)
            #expect(score >= last)
            #expect((100...1000).contains(score))
            last = score
        }
        #expect(scale.scaled(correct: 0, total: 0) == 100)
        #expect(!scale.passed(correct: 0, total: 0))
    }

    @Test("Another pass mark still lands on 720")
    func otherPassMark() {
        let scale = ScoreScale(passPercent: 75)
        #expect(scale.scaled(correct: 3, total: 4) == 720)
        #expect(scale.scaled(correct: 4, total: 4) == 1000)
    }
}

@Suite("Sampling")
struct SamplerTests {
    func pool() -> [Question] {
        var questions: [Question] = []
        for domain in ExamDomain.all {
            for n in 0..<40 {
                questions.append(Question(id: "\(domain.id)-\(n)", domain: domain.id, stem: "q", body: .trueFalse(TrueFalse(answer: true))))
            }
        }
        return questions
    }

    @Test("Domain weights give the DVA-C02 split of 50 questions")
    func weights() {
        let picked = QuestionSampler.weighted(pool(), count: 50, weights: ExamPreset.developerAssociate.weights, seed: 1)
        let counts = Dictionary(grouping: picked, by: \.domain).mapValues(\.count)
        // 32 % → 16, 26 % → 13, 24 % → 12, 18 % → 9.
        #expect(counts == ["development": 16, "security": 13, "deployment": 12, "troubleshooting": 9])
        #expect(Set(picked.map(\.id)).count == 50)
    }

    @Test("The same seed gives the same questions in the same order, whatever the pool's order")
    func reproducible() {
        let weights = ExamPreset.developerAssociate.weights
        let a = QuestionSampler.weighted(pool(), count: 20, weights: weights, seed: 42).map(\.id)
        let b = QuestionSampler.weighted(pool().reversed(), count: 20, weights: weights, seed: 42).map(\.id)
        let c = QuestionSampler.weighted(pool(), count: 20, weights: weights, seed: 43).map(\.id)
        #expect(a == b)
        #expect(a != c)
        #expect(QuestionSampler.shuffled(pool(), count: 5, seed: 9).map(\.id) == QuestionSampler.shuffled(pool().reversed(), count: 5, seed: 9).map(\.id))
    }

    @Test("A domain that runs short gives its share to the others")
    func shortfall() {
        let small = pool().filter { $0.domain != "security" || $0.id.hasSuffix("-0") || $0.id.hasSuffix("-1") }
        let picked = QuestionSampler.weighted(small, count: 50, weights: ExamPreset.developerAssociate.weights, seed: 3)
        let counts = Dictionary(grouping: picked, by: \.domain).mapValues(\.count)
        #expect(picked.count == 50)
        #expect(counts["security"] == 2)
        #expect(counts.values.reduce(0, +) == 50)
    }

    @Test("Quotas by largest remainder, then unweighted domains as a last resort")
    func allocate() {
        let quotas = QuestionSampler.allocate(count: 10, capacity: ["a": 10, "b": 10, "c": 3], weights: ["a": 1, "b": 1])
        #expect(quotas == ["a": 5, "b": 5])
        let fill = QuestionSampler.allocate(count: 10, capacity: ["a": 2, "b": 2, "c": 10], weights: ["a": 1, "b": 1])
        #expect(fill == ["a": 2, "b": 2, "c": 6])
    }
}
