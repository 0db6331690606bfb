import Foundation

/// An exam's outcome in one line of `exams/history.jsonl`.
package struct ExamSummary: Sendable, Hashable, Codable {
    package var examID: String
    package var preset: String
    package var seed: UInt64
    package var started: Date
    package var finished: Date
    package var secondsUsed: Double
    package var timedOut: Bool
    package var questions: Int
    package var scoredCorrect: Int
    package var scoredTotal: Int
    package var percent: Double
    package var scaledScore: Int
    package var passPercent: Double
    package var passed: Bool
    package var domains: [ExamResult.DomainScore]
    package var unanswered: [Int]
    package var unscored: [Int]
}
