import Foundation

/// What a learner has done in the lessons: where they are and which steps they have seen.
///
/// Stored as JSON in the learner's data folder (`progress.json`). Small, readable and
/// portable on purpose: a learner can copy it to another machine.
package struct LearnerProgress: Codable, Sendable, Equatable {
    package static let currentVersion = 1

    package var version: Int
    /// The lesson the learner was in last, for "continue where you stopped".
    package var currentLesson: String?
    package var lessons: [String: LessonProgress]

    package init(version: Int = LearnerProgress.currentVersion, currentLesson: String? = nil, lessons: [String: LessonProgress] = [:]) {
        self.version = version
        self.currentLesson = currentLesson
        self.lessons = lessons
    }

    package struct LessonProgress: Codable, Sendable, Equatable {
        /// The step the learner is on (1-based).
        package var step: Int
        /// Steps seen at least once.
        package var visited: Set<Int>
        /// True once the learner has gone past the last step.
        package var completed: Bool
        /// Checkpoint results by "step.index" (e.g. "3.1"): true when answered correctly.
        package var checks: [String: Bool]
        /// Checkpoints whose key was shown after two wrong tries, by "step.index", with the
        /// tutor session that showed it. Typing the shown key in that session does not pass the
        /// checkpoint; answering it right in a later session does.
        package var revealed: [String: String]
        package var updated: Date

        package init(step: Int = 1, visited: Set<Int> = [], completed: Bool = false, checks: [String: Bool] = [:],
                    revealed: [String: String] = [:], updated: Date) {
            self.step = step
            self.visited = visited
            self.completed = completed
            self.checks = checks
            self.revealed = revealed
            self.updated = updated
        }

        enum CodingKeys: String, CodingKey {
            case step, visited, completed, checks, revealed, updated
        }

        /// Files written before `revealed` existed load with none.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            step = try container.decode(Int.self, forKey: .step)
            visited = try container.decode(Set<Int>.self, forKey: .visited)
            completed = try container.decode(Bool.self, forKey: .completed)
            checks = try container.decode([String: Bool].self, forKey: .checks)
            revealed = try container.decodeIfPresent([String: String].self, forKey: .revealed) ?? [:]
            updated = try container.decode(Date.self, forKey: .updated)
        }
    }

    package enum Status: String, Sendable {
        case new, inProgress = "in progress", done
    }

    /// Done when every step was seen (or the learner went past the last one) and every
    /// checkpoint is passed; new until a step was seen.
    package func status(of lesson: Lesson) -> Status {
        guard let entry = lessons[lesson.id] else { return .new }
        if allStepsSeen(lesson), openCheckpoints(lesson).isEmpty { return .done }
        return entry.visited.isEmpty && entry.checks.isEmpty ? .new : .inProgress
    }

    /// Every step seen, or the learner went past the last one.
    package func allStepsSeen(_ lesson: Lesson) -> Bool {
        guard let entry = lessons[lesson.id] else { return false }
        return entry.completed || entry.visited.isSuperset(of: Set(1...max(lesson.steps.count, 1)))
    }

    /// The lesson's checkpoints answered right, in lesson order.
    package func passedCheckpoints(_ lesson: Lesson) -> [Checkpoint] {
        let checks = lessons[lesson.id]?.checks ?? [:]
        return lesson.checkpoints.filter { checks[$0.key] == true }
    }

    /// The lesson's checkpoints not passed yet, in lesson order.
    package func openCheckpoints(_ lesson: Lesson) -> [Checkpoint] {
        let checks = lessons[lesson.id]?.checks ?? [:]
        return lesson.checkpoints.filter { checks[$0.key] != true }
    }

    package func isPassed(_ lesson: Lesson, _ checkpoint: Checkpoint) -> Bool {
        lessons[lesson.id]?.checks[checkpoint.key] == true
    }

    /// The session in which the checkpoint's key was revealed, if it was and is not passed since.
    package func revealedIn(_ lesson: Lesson, _ checkpoint: Checkpoint) -> String? {
        lessons[lesson.id]?.revealed[checkpoint.key]
    }

    /// `2 of 8`, the form `lessons` and `progress` show.
    package func checkpointSummary(_ lesson: Lesson) -> String {
        "\(passedCheckpoints(lesson).count) of \(lesson.checkpoints.count)"
    }

    /// Share of steps seen, 0–100.
    package func percentDone(_ lesson: Lesson) -> Int {
        guard let entry = lessons[lesson.id], !lesson.steps.isEmpty else { return 0 }
        if entry.completed { return 100 }
        let seen = entry.visited.filter { (1...lesson.steps.count).contains($0) }.count
        return seen * 100 / lesson.steps.count
    }

    // Each change is stamped `now`, the tutor's clock (`session.quiz.clock`, which
    // LAMBDA_TUTOR_NOW moves), as the attempts recorded beside it are; the later stamp wins
    // when two tutors' progress is merged.

    /// Records that the learner is looking at `step` of `lesson`.
    package mutating func visit(_ lesson: Lesson, step: Int, now: Date) {
        var entry = lessons[lesson.id] ?? LessonProgress(updated: now)
        entry.step = step
        entry.visited.insert(step)
        entry.updated = now
        lessons[lesson.id] = entry
        currentLesson = lesson.id
    }

    package mutating func complete(_ lesson: Lesson, now: Date) {
        var entry = lessons[lesson.id] ?? LessonProgress(updated: now)
        entry.completed = true
        entry.visited.formUnion(1...max(lesson.steps.count, 1))
        entry.updated = now
        lessons[lesson.id] = entry
    }

    package mutating func recordCheck(_ lesson: Lesson, step: Int, index: Int, correct: Bool, now: Date) {
        var entry = lessons[lesson.id] ?? LessonProgress(updated: now)
        let key = "\(step).\(index)"
        // A checkpoint once passed stays passed.
        entry.checks[key] = (entry.checks[key] ?? false) || correct
        if correct { entry.revealed[key] = nil }
        entry.updated = now
        lessons[lesson.id] = entry
    }

    /// Records that the key of a checkpoint was shown (after two wrong tries) in `session`.
    package mutating func recordReveal(_ lesson: Lesson, step: Int, index: Int, session: String, now: Date) {
        var entry = lessons[lesson.id] ?? LessonProgress(updated: now)
        let key = "\(step).\(index)"
        guard entry.checks[key] != true else { return }
        entry.checks[key] = false
        entry.revealed[key] = session
        entry.updated = now
        lessons[lesson.id] = entry
    }

    package mutating func reset(_ lessonID: String) {
        lessons[lessonID] = nil
        if currentLesson == lessonID { currentLesson = nil }
    }
}

/// One checkpoint of a lesson: the `check` block `index` (1-based) of step `step`.
package struct Checkpoint: Sendable, Hashable {
    package let step: Int
    package let index: Int

    package init(step: Int, index: Int) {
        self.step = step
        self.index = index
    }

    /// `3.1`: how progress files key it.
    package var key: String { "\(step).\(index)" }

    /// `step 3` when it is the step's only checkpoint, else `step 3 (checkpoint 2)`.
    package func label(in lesson: Lesson) -> String {
        let count = lesson.step(step)?.checks.count ?? 1
        return count > 1 ? "step \(step) (checkpoint \(index))" : "step \(step)"
    }
}

extension Lesson {
    /// Every checkpoint of the lesson, in reading order.
    package var checkpoints: [Checkpoint] {
        steps.flatMap { step in step.checks.map { Checkpoint(step: step.number, index: $0.index) } }
    }
}
