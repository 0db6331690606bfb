import Foundation

/// Writes the attempt log for spreadsheets (`results --export csv FILE`) or scripts (`json`).
///
/// The last column, `answered`, is false for skipped and revealed questions: a share correct
/// counts only the rows where it is true, as `results` and the quiz's summary do.
package enum ResultsExport {
    package enum Format: String, Sendable, CaseIterable {
        case csv, json
    }

    static let columns = ["time", "session", "mode", "question", "domain", "lesson", "seed", "answer", "correct", "seconds",
                          "confidence", "hinted", "revealed", "skipped", "learner", "workshop", "preset", "answered"]

    package static func render(_ records: [AttemptRecord], as format: Format) -> String {
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
                              r.confidence?.rawValue ?? "", String(r.hinted), String(r.revealed), String(r.isSkipped),
                              r.learner ?? "", r.workshop ?? "", r.preset ?? "", String(r.isAnswered)]
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
