import Foundation
import Quiz

/// The class view of a workshop: one row per learner, one per question with its item
/// analysis, and the reliability of the set, from the results files learners hand in.
///
/// Each learner's first answer to each question counts (a second try after seeing feedback
/// says less about what they knew). A revealed key (`show`) and a skipped question are counted
/// apart, neither as answered nor as wrong, as in `results`: a learner who looked at the key
/// told us nothing about what they knew. Learners are told apart by the name on each answer (a file
/// that merges several learners' logs is split by name, never read as one person's trend).
package struct ClassReport: Sendable {
    package struct Learner: Sendable, Hashable {
        package var name: String
        /// Files the learner's answers came from.
        package var sources: [String]
        package var answered: Int
        package var correct: Int
        package var skipped: Int
        /// Questions whose key the learner revealed without answering first.
        package var revealed: Int
        /// Share correct of the questions answered (nil for none).
        package var score: Double? { answered > 0 ? Double(correct) / Double(answered) : nil }
        package var domains: [String: Tally]
    }

    package struct Tally: Sendable, Hashable {
        package var answered = 0
        package var correct = 0
        package var share: Double? { answered > 0 ? Double(correct) / Double(answered) : nil }
    }

    package struct OptionCount: Sendable, Hashable {
        package var option: String
        package var text: String
        package var correct: Bool
        package var count: Int
    }

    package enum Flag: String, Sendable, Hashable, CaseIterable {
        case tooEasy = "too easy"
        case tooHard = "too hard"
        case negativeDiscrimination = "discriminates negatively"
        case weakDiscrimination = "discriminates weakly"
    }

    package struct Item: Sendable, Hashable {
        package var id: String
        package var bank: String?
        package var domain: String
        package var answered: Int
        package var correct: Int
        package var skipped: Int
        /// Learners who revealed the key instead of answering.
        package var revealed: Int
        /// Proportion correct of those who answered.
        package var difficulty: Double?
        /// Upper–lower 27 % index.
        package var discrimination: Double?
        package var pointBiserial: Double?
        /// Each option with how many learners chose it (choice questions), in the bank's order.
        package var options: [OptionCount]
        package var medianSeconds: Double?
        package var flags: [Flag]

        /// The wrong option chosen most often (nil when no wrong option was chosen).
        package var popularWrongAnswer: OptionCount? {
            options.filter { !$0.correct && $0.count > 0 }.max { ($0.count, $1.option) < ($1.count, $0.option) }
        }
    }

    /// Thresholds for the flags (proportion correct; upper–lower index).
    package static let easyAbove = 0.9
    package static let hardBelow = 0.3
    package static let weakBelow = 0.2
    /// Discrimination needs a class: with fewer learners it is shown but not flagged.
    package static let minimumLearnersForFlags = 5

    package var learners: [Learner]
    package var items: [Item]
    /// KR-20 over the questions every learner answered (nil when it cannot be computed).
    package var kr20: Double?
    /// How many questions KR-20 is computed over.
    package var kr20Items: Int
    /// Things the trainer should know (mixed workshop codes, learners without a name…).
    package var notes: [String]

    /// Builds the report. `workshop` keeps only answers given with that code.
    package init(documents: [(source: String, document: ResultsDocument)], workshop: String? = nil) {
        notes = []
        // Group answers by learner name: the answer's, the file's, else the file's name.
        var byLearner: [String: (sources: Set<String>, attempts: [ResultsDocument.Attempt])] = [:]
        var codes: Set<String> = []
        for (source, document) in documents {
            let fallback = document.learner ?? URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
            if document.learner == nil, document.attempts.contains(where: { $0.learner == nil }) {
                notes.append("\(source) has answers without a learner name; they are listed as '\(fallback)'")
            }
            for attempt in document.attempts {
                if let workshop, attempt.workshop != workshop { continue }
                if let code = attempt.workshop { codes.insert(code) }
                let name = attempt.learner ?? fallback
                byLearner[name, default: ([], [])].sources.insert(source)
                byLearner[name]!.attempts.append(attempt)
            }
        }
        if workshop == nil, codes.count > 1 {
            notes.append("the files hold answers from \(codes.count) workshop codes (\(codes.sorted().joined(separator: ", "))); add --code X to report on one")
        }
        // Each learner's first answer per question, in time order.
        var firsts: [String: [String: ResultsDocument.Attempt]] = [:]
        for (name, entry) in byLearner {
            var seen: [String: ResultsDocument.Attempt] = [:]
            for attempt in entry.attempts.sorted(by: { $0.time < $1.time }) where seen[attempt.question] == nil {
                seen[attempt.question] = attempt
            }
            firsts[name] = seen
        }
        let names = byLearner.keys.sorted()
        learners = names.map { name in
            var learner = Learner(name: name, sources: byLearner[name]!.sources.sorted(), answered: 0, correct: 0, skipped: 0,
                                  revealed: 0, domains: [:])
            for attempt in firsts[name]!.values {
                if attempt.skipped {
                    learner.skipped += 1
                    continue
                }
                if attempt.revealed {
                    learner.revealed += 1
                    continue
                }
                learner.answered += 1
                learner.domains[attempt.domain, default: Tally()].answered += 1
                if attempt.correct {
                    learner.correct += 1
                    learner.domains[attempt.domain]!.correct += 1
                }
            }
            return learner
        }
        // Totals for discrimination: each learner's share correct (learners may have answered
        // different numbers of questions when the set was not fixed by a workshop code).
        let totals = Dictionary(uniqueKeysWithValues: learners.map { ($0.name, $0.score ?? 0) })
        let questionIDs = Set(firsts.values.flatMap(\.keys)).sorted()
        var items: [Item] = []
        for id in questionIDs {
            let answers = names.compactMap { name in firsts[name]![id].map { (name, $0) } }
            let given = answers.filter { $0.1.answered }
            let scores = given.map { $0.1.correct ? 1 : 0 }
            let itemTotals = given.map { totals[$0.0] ?? 0 }
            let sample = answers.first!.1
            var options = (answers.compactMap { $0.1.options }.first ?? []).map { OptionCount(option: $0.option, text: $0.text, correct: $0.correct, count: 0) }
            for (_, attempt) in given {
                for chosen in attempt.chosen ?? [] {
                    if let index = options.firstIndex(where: { $0.option == chosen.option }) {
                        options[index].count += 1
                    } else {
                        options.append(OptionCount(option: chosen.option, text: chosen.text, correct: chosen.correct, count: 1))
                    }
                }
            }
            var item = Item(id: id, bank: sample.bank, domain: sample.domain, answered: given.count, correct: scores.reduce(0, +),
                            skipped: answers.filter { $0.1.skipped }.count, revealed: answers.filter { !$0.1.skipped && $0.1.revealed }.count,
                            difficulty: ItemStatistics.difficulty(scores),
                            discrimination: ItemStatistics.upperLowerIndex(items: scores, totals: itemTotals),
                            pointBiserial: ItemStatistics.pointBiserial(items: scores, totals: itemTotals),
                            options: options, medianSeconds: ItemStatistics.median(given.map(\.1.seconds)), flags: [])
            item.flags = Self.flags(item)
            items.append(item)
        }
        self.items = items
        // KR-20 over the questions every learner answered.
        let common = questionIDs.filter { id in names.allSatisfy { firsts[$0]![id]?.answered ?? false } }
        kr20Items = common.count
        kr20 = ItemStatistics.kr20(names.map { name in common.map { firsts[name]![$0]!.correct ? 1 : 0 } })
        if common.count < questionIDs.count, !names.isEmpty {
            notes.append("KR-20 uses the \(common.count) of \(questionIDs.count) questions every learner answered; a workshop code gives everyone the same set")
        }
    }

    static func flags(_ item: Item) -> [Flag] {
        var flags: [Flag] = []
        if let p = item.difficulty {
            if p > easyAbove { flags.append(.tooEasy) }
            if p < hardBelow { flags.append(.tooHard) }
        }
        if item.answered >= minimumLearnersForFlags, let d = item.discrimination {
            if d < 0 || (item.pointBiserial ?? 0) < 0 { flags.append(.negativeDiscrimination) } else if d < weakBelow { flags.append(.weakDiscrimination) }
        }
        return flags
    }

    /// Every domain any learner answered, sorted.
    package var domains: [String] { Set(learners.flatMap(\.domains.keys)).sorted() }
}
