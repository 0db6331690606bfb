import Foundation

/// The outcome of an exam: the scaled score, pass or fail, the per-domain breakdown, and every
/// question with its answer for review.
public struct ExamResult: Sendable, Hashable, Codable {
    /// One question of the exam as it ended.
    public struct Item: Sendable, Hashable, Codable {
        /// 1-based position in the exam.
        public var number: Int
        public var question: PresentedQuestion
        /// Nil if left unanswered.
        public var answer: Answer?
        public var grade: Grade?
        public var correct: Bool
        public var flagged: Bool
        /// False for unscored (pretest) questions.
        public var scored: Bool
        public var seconds: Double
        public var confidence: Confidence?
        /// The key, written out (for review of unanswered questions too).
        public var keyText: String
    }

    /// How one domain went. AWS scoring is compensatory (no per-domain pass); this is the same
    /// kind of feedback its score report gives.
    public struct DomainScore: Sendable, Hashable, Codable {
        public var domain: String
        public var title: String
        public var correct: Int
        public var total: Int
        public var percent: Double
        /// "Meets" when the domain's share correct reaches the pass mark, else "needs improvement".
        public var meets: Bool

        public var verdict: String { meets ? "meets" : "needs improvement" }
    }

    public enum ReviewFilter: String, Sendable, Hashable, Codable, CaseIterable {
        case all, wrong, flagged, unanswered
    }

    public var examID: String
    public var preset: String
    public var title: String
    public var seed: UInt64
    public var started: Date
    public var finished: Date
    /// Exam time used, in seconds.
    public var secondsUsed: Double
    public var timeLimit: Double
    /// Submitted automatically because time ran out.
    public var timedOut: Bool
    public var passPercent: Double
    public var scoredCorrect: Int
    public var scoredTotal: Int
    /// Share of scored questions correct, in percent.
    public var percent: Double
    /// 100–1000; see ``ScoreScale``.
    public var scaledScore: Int
    public var passed: Bool
    public var domains: [DomainScore]
    public var items: [Item]
    public var workshop: String?

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
    public var unscoredNumbers: [Int] { items.filter { !$0.scored }.map(\.number) }
    public var unansweredNumbers: [Int] { items.filter { $0.answer == nil }.map(\.number) }

    public func review(_ filter: ReviewFilter) -> [Item] {
        switch filter {
        case .all: items
        case .wrong: items.filter { !$0.correct }
        case .flagged: items.filter(\.flagged)
        case .unanswered: items.filter { $0.answer == nil }
        }
    }

    /// One record per question for the attempt log; an unanswered one is recorded as skipped
    /// (the exam scored it wrong, but it says nothing of what the learner knows).
    public var records: [AttemptRecord] {
        items.map { item in
            var record = AttemptRecord(item.question, session: examID, mode: .exam, time: finished, answer: item.answer, correct: item.correct,
                                       seconds: item.seconds, confidence: item.confidence, skipped: item.answer == nil)
            record.preset = preset
            record.workshop = workshop
            return record
        }
    }

    /// The result without the questions: for the exam history and `--json` summaries.
    public var summary: ExamSummary {
        ExamSummary(examID: examID, preset: preset, seed: seed, started: started, finished: finished, secondsUsed: secondsUsed,
                    timedOut: timedOut, questions: items.count, scoredCorrect: scoredCorrect, scoredTotal: scoredTotal,
                    percent: percent, scaledScore: scaledScore, passPercent: passPercent, passed: passed, domains: domains,
                    unanswered: unansweredNumbers, unscored: unscoredNumbers)
    }
}
