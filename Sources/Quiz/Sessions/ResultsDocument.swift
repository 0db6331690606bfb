import Foundation

/// One learner's results as a file a trainer collects (`results --export json FILE`) and
/// `workshop report` reads: who, and every answer with what the question offered.
///
/// Self-contained on purpose: the option texts are copied in, so the class report can show
/// which wrong answer was popular even on a machine with other versions of the banks.
package struct ResultsDocument: Sendable, Codable, Hashable {
    /// Marks the file as ours (`workshop report` refuses other JSON with a clear message).
    package static let formatName = "lambda-tutor-results"
    package static let currentVersion = 1

    package var format: String
    package var version: Int
    /// The learner's name when every answer has the same one (nil when none was given).
    package var learner: String?
    package var exported: Date
    package var attempts: [Attempt]

    /// One recorded answer.
    package struct Attempt: Sendable, Codable, Hashable {
        package var time: Date
        package var session: String
        package var mode: AttemptRecord.Mode
        package var question: String
        package var bank: String?
        package var domain: String
        package var lesson: String?
        package var seed: UInt64
        /// The answer in the bank's letters (`A,C`), a number or text; nil when skipped.
        package var answer: String?
        /// The options chosen, with their text (choice questions only).
        package var chosen: [Option]?
        /// Every option the question offered, in the bank's order (choice questions only), so a
        /// report can list options nobody chose.
        package var options: [Option]?
        package var correct: Bool
        package var skipped: Bool
        package var revealed: Bool
        /// Neither skipped nor revealed: a real answer, the only kind a share correct counts.
        package var answered: Bool { !skipped && !revealed }
        package var hinted: Bool
        package var seconds: Double
        package var confidence: Confidence?
        package var preset: String?
        package var workshop: String?
        package var learner: String?

        package init(time: Date, session: String, mode: AttemptRecord.Mode, question: String, bank: String?, domain: String,
                    lesson: String?, seed: UInt64, answer: String?, chosen: [Option]?, options: [Option]?, correct: Bool,
                    skipped: Bool, revealed: Bool, hinted: Bool, seconds: Double, confidence: Confidence?, preset: String?,
                    workshop: String?, learner: String?) {
            self.time = time
            self.session = session
            self.mode = mode
            self.question = question
            self.bank = bank
            self.domain = domain
            self.lesson = lesson
            self.seed = seed
            self.answer = answer
            self.chosen = chosen
            self.options = options
            self.correct = correct
            self.skipped = skipped
            self.revealed = revealed
            self.hinted = hinted
            self.seconds = seconds
            self.confidence = confidence
            self.preset = preset
            self.workshop = workshop
            self.learner = learner
        }
    }

    /// An option as the bank writes it: its letter and text.
    package struct Option: Sendable, Codable, Hashable {
        package var option: String
        package var text: String
        package var correct: Bool

        package init(option: String, text: String, correct: Bool) {
            self.option = option
            self.text = text
            self.correct = correct
        }
    }

    package init(records: [AttemptRecord], questions: [Question], banks: [String: String], exported: Date) {
        format = Self.formatName
        version = Self.currentVersion
        self.exported = exported
        let names = Set(records.compactMap(\.learner))
        learner = names.count == 1 && !records.contains { $0.learner == nil } ? names.first : nil
        let byID = Dictionary(questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        attempts = records.map { record in
            let question = byID[record.question]
            let options = question.flatMap(Self.options)
            let letters = Set((record.answer ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
            let chosen = options.map { all in all.filter { letters.contains($0.option) } }
            return Attempt(time: record.time, session: record.session, mode: record.mode, question: record.question,
                           bank: banks[record.question], domain: record.domain, lesson: record.lesson, seed: record.seed,
                           answer: record.answer, chosen: record.answer == nil ? nil : chosen, options: options,
                           correct: record.correct, skipped: record.isSkipped, revealed: record.revealed, hinted: record.hinted,
                           seconds: record.seconds, confidence: record.confidence, preset: record.preset,
                           workshop: record.workshop, learner: record.learner)
        }
    }

    /// A choice question's options, lettered A, B, … in the bank's order.
    static func options(_ question: Question) -> [Option]? {
        switch question.body {
        case .single(let choices), .multiple(let choices):
            return choices.enumerated().map { index, choice in
                Option(option: String(UnicodeScalar(UInt8(65 + index % 26))), text: choice.text, correct: choice.correct)
            }
        case .trueFalse, .numeric, .ordering, .matching, .shortText, .generated:
            return nil
        }
    }

    package func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }

    /// Reads a results file; a file that is not one says so in words.
    package static func decode(_ data: Data) throws(QuizError) -> ResultsDocument {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        struct Header: Decodable { var format: String?; var version: Int? }
        guard let header = try? decoder.decode(Header.self, from: data) else {
            throw QuizError(.resultsFile, "not a lambda-tutor results file (not a JSON object; write one with 'results --export json FILE')")
        }
        guard header.format == formatName else {
            throw QuizError(.resultsFile, "not a lambda-tutor results file (no \"format\": \"\(formatName)\"; write one with 'results --export json FILE')")
        }
        guard let version = header.version, version <= currentVersion else {
            throw QuizError(.resultsFile, "written by a newer lambda-tutor (format version \(header.version ?? 0)); update this tutor to read it")
        }
        do {
            return try decoder.decode(ResultsDocument.self, from: data)
        } catch {
            throw QuizError(.resultsFile, "a damaged results file: \(error)")
        }
    }
}
