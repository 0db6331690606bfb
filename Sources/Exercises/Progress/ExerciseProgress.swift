import Foundation

/// What a learner has done with the exercises: which they started (and under which function
/// name), which passed, how many hints they saw. Learner data, kept in `exercises.json`.
package struct ExerciseProgress: Sendable, Hashable, Codable {
    package static let currentFormat = 1

    package var format: Int
    /// The exercise `verify` and `hint` use when no id is given.
    package var current: String?
    package var exercises: [String: Entry]

    package struct Entry: Sendable, Hashable, Codable {
        /// The learner's function holding their attempt (nil until `exercise ID` made it:
        /// a learner may read the hints first).
        package var function: String?
        package var started: Date?
        /// The first time every case passed; stays set (done is done) even if the code changes later.
        package var passed: Date?
        /// Verifications run, passed or not.
        package var attempts: Int
        /// How many of the graded hints have been shown.
        package var hintsShown: Int

        package init(function: String? = nil, started: Date? = nil) {
            self.function = function
            self.started = started
            self.passed = nil
            self.attempts = 0
            self.hintsShown = 0
        }
    }

    package init() {
        format = Self.currentFormat
        current = nil
        exercises = [:]
    }
}

/// Where an exercise stands for the learner (`exercises` and `exercises --json`).
package enum ExerciseStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case notStarted = "not started"
    case inProgress = "in progress"
    case done
}

extension ExerciseProgress {
    /// Done once it passed; in progress while the learner's function for it exists; else not
    /// started (also after the learner removed that function).
    package func status(of id: String, functionExists: (String) -> Bool) -> ExerciseStatus {
        guard let entry = exercises[id] else { return .notStarted }
        if entry.passed != nil { return .done }
        guard let function = entry.function else { return .notStarted }
        return functionExists(function) ? .inProgress : .notStarted
    }
}
