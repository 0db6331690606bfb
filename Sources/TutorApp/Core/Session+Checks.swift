import Curriculum
import Quiz
import TutorSupport

extension Session {
    /// How lesson checkpoints are drawn: the question as the quiz engine presents it, with
    /// the way to answer it.
    var checkRenderer: ((CheckBlock) -> [MarkdownBlock])? {
        guard let position, let lesson = catalog.lesson(position.lessonID), let step = lesson.step(position.step) else { return nil }
        return { block in Session.renderCheck(block, lesson: lesson, step: step) }
    }

    static func renderCheck(_ block: CheckBlock, lesson: Lesson, step: LessonStep) -> [MarkdownBlock] {
        guard let check = Command.lessonCheck(block, lesson: lesson, step: step).0 else {
            return [.code(info: "checkpoint", body: block.source, line: block.line)]
        }
        let question = check.presented
        var body = MarkdownParser.parse(question.stem, lead: "Checkpoint:")
        if !question.prompts.isEmpty {
            body.append(.list(ordered: true, start: 1, items: question.prompts.map { [.paragraph(text: $0, line: block.line)] }, line: block.line))
        }
        if !question.options.isEmpty {
            let options = question.options.map { "**\($0.label))** \($0.text)" }.joined(separator: "  \n")
            body.append(.paragraph(text: options, line: block.line))
        }
        let how = step.checks.count > 1 ? "`answer \(block.index)` followed by your answer" : "`answer` followed by your answer"
        body.append(.paragraph(text: "\(question.instruction) Type \(how).", line: block.line))
        return [.quote(blocks: body, line: block.line)]
    }

    /// Lesson `check` blocks are questions in the quiz engine's format: parse them as such
    /// (diagnostics carry the lesson file's lines) and lint them like bank questions.
    static let quizCheckValidator: LessonParser.CheckValidator = { block, file in
        let (check, diagnostics) = InlineCheck.parse(block.source, file: file, firstLine: block.line,
                                                     fallbackID: "checkpoint-\(block.index)")
        guard let check else { return diagnostics }
        return diagnostics + BankLinter().lint(check.question)
    }
}
