import Foundation

extension LearnerProgress {
    /// Three-way merge for two tutors sharing a data folder: `base` is what this tutor loaded
    /// (or last saved), `self` what it has now, `disk` what is in the file now (another tutor
    /// may have saved since). Nothing either tutor recorded is lost:
    ///
    /// - a lesson only one side changed takes that side (a lesson reset here stays reset);
    /// - a lesson both changed gets both: steps seen and checkpoints passed are united (passed
    ///   stays passed), and the step and "completed" of the later update win;
    /// - the current lesson is this tutor's if it moved, else the file's.
    package func merged(base: LearnerProgress, disk: LearnerProgress) -> LearnerProgress {
        var result = disk
        result.version = max(version, disk.version)
        result.currentLesson = currentLesson != base.currentLesson ? currentLesson : disk.currentLesson
        for id in Set(lessons.keys).union(disk.lessons.keys).union(base.lessons.keys) {
            let mine = lessons[id], theirs = disk.lessons[id], original = base.lessons[id]
            if mine == original {
                result.lessons[id] = theirs
            } else if theirs == original {
                result.lessons[id] = mine
            } else if let mine, let theirs {
                result.lessons[id] = mine.union(theirs)
            } else {
                result.lessons[id] = mine ?? theirs  // reset on one side, changed on the other: keep the work
            }
        }
        if let current = result.currentLesson, result.lessons[current] == nil, lessons[current] == nil { result.currentLesson = nil }
        return result
    }
}

extension LearnerProgress.LessonProgress {
    /// Both sides' work on one lesson.
    func union(_ other: Self) -> Self {
        let later = other.updated > updated ? other : self
        var result = later
        result.visited = visited.union(other.visited)
        result.completed = completed || other.completed
        for (key, passed) in other.checks { result.checks[key] = (checks[key] ?? false) || passed }
        for (key, passed) in checks { result.checks[key] = (other.checks[key] ?? false) || passed }
        result.revealed = revealed.merging(other.revealed) { mine, _ in mine }.filter { result.checks[$0.key] != true }
        result.updated = max(updated, other.updated)
        return result
    }
}
