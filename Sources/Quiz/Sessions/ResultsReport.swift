import Foundation
import LambdaModel

/// What `results` shows: history, the trend per domain, what to study next, and how well the
/// learner's confidence matches their answers.
///
/// Computed from the attempt log alone (each record carries its domain and lesson), plus the
/// exam history and, optionally, the lessons of the current banks for domains never practised.
/// Skipped questions (left open in an exam, `skip` in practice) and revealed ones (`show`: the
/// quiz says "not an answer") are counted apart and left out of every share correct, as the
/// quiz's own summary does: they say nothing of what the learner knows. The domains are those
/// of the exam the learner prepares for (the preset of their latest exam, or one named): the
/// trend and "what to study next" speak of its domains; practice in others is listed apart.
package struct ResultsReport: Sendable, Hashable, Codable {
    /// One practice run, exam or lesson visit.
    package struct SessionLine: Sendable, Hashable, Codable {
        package var session: String
        package var mode: AttemptRecord.Mode
        /// A spaced-review session (its records say `review`), shown as such, not as practice.
        package var review: Bool
        package var started: Date
        /// Questions answered (not revealed, not skipped).
        package var answered: Int
        package var correct: Int
        package var revealed: Int
        package var skipped: Int
        /// Share correct of the questions answered, in percent.
        package var percent: Double
    }

    package struct DomainTrend: Sendable, Hashable, Codable {
        package enum Direction: String, Sendable, Hashable, Codable {
            case up, down, steady
            /// Fewer than two sessions with this domain: no trend yet.
            case new
        }

        package var domain: String
        package var title: String
        package var attempts: Int
        package var correct: Int
        /// Share correct over all attempts, in percent.
        package var percent: Double
        /// Share correct per session with this domain, oldest first (the last ten).
        package var recent: [Double]
        package var direction: Direction
        /// One of the focus exam's domains (false: practised, but from another exam guide).
        package var inFocus: Bool
    }

    package struct StudySuggestion: Sendable, Hashable, Codable {
        package var domain: String
        package var title: String
        /// Share correct over the domain's latest attempts; nil if never practised.
        package var percent: Double?
        package var attempts: Int
        /// Lessons to study, most missed first.
        package var lessons: [String]
        package var reason: String
    }

    /// How often answers given with one confidence were right.
    package struct CalibrationLine: Sendable, Hashable, Codable {
        package var confidence: Confidence
        package var answers: Int
        package var correct: Int
        package var percent: Double
    }

    /// Newest first.
    package var sessions: [SessionLine]
    package var domains: [DomainTrend]
    package var studyNext: [StudySuggestion]
    /// Completed exams, newest first.
    package var exams: [ExamSummary]
    /// Answered questions, correct ones, and skipped and revealed ones apart.
    package var answered: Int
    package var correct: Int
    package var skipped: Int
    package var revealed: Int
    /// The preset whose domains the report speaks of, and those domains.
    package var focus: String
    package var focusDomains: [String]
    /// Sure, unsure, guess: only the levels the learner used.
    package var calibration: [CalibrationLine]
    /// One sentence on the calibration, if there is enough to say one.
    package var calibrationNote: String?

    /// - Parameters:
    ///   - records: the attempt log, oldest first.
    ///   - exams: the exam history.
    ///   - questions: the current banks, so never-practised domains can suggest lessons.
    ///   - focus: the preset whose domains to speak of; nil takes the latest exam's (DVA-C02
    ///     without one).
    ///   - passPercent: the share below which a domain is "weak".
    ///   - recentWindow: how many of a domain's latest attempts decide whether it is weak.
    package init(records: [AttemptRecord], exams: [ExamSummary] = [], questions: [Question] = [], focus: ExamPreset? = nil,
                passPercent: Double = 72, recentWindow: Int = 20) {
        let preset = focus ?? exams.max { $0.finished < $1.finished }.flatMap { summary in ExamPreset.all.first { $0.name == summary.preset } }
            ?? .developerAssociate
        self.focus = preset.name
        focusDomains = preset.domains
        let counted = records.filter(\.isAnswered)

        // Sessions.
        var sessionOrder: [String] = []
        var bySession: [String: [AttemptRecord]] = [:]
        for record in records {
            if bySession[record.session] == nil { sessionOrder.append(record.session) }
            bySession[record.session, default: []].append(record)
        }
        sessions = sessionOrder.reversed().map { id in
            let items = bySession[id]!
            let answered = items.filter(\.isAnswered)
            let correct = answered.filter(\.correct).count
            return SessionLine(session: id, mode: items[0].mode, review: items.contains { $0.review == true }, started: items.map(\.time).min()!,
                               answered: answered.count, correct: correct, revealed: items.filter(\.revealed).count,
                               skipped: items.filter(\.isSkipped).count,
                               percent: Self.percent(correct, answered.count))
        }
        answered = counted.count
        correct = counted.filter(\.correct).count
        skipped = records.filter(\.isSkipped).count
        revealed = records.filter { $0.revealed && !$0.isSkipped }.count
        self.exams = exams.sorted { $0.finished > $1.finished }

        // Domains: the focus exam's first, then any other found in the log.
        let known = preset.domains
        let order = ExamDomain.all.map(\.id)
        let extra = Set(counted.map(\.domain)).subtracting(known).sorted {
            (order.firstIndex(of: $0) ?? 99, $0) < (order.firstIndex(of: $1) ?? 99, $1)
        }
        var trends: [DomainTrend] = []
        var study: [StudySuggestion] = []
        for domain in known + extra {
            let items = counted.filter { $0.domain == domain }
            let title = ExamDomain.title(of: domain)
            var perSession: [Double] = []
            for id in sessionOrder {
                let inSession = bySession[id]!.filter { $0.domain == domain && $0.isAnswered }
                if !inSession.isEmpty { perSession.append(Self.percent(inSession.filter(\.correct).count, inSession.count)) }
            }
            let correct = items.filter(\.correct).count
            if !items.isEmpty {
                trends.append(DomainTrend(domain: domain, title: title, attempts: items.count, correct: correct,
                                          percent: Self.percent(correct, items.count), recent: Array(perSession.suffix(10)),
                                          direction: Self.direction(perSession), inFocus: known.contains(domain)))
            }
            // What to study next speaks of the exam the learner prepares for.
            guard known.contains(domain) else { continue }
            let latest = items.suffix(recentWindow)
            let latestPercent = latest.isEmpty ? nil : Self.percent(latest.filter(\.correct).count, latest.count)
            var missed: [String: Int] = [:]
            for record in latest where !record.correct {
                if let lesson = record.lesson { missed[lesson, default: 0] += 1 }
            }
            var lessons = missed.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
            if lessons.isEmpty {
                var seen: Set<String> = []
                lessons = questions.filter { $0.domain == domain }.compactMap(\.lesson).filter { seen.insert($0).inserted }
            }
            lessons = Array(lessons.prefix(3))
            if let latestPercent {
                if latestPercent < passPercent {
                    study.append(StudySuggestion(domain: domain, title: title, percent: latestPercent, attempts: latest.count,
                                                 lessons: lessons,
                                                 reason: "\(Number.grouped(latestPercent)) % correct over your last \(latest.count) question\(latest.count == 1 ? "" : "s"); the pass mark is \(Number.grouped(passPercent)) %"))
                }
            } else if case let shown = records.filter({ $0.domain == domain && $0.revealed && !$0.isSkipped }), !shown.isEmpty {
                // Only revealed keys: not answers, but a gap all the same.
                var seen: Set<String> = []
                let revealedLessons = shown.compactMap(\.lesson).filter { seen.insert($0).inserted }
                study.append(StudySuggestion(domain: domain, title: title, percent: nil, attempts: 0,
                                             lessons: Array((revealedLessons.isEmpty ? lessons : revealedLessons).prefix(3)),
                                             reason: "\(shown.count) revealed, none answered yet"))
            } else if questions.contains(where: { $0.domain == domain }) {
                // Suggested only when there is something to practise in it.
                study.append(StudySuggestion(domain: domain, title: title, percent: nil, attempts: 0, lessons: lessons,
                                             reason: "not practised yet"))
            }
        }
        domains = trends
        // Weakest first; never-practised after the weak ones.
        studyNext = study.sorted { ($0.percent ?? 101, $0.domain) < ($1.percent ?? 101, $1.domain) }

        // Calibration.
        calibration = Confidence.allCases.compactMap { level in
            let rated = counted.filter { $0.confidence == level }
            guard !rated.isEmpty else { return nil }
            let right = rated.filter(\.correct).count
            return CalibrationLine(confidence: level, answers: rated.count, correct: right, percent: Self.percent(right, rated.count))
        }
        calibrationNote = Self.calibrationNote(calibration)
    }

    /// A plain sentence on whether "sure" means right.
    static func calibrationNote(_ lines: [CalibrationLine]) -> String? {
        guard let sure = lines.first(where: { $0.confidence == .sure }), sure.answers >= 5 else {
            return lines.isEmpty ? nil : "Rate more answers (add sure, unsure or guess after an answer, or use quiz --confidence) to see how well your confidence matches."
        }
        let others = lines.filter { $0.confidence != .sure }
        let otherPercent = others.isEmpty ? nil : percent(others.reduce(0) { $0 + $1.correct }, others.reduce(0) { $0 + $1.answers })
        if sure.percent < 80 {
            return "You are overconfident: answers you were sure of were right \(Number.grouped(sure.percent)) % of the time. Review the ones you were sure of and got wrong."
        }
        if let otherPercent, otherPercent >= sure.percent {
            return "Your unsure answers were right as often as your sure ones (\(Number.grouped(otherPercent)) %): you know more than you think."
        }
        return "Well calibrated: answers you were sure of were right \(Number.grouped(sure.percent)) % of the time."
    }

    static func percent(_ part: Int, _ whole: Int) -> Double {
        whole > 0 ? (Double(part) * 1000 / Double(whole)).rounded() / 10 : 0
    }

    /// The latest sessions against as many before them (at most three each), 5 points either
    /// way: `0 100 0` is slipping (the last session against the one before), not improving.
    static func direction(_ values: [Double]) -> DomainTrend.Direction {
        guard values.count >= 2 else { return .new }
        let k = min(3, values.count / 2)
        let recent = values.suffix(k)
        let earlier = values.dropLast(k).suffix(k)
        let delta = recent.reduce(0, +) / Double(recent.count) - earlier.reduce(0, +) / Double(earlier.count)
        if delta > 5 { return .up }
        if delta < -5 { return .down }
        return .steady
    }
}
