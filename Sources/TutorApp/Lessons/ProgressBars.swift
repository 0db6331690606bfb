import Curriculum
import TerminalUI

/// The share of a lesson, or of the course, that is done, and how its bar is drawn.
///
/// A lesson is done when every step was seen and every checkpoint passed, so its share counts
/// both: (steps seen + checkpoints passed) / (steps + checkpoints). The course's share adds up
/// every lesson's steps and checkpoints the same way, so a long lesson weighs more than a short one.
extension Session {
    func completion(of lesson: Lesson) -> (done: Int, total: Int) {
        let total = lesson.steps.count + lesson.checkpoints.count
        if progress.status(of: lesson) == .done { return (total, total) }
        let seen = progress.lessons[lesson.id]?.visited.filter { (1...max(lesson.steps.count, 1)).contains($0) }.count ?? 0
        return (min(seen, lesson.steps.count) + progress.passedCheckpoints(lesson).count, total)
    }

    var courseCompletion: (done: Int, total: Int) {
        catalog.lessons.map(completion(of:)).reduce((0, 0)) { ($0.0 + $1.done, $0.1 + $1.total) }
    }

    /// Block characters at a UTF-8 terminal with colour; `#`/`-` under NO_COLOR, for
    /// `TERM=dumb`, and in script mode, so piped output and logs stay plain ASCII.
    var barGlyphs: ChartGlyphs {
        interactive && console.style.enabled ? ChartGlyphs.detect(environment: environment) : .ascii
    }

    /// `#####-----  50%` for a share (without the percentage where a table has no room).
    func bar(_ share: (done: Int, total: Int), width: Int = 10, percent showPercent: Bool = true) -> String {
        let fraction = share.total > 0 ? Double(share.done) / Double(share.total) : 0
        let drawn = ProgressBar(fraction, width: width).render(style: console.style, glyphs: barGlyphs)
        guard showPercent else { return drawn }
        let percent = String(Int((fraction * 100).rounded(.down)))
        return drawn + " " + String(repeating: " ", count: 3 - percent.count) + percent + "%"
    }

    /// "Course  #####-----  50% of 120 steps and checkpoints · 3 of 19 lessons done":
    /// the share says what it counts, so it does not read as a share of lessons.
    func courseLine() -> String {
        let lessons = catalog.lessons
        let done = lessons.filter { progress.status(of: $0) == .done }.count
        let share = courseCompletion
        return console.style.bold("Course") + "  " + bar(share) + " of \(share.total) steps and checkpoints"
            + " · \(done) of \(lessons.count) lessons done"
    }
}
