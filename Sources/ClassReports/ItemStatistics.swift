/// The classical test theory figures of a class report, as plain functions over 0/1 scores.
///
/// Definitions follow Crocker & Algina, *Introduction to Classical and Modern Test Theory*
/// (1986): difficulty is the proportion correct; the upper–lower index compares the top and
/// bottom 27 % of learners by total score (Kelley's split); the point-biserial is the Pearson
/// correlation of the item score with the total score; KR-20 uses the population variance of
/// the totals. They are checked against hand-worked values and SciPy in the tests.
package enum ItemStatistics {
    /// The share of learners in each of the upper and lower groups.
    package static let groupShare = 0.27

    /// Proportion correct (nil for no answers).
    package static func difficulty(_ scores: [Int]) -> Double? {
        scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count)
    }

    /// How many learners each of the upper and lower groups holds: 27 % of `count`, rounded,
    /// at least one; nil when there are too few learners for two groups (fewer than 2).
    package static func groupSize(_ count: Int) -> Int? {
        guard count >= 2 else { return nil }
        return min(count / 2, max(1, Int((Double(count) * groupShare).rounded())))
    }

    /// D = p(upper) − p(lower): `items[i]` is learner i's score on the item, `totals[i]` the
    /// total. Learners are ranked by total (ties keep their order, which the caller makes
    /// stable); nil with fewer than 2 learners.
    package static func upperLowerIndex(items: [Int], totals: [Double]) -> Double? {
        guard items.count == totals.count, let size = groupSize(items.count) else { return nil }
        let ranked = items.indices.sorted { totals[$0] != totals[$1] ? totals[$0] > totals[$1] : $0 < $1 }
        let upper = ranked.prefix(size).map { items[$0] }
        let lower = ranked.suffix(size).map { items[$0] }
        return Double(upper.reduce(0, +) - lower.reduce(0, +)) / Double(size)
    }

    /// The point-biserial correlation of the item with the total (Pearson's r of a 0/1 and a
    /// continuous variable); nil when either has no variance (everyone right, or all totals equal).
    package static func pointBiserial(items: [Int], totals: [Double]) -> Double? {
        guard items.count == totals.count, items.count >= 2 else { return nil }
        let n = Double(items.count)
        let x = items.map(Double.init)
        let meanX = x.reduce(0, +) / n
        let meanY = totals.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            sxy += (x[i] - meanX) * (totals[i] - meanY)
            sxx += (x[i] - meanX) * (x[i] - meanX)
            syy += (totals[i] - meanY) * (totals[i] - meanY)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    /// KR-20 reliability of a learners × items matrix of 0/1 scores (every learner scored on
    /// every item): k/(k−1) · (1 − Σ p·q / σ²), σ² the population variance of the totals.
    /// Nil with fewer than 2 items or 2 learners, or when the totals do not vary.
    package static func kr20(_ matrix: [[Int]]) -> Double? {
        guard matrix.count >= 2, let k = matrix.first?.count, k >= 2, matrix.allSatisfy({ $0.count == k }) else { return nil }
        let n = Double(matrix.count)
        let totals = matrix.map { Double($0.reduce(0, +)) }
        let mean = totals.reduce(0, +) / n
        let variance = totals.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n
        guard variance > 0 else { return nil }
        var sumPQ = 0.0
        for item in 0..<k {
            let p = Double(matrix.map { $0[item] }.reduce(0, +)) / n
            sumPQ += p * (1 - p)
        }
        return Double(k) / Double(k - 1) * (1 - sumPQ / variance)
    }

    /// The median of `values` (nil when empty).
    package static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
