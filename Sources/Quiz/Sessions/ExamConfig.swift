import Foundation

/// The settings of one exam, fixed when it starts and saved with it.
package struct ExamConfig: Sendable, Hashable, Codable {
    package var preset: String
    package var title: String
    package var questionCount: Int
    package var timeLimit: TimeInterval
    package var scale: ScoreScale
    package var weights: [String: Double]
    package var unscored: Int
    package var exam: String?
    package var seed: UInt64
    /// The workshop code the exam was started with (`exam --code X`), if any; saved with a
    /// paused exam so the answers still carry it after `exam --resume`.
    package var workshop: String?

    /// Settings for a preset with the learner's overrides, fitted to the questions available.
    ///
    /// If the pool has fewer questions than asked for, the exam uses them all, and (unless
    /// `minutes` was given) the time and the number of unscored items shrink in proportion,
    /// so the pace per question stays the preset's.
    package init(preset: ExamPreset, questions: Int? = nil, minutes: Int? = nil, passPercent: Double? = nil,
                seed: UInt64, available: Int) {
        let wanted = max(1, questions ?? preset.questions)
        let count = min(wanted, available)
        let scale = Double(count) / Double(max(preset.questions, 1))
        self.preset = preset.name
        self.title = preset.title
        self.questionCount = count
        if let minutes {
            timeLimit = TimeInterval(max(1, minutes) * 60)
        } else {
            timeLimit = (Double(preset.minutes) * 60 * scale).rounded(.up)
        }
        self.scale = ScoreScale(passPercent: passPercent ?? preset.passPercent)
        self.weights = preset.weights
        self.unscored = min(Int((Double(preset.unscored) * scale).rounded(.down)), max(0, count - 1))
        self.exam = preset.exam
        self.seed = seed
    }
}
