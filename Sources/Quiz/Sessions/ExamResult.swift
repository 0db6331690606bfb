import Foundation

/// The outcome of an exam: the scaled score, pass or fail, the per-domain breakdown, and every
/// question with its answer for review.
package struct ExamResult: Sendable, Hashable, Codable {
    /// One question of the exam as it ended.
    package struct Item: Sendable, Hashable, Codable {
        /// 1-based position in the exam.
        package var number: Int
        package var question: PresentedQuestion
        /// Nil if left unanswered.
        package var answer: Answer?
        package var grade: Grade?
        package var correct: Bool
        package var flagged: Bool
        /// False for unscored (pretest) questions.
        package var scored: Bool
        package var seconds: Double
        package var confidence: Confidence?
        /// The key, written out (for review of unanswered questions too).
        package var keyText: String
    }

    /// How one domain went. AWS scoring is compensatory (no per-domain pass); this is the same
    /// kind of feedback its score report gives.
    package struct DomainScore: Sendable, Hashable, Codable {
        package var domain: String
        package var title: String
        package var correct: Int
        package var total: Int
        package var percent: Double
        /// "Meets" when the domain's share correct reaches the pass mark, else "needs improvement".
        package var meets: Bool

        package var verdict: String { meets ? "meets" : "needs improvement" }
    }

    package enum ReviewFilter: String, Sendable, Hashable, Codable, CaseIterable {
        case all, wrong, flagged, unanswered
    }

    package var examID: String
    package var preset: String
    package var title: String
    package var seed: UInt64
    package var started: Date
    package var finished: Date
    /// Exam time used, in seconds.
    package var secondsUsed: Double
    package var timeLimit: Double
    /// Submitted automatically because time ran out.
    package var timedOut: Bool
    package var passPercent: Double
    package var scoredCorrect: Int
    package var scoredTotal: Int
    /// Share of scored questions correct, in percent.
    package var percent: Double
    /// 100–1000; see ``ScoreScale``.
    package var scaledScore: Int
    package var passed: Bool
    package var domains: [DomainScore]
    package var items: [Item]
    package var workshop: String?

    init(state: ExamState, finished: Date, timedOut: Bool) {
        examID = state.id
        workshop = state.config.workshop
        preset = state.config.preset
        title = state.config.title
        seed = state.config.seed
        started = state.started
        self.finished = finished
        secondsUsed = (state.elapsed * 10).rounded() / 10
        timeLimit = state.config.timeLimit
        self.timedOut = timedOut
        passPercent = state.config.scale.passPercent
        items = state.questions.indices.map { index in
            let question = state.questions[index]
            let answer = state.answers[index]
            let grade = answer.map { Grader.grade($0, for: question) }
            return Item(number: index + 1, question: question, answer: answer, grade: grade, correct: grade?.correct ?? false,
                        flagged: state.flagged[index], scored: !state.unscored.contains(index),
                        seconds: (state.seconds[index] * 10).rounded() / 10, confidence: state.confidence[index],
                        keyText: Grader.keyText(for: question))
        }
        let scored = items.filter(\.scored)
        scoredTotal = scored.count
        scoredCorrect = scored.filter(\.correct).count
        percent = scoredTotal > 0 ? (Double(scoredCorrect) * 1000 / Double(scoredTotal)).rounded() / 10 : 0
        let scale = state.config.scale
        scaledScore = scale.scaled(correct: scoredCorrect, total: scoredTotal)
        passed = scale.passed(correct: scoredCorrect, total: scoredTotal)
        let domainOrder = ExamDomain.all.map(\.id)
        let byDomain = Dictionary(grouping: scored, by: \.question.domain)
        domains = byDomain.keys.sorted { (domainOrder.firstIndex(of: $0) ?? 99, $0) < (domainOrder.firstIndex(of: $1) ?? 99, $1) }
            .map { domain in
                let items = byDomain[domain]!
                let correct = items.filter(\.correct).count
                return DomainScore(domain: domain, title: ExamDomain.title(of: domain), correct: correct, total: items.count,
                                   percent: (Double(correct) * 1000 / Double(items.count)).rounded() / 10,
                                   meets: scale.passed(correct: correct, total: items.count))
            }
    }

    /// Numbers (1-based) of the unscored questions, revealed after the exam.
    package var unscoredNumbers: [Int] { items.filter { !$0.scored }.map(\.number) }
    package var unansweredNumbers: [Int] { items.filter { $0.answer == nil }.map(\.number) }

    package func review(_ filter: ReviewFilter) -> [Item] {
        switch filter {
        case .all: items
        case .wrong: items.filter { !$0.correct }
        case .flagged: items.filter(\.flagged)
        case .unanswered: items.filter { $0.answer == nil }
        }
    }

    /// One record per question for the attempt log; an unanswered one is recorded as skipped
    /// (the exam scored it wrong, but it says nothing of what the learner knows).
    package var records: [AttemptRecord] {
        items.map { item in
            var record = AttemptRecord(item.question, session: examID, mode: .exam, time: finished, answer: item.answer, correct: item.correct,
                                       seconds: item.seconds, confidence: item.confidence, skipped: item.answer == nil)
            record.preset = preset
            record.workshop = workshop
            return record
        }
    }

    /// The result without the questions: for the exam history and `--json` summaries.
    package var summary: ExamSummary {
        ExamSummary(examID: examID, preset: preset, seed: seed, started: started, finished: finished, secondsUsed: secondsUsed,
                    timedOut: timedOut, questions: items.count, scoredCorrect: scoredCorrect, scoredTotal: scoredTotal,
                    percent: percent, scaledScore: scaledScore, passPercent: passPercent, passed: passed, domains: domains,
                    unanswered: unansweredNumbers, unscored: unscoredNumbers)
    }
}
