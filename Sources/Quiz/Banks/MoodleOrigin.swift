/// Where an imported question lived in Moodle: its question name (`::Async retries::`) and its
/// full category path (`$course$/top/Lambda/Concurrency`). Kept in the bank (`moodle:`) and
/// written back on GIFT export, so a trainer's question bank round-trips into the same Moodle
/// categories under the same names.
///
/// For short-answer and numeric questions it also keeps the answers our key has no place for:
/// partly right ones (`=%50%lambda`, `=%50%10:2`) and the feedback on right ones
/// (`=900#Right: 15 minutes`), written back as they were.
package struct MoodleOrigin: Sendable, Hashable, Codable {
    /// One Moodle answer of a short-answer or numeric question: its text (a number spec such as
    /// `10:1` for numeric), weight in percent and feedback.
    package struct Answer: Sendable, Hashable, Codable {
        package var text: String
        package var weight: Double
        package var feedback: String?

        package init(text: String, weight: Double, feedback: String? = nil) {
            self.text = text
            self.weight = weight
            self.feedback = feedback
        }
    }

    package var name: String?
    package var category: String?
    package var answers: [Answer]?

    package init(name: String? = nil, category: String? = nil, answers: [Answer]? = nil) {
        self.name = name
        self.category = category
        self.answers = answers
    }

    /// Nil when there is nothing to keep.
    var orNil: MoodleOrigin? { name == nil && category == nil && (answers ?? []).isEmpty ? nil : self }

    /// The feedback on the fully right answer `text`, if Moodle had one.
    func rightFeedback(_ text: String) -> String? {
        answers?.first { $0.weight >= 100 && $0.text == text }?.feedback
    }

    /// The partly right answers (0 < weight < 100).
    var partlyRight: [Answer] { (answers ?? []).filter { $0.weight > 0 && $0.weight < 100 } }
}
