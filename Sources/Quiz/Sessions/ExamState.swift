import Foundation

/// Everything about an exam in progress; saved as is when the exam is paused (and after every
/// answer), so nothing already answered is lost to Ctrl-C, a crash or a closed laptop.
public struct ExamState: Sendable, Hashable, Codable {
    public var id: String
    public var config: ExamConfig
    public var questions: [PresentedQuestion]
    public var answers: [Answer?]
    public var confidence: [Confidence?]
    public var flagged: [Bool]
    /// Seconds spent on each question so far.
    public var seconds: [Double]
    /// Indices of the unscored (pretest) questions.
    public var unscored: Set<Int>
    /// The question on screen (0-based).
    public var current: Int
    /// Exam seconds used before the running stretch (the clock stops while paused).
    public var elapsed: Double
    public var started: Date
    /// Set while paused, nil while running.
    public var pausedAt: Date?
}
