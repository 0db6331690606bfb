/// Picks questions for a practice run or an exam, reproducibly from a seed.
///
/// The pool is first put in id order, so the same seed gives the same questions no matter how
/// the bank files are arranged or named; only adding or removing questions changes a sample.
package enum QuestionSampler {
    /// Up to `count` questions in a seeded random order (practice).
    package static func shuffled(_ pool: [Question], count: Int?, seed: UInt64) -> [Question] {
        var random = SeededRandom(seed: SeededRandom.derive(seed, "practice"))
        let ordered = random.shuffled(pool.sorted { $0.id < $1.id })
        return Array(ordered.prefix(count ?? ordered.count))
    }

    /// `count` questions spread over domains by `weights` (percent or any relative numbers),
    /// then shuffled. Quotas use the largest-remainder method; when a domain runs out of
    /// questions its share goes to the others in proportion to their weights, and domains
    /// without a weight are used only when the weighted ones are exhausted.
    package static func weighted(_ pool: [Question], count: Int, weights: [String: Double], seed: UInt64) -> [Question] {
        var groups: [String: [Question]] = [:]
        for question in pool.sorted(by: { $0.id < $1.id }) { groups[question.domain, default: []].append(question) }
        for domain in groups.keys {
            var random = SeededRandom(seed: SeededRandom.derive(seed, "domain:\(domain)"))
            groups[domain] = random.shuffled(groups[domain]!)
        }
        let quotas = allocate(count: min(count, pool.count), capacity: groups.mapValues(\.count), weights: weights)
        var picked: [Question] = []
        for domain in quotas.keys.sorted() {
            picked += groups[domain]!.prefix(quotas[domain]!)
        }
        var random = SeededRandom(seed: SeededRandom.derive(seed, "order"))
        return random.shuffled(picked)
    }

    /// How many questions each domain gets.
    static func allocate(count: Int, capacity: [String: Int], weights: [String: Double]) -> [String: Int] {
        var quotas = capacity.mapValues { _ in 0 }
        var remaining = count
        var open = capacity.keys.filter { (weights[$0] ?? 0) > 0 }.sorted()
        while remaining > 0, !open.isEmpty {
            let total = open.reduce(0) { $0 + weights[$1]! }
            let ideal = open.map { (domain: $0, share: Double(remaining) * weights[$0]! / total) }
            var given = 0
            var floors: [String: Int] = [:]
            for item in ideal {
                floors[item.domain] = Int(item.share.rounded(.down))
                given += floors[item.domain]!
            }
            let byRemainder = ideal.sorted { ($0.share - $0.share.rounded(.down), $1.domain) > ($1.share - $1.share.rounded(.down), $0.domain) }
            for item in byRemainder.prefix(remaining - given) { floors[item.domain]! += 1 }
            for domain in open {
                let room = capacity[domain]! - quotas[domain]!
                let take = min(room, floors[domain]!)
                quotas[domain]! += take
                remaining -= take
            }
            open = open.filter { quotas[$0]! < capacity[$0]! }
        }
        // Weighted domains exhausted: fill from the rest, in name order.
        for domain in capacity.keys.sorted() where remaining > 0 {
            let take = min(capacity[domain]! - quotas[domain]!, remaining)
            quotas[domain]! += take
            remaining -= take
        }
        return quotas.filter { $0.value > 0 }
    }

    /// Presents each question with its own seed derived from the session seed and its id,
    /// so a question looks the same in every session with that seed, whatever else was drawn.
    /// Questions that cannot be presented (a generated question failing) are returned as
    /// problems and left out.
    package static func present(_ questions: [Question], seed: UInt64) -> (questions: [PresentedQuestion], problems: [QuizError]) {
        var presented: [PresentedQuestion] = []
        var problems: [QuizError] = []
        for question in questions {
            do {
                presented.append(try question.present(seed: SeededRandom.derive(seed, question.id)))
            } catch {
                problems.append(QuizError(error.code, "\(question.id): \(error.message)"))
            }
        }
        return (presented, problems)
    }
}
