import Foundation
import LambdaModel

/// What `results` shows: history, the trend per domain, and what to study next.
///
/// Computed from the attempt log alone (each record carries its domain and lesson), plus the
/// exam history and, optionally, the lessons of the current banks for domains never practised.
public struct ResultsReport: Sendable, Hashable, Codable {
    /// One practice run, exam or lesson visit.
    public struct SessionLine: Sendable, Hashable, Codable {
        public var session: String
        public var mode: AttemptRecord.Mode
        public var started: Date
        public var answered: Int
        public var correct: Int
        public var revealed: Int
        public var percent: Double
    }

    public struct DomainTrend: Sendable, Hashable, Codable {
        public enum Direction: String, Sendable, Hashable, Codable {
            case up, down, steady
            /// Fewer than two sessions with this domain: no trend yet.
            case new
        }

        public var domain: String
        public var title: String
        public var attempts: Int
        public var correct: Int
        /// Share correct over all attempts, in percent.
        public var percent: Double
        /// Share correct per session with this domain, oldest first (the last ten).
        public var recent: [Double]
        public var direction: Direction
    }

    public struct StudySuggestion: Sendable, Hashable, Codable {
        public var domain: String
        public var title: String
        /// Share correct over the domain's latest attempts; nil if never practised.
        public var percent: Double?
        public var attempts: Int
        /// Lessons to study, most missed first.
        public var lessons: [String]
        public var reason: String
    }

    /// Newest first.
    public var sessions: [SessionLine]
    public var domains: [DomainTrend]
    public var studyNext: [StudySuggestion]
    /// Completed exams, newest first.
    public var exams: [ExamSummary]
    public var answered: Int
    public var correct: Int

    /// - Parameters:
    ///   - records: the attempt log, oldest first.
    ///   - exams: the exam history.
    ///   - questions: the current banks, so never-practised domains can suggest lessons.
    ///   - passPercent: the share below which a domain is "weak".
    ///   - recentWindow: how many of a domain's latest attempts decide whether it is weak.
    public init(records: [AttemptRecord], exams: [ExamSummary] = [], questions: [Question] = [], passPercent: Double = 72,
                recentWindow: Int = 20) {
        // Sessions.
        var order: [String] = []
        var bySession: [String: [AttemptRecord]] = [:]
        for record in records {
            if bySession[record.session] == nil { order.append(record.session) }
            bySession[record.session, default: []].append(record)
        }
        sessions = order.reversed().map { id in
            let items = bySession[id]!
            let answered = items.filter { $0.answer != nil }.count
            let correct = items.filter(\.correct).count
            return SessionLine(session: id, mode: items[0].mode, started: items.map(\.time).min()!, answered: answered,
                               correct: correct, revealed: items.filter(\.revealed).count,
                               percent: Self.percent(correct, items.count))
        }
        answered = records.filter { $0.answer != nil }.count
        correct = records.filter(\.correct).count
        self.exams = exams.sorted { $0.finished > $1.finished }

        // Domains: every known domain, plus any other found in the log.
        let known = ExamDomain.all.map(\.id)
        let extra = Set(records.map(\.domain)).subtracting(known).sorted()
        var trends: [DomainTrend] = []
        var study: [StudySuggestion] = []
        for domain in known + extra {
            let items = records.filter { $0.domain == domain }
            let title = ExamDomain.title(of: domain)
            var perSession: [Double] = []
            for id in order {
                let inSession = bySession[id]!.filter { $0.domain == domain }
                if !inSession.isEmpty { perSession.append(Self.percent(inSession.filter(\.correct).count, inSession.count)) }
            }
            let correct = items.filter(\.correct).count
            if !items.isEmpty {
                trends.append(DomainTrend(domain: domain, title: title, attempts: items.count, correct: correct,
                                          percent: Self.percent(correct, items.count), recent: Array(perSession.suffix(10)),
                                          direction: Self.direction(perSession)))
            }
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
            } else if known.contains(domain), questions.contains(where: { $0.domain == domain }) {
                // Suggested only when there is something to practise in it.
                study.append(StudySuggestion(domain: domain, title: title, percent: nil, attempts: 0, lessons: lessons,
                                             reason: "not practised yet"))
            }
        }
        domains = trends
        // Weakest first; never-practised after the weak ones.
        studyNext = study.sorted { ($0.percent ?? 101, $0.domain) < ($1.percent ?? 101, $1.domain) }
    }

    static func percent(_ part: Int, _ whole: Int) -> Double {
        whole > 0 ? (Double(part) * 1000 / Double(whole)).rounded() / 10 : 0
    }

    /// Mean of the last three sessions against the three before, 5 points either way.
    static func direction(_ values: [Double]) -> DomainTrend.Direction {
        guard values.count >= 2 else { return .new }
        let recent = values.suffix(3)
        let before = values.dropLast(recent.count).suffix(3)
        let earlier = before.isEmpty ? [values[0]] : Array(before)
        let delta = recent.reduce(0, +) / Double(recent.count) - earlier.reduce(0, +) / Double(earlier.count)
        if delta > 5 { return .up }
        if delta < -5 { return .down }
        return .steady
    }
}

/// Writes the attempt log for spreadsheets (`results --export csv FILE`) or scripts (`json`).
public enum ResultsExport {
    public enum Format: String, Sendable, CaseIterable {
        case csv, json
    }

    static let columns = ["time", "session", "mode", "question", "domain", "lesson", "seed", "answer", "correct", "seconds",
                          "confidence", "hinted", "revealed"]

    public static func render(_ records: [AttemptRecord], as format: Format) -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            return String(decoding: (try? encoder.encode(records)) ?? Data("[]".utf8), as: UTF8.self) + "\n"
        case .csv:
            let formatter = ISO8601DateFormatter()
            var lines = [columns.joined(separator: ",")]
            for r in records {
                let fields = [formatter.string(from: r.time), r.session, r.mode.rawValue, r.question, r.domain, r.lesson ?? "",
                              String(r.seed), r.answer ?? "", String(r.correct), Tolerance.trim(r.seconds),
                              r.confidence?.rawValue ?? "", String(r.hinted), String(r.revealed)]
                lines.append(fields.map(csvField).joined(separator: ","))
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// RFC 4180 quoting; a leading `= + - @` is prefixed with `'` so spreadsheets never run
    /// an answer as a formula.
    static func csvField(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
        guard text.contains(where: { ",\"\n\r".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
