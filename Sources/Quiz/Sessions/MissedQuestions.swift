/// What `quiz --missed` asks again: the questions whose latest answer was wrong.
package enum MissedQuestions {
    /// Ids of questions whose latest answered attempt (oldest-first `records`) was wrong or
    /// revealed. A skip says nothing either way, so it neither adds nor clears a question.
    package static func ids(_ records: [AttemptRecord]) -> Set<String> {
        var latest: [String: Bool] = [:]
        for record in records where !record.isSkipped {
            latest[record.question] = record.correct
        }
        return Set(latest.filter { !$0.value }.keys)
    }
}
