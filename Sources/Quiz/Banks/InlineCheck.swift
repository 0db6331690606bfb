import TutorSupport

/// A question embedded in a lesson (a `check` block), ready to ask.
///
/// This is the whole API the lesson engine needs:
///
/// ```swift
/// let (check, diagnostics) = InlineCheck.parse(blockText, file: "Lessons/03-concurrency.md",
///                                              firstLine: 41, fallbackID: "concurrency/check-1",
///                                              lesson: "concurrency", domain: "development")
/// // show check.presented.stem, .instruction, .options (or .prompts for matching) …
/// switch check.grade(userInput) {
/// case .success(let grade): …           // grade.correct, grade.options[…].feedback, grade.explanation
/// case .failure(let reprompt): …        // print reprompt.text and ask again
/// }
/// ```
///
/// A check block is written exactly like a bank question, minus the bank-level fields: `id` is
/// optional (`fallbackID` is used), and `domain` and `lesson` default to the lesson's. Line
/// numbers in diagnostics are lines of the lesson file.
package struct InlineCheck: Sendable {
    package let question: Question
    /// The variant shown to the learner (seeded, so generated checks can vary per visit).
    package let presented: PresentedQuestion

    /// Parses one check block. Returns nil and at least one error if the block cannot be asked.
    ///
    /// - Parameters:
    ///   - yaml: the block's text, dedented (the lesson engine removes the fence).
    ///   - file: the lesson file's path, as diagnostics should show it.
    ///   - firstLine: the 1-based line of the file where the block's first line is.
    ///   - columnOffset: columns the block was indented by in the file, if any.
    ///   - fallbackID: the id when the block gives none, such as `concurrency/check-2`.
    ///   - lesson: the lesson's id (so results can point back to it).
    ///   - domain: the lesson's exam domain; `development` if neither lesson nor block says.
    ///   - seed: the variant seed for generated checks and shuffled ordering/matching.
    package static func parse(_ yaml: String, file: String, firstLine: Int, columnOffset: Int = 0, fallbackID: String,
                             lesson: String? = nil, domain: String? = nil, seed: UInt64 = 0) -> (check: InlineCheck?, diagnostics: [Diagnostic]) {
        var (question, diagnostics) = BankParser.parseQuestion(
            yaml: yaml, file: file, firstLine: firstLine, columnOffset: columnOffset, fallbackID: fallbackID,
            domain: domain ?? ExamDomain.development.id, lesson: lesson)
        guard let question else { return (nil, diagnostics) }
        do {
            let presented = try question.present(seed: seed)
            return (InlineCheck(question: question, presented: presented), diagnostics)
        } catch {
            diagnostics.append(.error(file, line: question.source.line, column: question.source.column, error.message))
            return (nil, diagnostics)
        }
    }

    /// Parses and grades what the learner typed. A failure is not a wrong answer: it means
    /// the input did not fit (show `text`, ask again).
    package func grade(_ input: String) -> Result<Grade, AnswerFormError> {
        Grader.grade(input, for: presented)
    }
}
