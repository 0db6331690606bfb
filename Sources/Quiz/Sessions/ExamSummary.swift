import Foundation

/// An exam's outcome in one line of `exams/history.jsonl`.
public struct ExamSummary: Sendable, Hashable, Codable {
    public var examID: String
    public var preset: String
    public var seed: UInt64
    public var started: Date
    public var finished: Date
    public var secondsUsed: Double
    public var timedOut: Bool
    public var questions: Int
    public var scoredCorrect: Int
    public var scoredTotal: Int
    public var percent: Double
    public var scaledScore: Int
    public var passPercent: Double
    public var passed: Bool
    public var domains: [ExamResult.DomainScore]
    public var unanswered: [Int]
    public var unscored: [Int]
}
