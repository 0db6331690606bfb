/// Maps a share of correct answers onto AWS's reported scale of 100–1000.
///
/// AWS publishes the scale (100–1000, 720 to pass an Associate exam) but not its equating, so
/// we use the simplest honest mapping that keeps the published anchors: two straight lines
/// that meet at the pass mark.
///
/// ```
/// share correct  0 % ─────────── pass mark (72 %) ─────────── 100 %
/// scaled score   100 ──────────────── 720 ──────────────────── 1000
/// ```
///
/// Below the pass mark: `100 + 620 × share / pass`. At or above it:
/// `720 + 280 × (share − pass) / (1 − pass)`. Scores are rounded to whole points, and a
/// failing share never rounds up to 720: pass or fail is decided on the exact counts
/// (`correct × 100 ≥ passPercent × total`), and the score follows the decision.
package struct ScoreScale: Sendable, Hashable, Codable {
    package static let minimum = 100
    package static let maximum = 1000
    package static let passScore = 720

    /// Percent of scored questions needed to pass (default 72), kept within 1–99.
    package var passPercent: Double

    package init(passPercent: Double = 72) {
        self.passPercent = min(max(passPercent, 1), 99)
    }

    package func passed(correct: Int, total: Int) -> Bool {
        total > 0 && Double(correct) * 100 >= passPercent * Double(total)
    }

    package func scaled(correct: Int, total: Int) -> Int {
        guard total > 0 else { return Self.minimum }
        let share = Double(correct) / Double(total)
        let pass = passPercent / 100
        if passed(correct: correct, total: total) {
            let above = (share - pass) / (1 - pass)
            return min(Self.maximum, Self.passScore + Int((above * Double(Self.maximum - Self.passScore)).rounded()))
        }
        let below = share / pass
        return min(Self.passScore - 1, Self.minimum + Int((below * Double(Self.passScore - Self.minimum)).rounded()))
    }
}
