import Foundation

/// What a learner has done in the lessons: where they are and which steps they have seen.
///
/// Stored as JSON in the learner's data folder (`progress.json`). Small, readable and
/// portable on purpose: a learner can copy it to another machine.
public struct LearnerProgress: Codable, Sendable, Equatable {
    public static let currentVersion = 1

    public var version: Int
    /// The lesson the learner was in last, for "continue where you stopped".
    public var currentLesson: String?
    public var lessons: [String: LessonProgress]

    public init(version: Int = LearnerProgress.currentVersion, currentLesson: String? = nil, lessons: [String: LessonProgress] = [:]) {
        self.version = version
        self.currentLesson = currentLesson
        self.lessons = lessons
    }

    public struct LessonProgress: Codable, Sendable, Equatable {
        /// The step the learner is on (1-based).
        public var step: Int
        /// Steps seen at least once.
        public var visited: Set<Int>
        /// True once the learner has gone past the last step.
        public var completed: Bool
        /// Checkpoint results by "step.index" (e.g. "3.1"): true when answered correctly.
        public var checks: [String: Bool]
        public var updated: Date

        public init(step: Int = 1, visited: Set<Int> = [], completed: Bool = false, checks: [String: Bool] = [:], updated: Date = Date()) {
            self.step = step
            self.visited = visited
            self.completed = completed
            self.checks = checks
            self.updated = updated
        }
    }

    public enum Status: String, Sendable {
        case new, inProgress = "in progress", done
    }

    public func status(of lesson: Lesson) -> Status {
        guard let entry = lessons[lesson.id] else { return .new }
        if entry.completed || entry.visited.isSuperset(of: Set(1...max(lesson.steps.count, 1))) { return .done }
        return entry.visited.isEmpty ? .new : .inProgress
    }

    /// Share of steps seen, 0–100.
    public func percentDone(_ lesson: Lesson) -> Int {
        guard let entry = lessons[lesson.id], !lesson.steps.isEmpty else { return 0 }
        if entry.completed { return 100 }
        let seen = entry.visited.filter { (1...lesson.steps.count).contains($0) }.count
        return seen * 100 / lesson.steps.count
    }

    /// Records that the learner is looking at `step` of `lesson`.
    public mutating func visit(_ lesson: Lesson, step: Int, now: Date = Date()) {
        var entry = lessons[lesson.id] ?? LessonProgress()
        entry.step = step
        entry.visited.insert(step)
        entry.updated = now
        lessons[lesson.id] = entry
        currentLesson = lesson.id
    }

    public mutating func complete(_ lesson: Lesson, now: Date = Date()) {
        var entry = lessons[lesson.id] ?? LessonProgress()
        entry.completed = true
        entry.visited.formUnion(1...max(lesson.steps.count, 1))
        entry.updated = now
        lessons[lesson.id] = entry
    }

    public mutating func recordCheck(_ lesson: Lesson, step: Int, index: Int, correct: Bool, now: Date = Date()) {
        var entry = lessons[lesson.id] ?? LessonProgress()
        let key = "\(step).\(index)"
        // A checkpoint once passed stays passed.
        entry.checks[key] = (entry.checks[key] ?? false) || correct
        entry.updated = now
        lessons[lesson.id] = entry
    }

    public mutating func reset(_ lessonID: String) {
        lessons[lessonID] = nil
        if currentLesson == lessonID { currentLesson = nil }
    }
}
