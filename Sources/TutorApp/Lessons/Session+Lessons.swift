import Curriculum
import Quiz
import TutorSupport

/// Lesson navigation: opening lessons, moving between steps, remembering where the learner is.
extension Session {
    /// The lesson with this id, or an error with a "did you mean".
    package func lesson(named id: String) throws(CommandError) -> Lesson {
        if let lesson = catalog.lesson(id) { return lesson }
        let hint = Suggestions.didYouMean(id, in: catalog.ids) ?? "type 'lessons' to see them all"
        throw CommandError("no lesson '\(id)'", hint: hint)
    }

    /// The lesson on screen, or an error telling the learner how to open one.
    package func currentLesson() throws(CommandError) -> (Lesson, LessonStep) {
        guard let position, let lesson = catalog.lesson(position.lessonID), let step = lesson.step(position.step) else {
            throw CommandError("no lesson is open", hint: "type 'lessons' to see them, then 'lesson ID'")
        }
        return (lesson, step)
    }

    /// Shows `step` of `lesson` and records it as seen.
    package func open(_ lesson: Lesson, step number: Int) throws(CommandError) {
        guard lesson.step(number) != nil else {
            throw CommandError("step \(number) is out of range: '\(lesson.id)' has \(lesson.steps.count) steps", hint: "use a step from 1 to \(lesson.steps.count)")
        }
        if position != Position(lessonID: lesson.id, step: number) { triesRun = [] }
        position = Position(lessonID: lesson.id, step: number)
        positionFinished = false
        showCurrentStep()
        // Seen once it was shown, checkpoints included (``showCurrentStep()`` always leaves them
        // on screen).
        progress.visit(lesson, step: number, now: quiz.clock.now())
        saveProgress()
    }

    /// Renders the current step (`more`, `again`, `lesson` with no id). A step taller than the
    /// screen goes through the pager; its checkpoint questions and the footer are then printed
    /// after the pager closes, so the question and how to answer it are on screen when the
    /// prompt comes back, wherever the learner left the pager.
    package func showCurrentStep() {
        guard let position, let lesson = catalog.lesson(position.lessonID), let step = lesson.step(position.step) else { return }
        let view = makeLessonView()
        let whole = view.render(lesson, step: position.step)
        guard console.wouldPage(whole) else {
            console.line(whole)
            return
        }
        // What to type next (and the question, if any) comes after the pager, wherever the
        // learner left it.
        if step.checks.isEmpty {
            console.page(view.render(lesson, step: position.step, checkpoints: .inline, footer: false))
            console.line(view.footer(lesson, step: step))
            return
        }
        console.page(view.render(lesson, step: position.step, checkpoints: .deferred, footer: false))
        console.line(view.checkpointsAndFooter(lesson, step: position.step))
    }

    func makeLessonView() -> LessonView {
        var view = LessonView(renderer: console.markdown, style: console.style, progress: progress, catalog: catalog)
        if let renderer = checkRenderer { view.renderCheck = renderer }
        return view
    }

    /// The lesson a learner should take after `lesson`: the next one in order that is not done
    /// and whose prerequisites are done; else any unfinished one.
    func suggestedNext(after lesson: Lesson) -> Lesson? {
        let lessons = catalog.lessons
        let start = (lessons.firstIndex { $0.id == lesson.id } ?? -1) + 1
        let ordered = Array(lessons[min(start, lessons.count)...]) + Array(lessons[..<min(start, lessons.count)])
        func ready(_ candidate: Lesson) -> Bool {
            candidate.prerequisites.allSatisfy { id in catalog.lesson(id).map { progress.status(of: $0) == .done } ?? true }
        }
        return ordered.first { $0.id != lesson.id && progress.status(of: $0) != .done && ready($0) }
            ?? ordered.first { $0.id != lesson.id && progress.status(of: $0) != .done }
    }
}
