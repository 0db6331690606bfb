import Curriculum
import Quiz
import SpacedRepetition

/// A due card with what is needed to ask it: a bank question (asked as in `quiz`) or a lesson
/// checkpoint (asked as in the lesson, with a hint and a second try).
struct ReviewItem: Sendable {
    enum Source: Sendable {
        case question(Question)
        case checkpoint(lesson: Lesson, step: LessonStep, block: CheckBlock, check: InlineCheck)
        /// A "predict, then run" question, judged in review against what the mini Lambda did
        /// when the learner last ran it (`observed`, from the attempt log).
        case prediction(lesson: Lesson, step: LessonStep, prediction: Prediction, observed: String?)
    }

    let card: ReviewCard
    let source: Source

    /// `development` or `concurrency, step 4`: where the card comes from, for headers.
    var origin: String {
        switch source {
        case .question: "question"
        case .checkpoint(let lesson, let step, _, _): "checkpoint · \(lesson.id) step \(step.number)"
        case .prediction(let lesson, let step, _, _): "prediction · \(lesson.id) step \(step.number)"
        }
    }
}
