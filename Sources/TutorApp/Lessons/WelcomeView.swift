import Curriculum
import Foundation
import TerminalUI
import Quiz
import TutorSupport

/// The start-up summary under the greeting: what is due for review, the streak, and the one
/// thing to do next. Plain text when the style is off (NO_COLOR).
struct WelcomeView {
    let style: Style
    let width: Int

    enum Next: Equatable {
        case review(due: Int)
        case resume(lessonID: String, title: String, step: Int, of: Int)
        case start(lessonID: String, title: String)
        case exam
    }

    /// What to suggest first: due cards, then the lesson in progress, then the next lesson,
    /// then an exam once every lesson is done.
    static func next(due: Int, session: Session) -> Next {
        if due > 0 { return .review(due: due) }
        if let id = session.progress.currentLesson, let lesson = session.catalog.lesson(id), session.progress.status(of: lesson) != .done {
            let step = min(max(session.progress.lessons[id]?.step ?? 1, 1), lesson.steps.count)
            return .resume(lessonID: id, title: lesson.title, step: step, of: lesson.steps.count)
        }
        let lessons = session.catalog.lessons
        if let first = lessons.first(where: { session.progress.status(of: $0) != .done }) {
            let after = session.progress.currentLesson.flatMap(session.catalog.lesson).flatMap(session.suggestedNext) ?? first
            return .start(lessonID: after.id, title: after.title)
        }
        return .exam
    }

    func summary(due: Int, cards: Int, streak: StudyStreak, next: Next) -> [String] {
        var parts: [String] = []
        if cards > 0 { parts.append(due > 0 ? "\(due) card\(due == 1 ? "" : "s") due for review" : "nothing due for review") }
        if let streak = streak.text { parts.append(streak) }
        var lines: [String] = []
        if !parts.isEmpty { lines += TextWrapper.wrap("Today: " + parts.joined(separator: " · ") + ".", width: width) }
        let suggestion: String = switch next {
        case .review: "type " + style.code("review") + " to go through them (a few minutes keeps them fresh)."
        case .resume(_, let title, let step, let of): "continue \"\(title)\" at step \(step) of \(of)."
        case .start(let id, let title): "start \"\(title)\": " + style.code("lesson \(id)") + "."
        case .exam: "every lesson is done; try " + style.code("exam --preset workshop") + "."
        }
        lines += TextWrapper.wrap("Next: " + suggestion, width: width)
        return lines
    }
}

extension REPL {
    /// Prints the start-up summary (reviews due, streak, what next) under the greeting.
    func showStartupSummary() {
        let console = session.console
        let review = session.review
        let (schedule, records, notices) = review.current()
        for notice in notices { console.warning(notice) }
        let now = review.clock.now()
        let counts = review.counts(schedule, at: now)
        let activity = records.map(\.time) + session.progress.lessons.values.map(\.updated)
        let view = WelcomeView(style: console.style, width: console.width)
        let lines = view.summary(due: counts.due, cards: counts.cards, streak: StudyStreak(activity: activity, now: now),
                                 next: WelcomeView.next(due: counts.due, session: session))
        for line in lines { console.line(line) }
    }
}
