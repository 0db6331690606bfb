import Foundation
import LearnerStore
import Quiz
import TutorSupport

/// What a test reads back from a data folder's learner database, in the shapes the JSON files
/// had (one attempt's JSON per line), so assertions on recorded answers stay readable.
enum LearnerData {
    /// The attempts, one JSON record per line, oldest first.
    static func attemptLines(_ data: URL) throws -> String {
        try LearnerDatabase(home: DataHome(root: data)).attempts().map { String(decoding: $0.record, as: UTF8.self) + "\n" }.joined()
    }

    /// The recorded exams' summaries, oldest first.
    static func examSummaries(_ data: URL) -> [ExamSummary] {
        ExamStore(home: DataHome(root: data)).completed()
    }
}
