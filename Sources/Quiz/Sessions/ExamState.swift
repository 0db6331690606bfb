import Foundation

/// Everything about an exam in progress; saved as is when the exam is paused (and after every
/// answer), so nothing already answered is lost to Ctrl-C, a crash or a closed laptop.
package struct ExamState: Sendable, Hashable, Codable {
    package var id: String
    package var config: ExamConfig
    package var questions: [PresentedQuestion]
    package var answers: [Answer?]
    package var confidence: [Confidence?]
    package var flagged: [Bool]
    /// Seconds spent on each question so far.
    package var seconds: [Double]
    /// Indices of the unscored (pretest) questions.
    package var unscored: Set<Int>
    /// The question on screen (0-based).
    package var current: Int
    /// Exam seconds used before the running stretch (the clock stops while paused).
    package var elapsed: Double
    package var started: Date
    /// Set while paused, nil while running.
    package var pausedAt: Date?
}
