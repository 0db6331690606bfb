import Foundation
import TutorSupport

/// Full-text search across lessons, ranked, with the line that matched.
///
/// Small enough to rebuild on every search (a few thousand lines for the whole curriculum), so
/// there is no index to keep in step with the files.
package struct LessonSearch: Sendable {
    package struct Hit: Sendable, Hashable {
        package let lessonID: String
        package let lessonTitle: String
        /// 0 for the lesson's front matter and introduction.
        package let step: Int
        package let stepTitle: String
        /// The best matching line, as plain text.
        package let excerpt: String
        package let score: Int
    }

    let catalog: LessonCatalog

    package init(catalog: LessonCatalog) {
        self.catalog = catalog
    }

    /// Hits for all `words` (case-insensitive; every word must occur somewhere in the step),
    /// best first. Titles and headings weigh more than body text.
    package func search(_ query: String, limit: Int = 10) -> [Hit] {
        let words = query.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init).filter { !$0.isEmpty }
        guard !words.isEmpty else { return [] }
        var hits: [Hit] = []
        for lesson in catalog.lessons {
            let header = [lesson.title, lesson.summary] + lesson.topics + lesson.objectives + Self.lines(of: lesson.introduction)
            // The overview's title is the lesson title, so it gets no separate lesson-title bonus;
            // a step that is about the words should outrank the lesson's front page.
            if let hit = score(words: words, title: lesson.title, lines: header, lesson: lesson, step: 0, stepTitle: "Overview", titleWeight: 3, lessonBonus: 0) {
                hits.append(hit)
            }
            for step in lesson.steps {
                let lines = Self.lines(of: step.blocks)
                if let hit = score(words: words, title: step.title, lines: lines, lesson: lesson, step: step.number, stepTitle: step.title, titleWeight: 4, lessonBonus: 2) {
                    hits.append(hit)
                }
            }
        }
        return Array(hits.sorted { ($0.score, $1.lessonID, $1.step) > ($1.score, $0.lessonID, $0.step) }.prefix(limit))
    }

    private func score(words: [String], title: String, lines: [String], lesson: Lesson, step: Int, stepTitle: String, titleWeight: Int,
                       lessonBonus: Int) -> Hit? {
        let titleLower = title.lowercased()
        let lowered = lines.map { $0.lowercased() }
        var total = 0
        for word in words {
            var wordScore = 0
            if titleLower.contains(word) { wordScore += titleWeight }
            if lesson.title.lowercased().contains(word) { wordScore += lessonBonus }
            let occurrences = lowered.reduce(0) { $0 + $1.components(separatedBy: word).count - 1 }
            wordScore += min(occurrences, 5)
            if wordScore == 0 { return nil }
            total += wordScore
        }
        // The excerpt: the line matching the most words (ties: the earliest).
        var bestLine = title
        var bestCount = 0
        for (index, line) in lowered.enumerated() {
            let count = words.filter { line.contains($0) }.count
            if count > bestCount {
                bestCount = count
                bestLine = lines[index]
            }
        }
        return Hit(lessonID: lesson.id, lessonTitle: lesson.title, step: step, stepTitle: stepTitle,
                   excerpt: bestLine.trimmingCharacters(in: .whitespaces), score: total)
    }

    /// Plain-text lines of blocks (markup removed), one per paragraph line, list item or row;
    /// code lines come last so excerpts prefer prose.
    static func lines(of blocks: [MarkdownBlock]) -> [String] {
        var code: [String] = []
        return prose(of: blocks, code: &code) + code
    }

    /// The readable text of a `check` block: the values of its stem, choices, feedback, hint
    /// and explanation, without YAML keys, list dashes, braces or quotes.
    static func checkText(_ yaml: String) -> [String] {
        let keys = ["stem", "text", "feedback", "explanation", "hint", "true_feedback", "false_feedback", "left", "right"]
        var out: [String] = []
        for raw in yaml.components(separatedBy: "\n") {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("- ") { line = String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
            // Flow mappings such as {text: "In `detail`", correct: true}: one field per comma-free piece.
            let pieces = line.hasPrefix("{") ? line.trimmingCharacters(in: CharacterSet(charactersIn: "{}")).components(separatedBy: ", ") : [line]
            for piece in pieces {
                guard let colon = piece.firstIndex(of: ":"), keys.contains(piece[..<colon].trimmingCharacters(in: .whitespaces)) else { continue }
                var value = piece[piece.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if value.count >= 2, let first = value.first, let last = value.last, (first == "\"" && last == "\"") || (first == "'" && last == "'") {
                    value = String(value.dropFirst().dropLast())
                }
                if !value.isEmpty, value != "|", value != ">" { out.append(InlineMarkdown.plainText(value)) }
            }
        }
        return out
    }

    private static func prose(of blocks: [MarkdownBlock], code: inout [String]) -> [String] {
        var out: [String] = []
        for block in blocks {
            switch block {
            case .heading(_, let text, _), .paragraph(let text, _):
                out.append(contentsOf: InlineMarkdown.plainText(text).components(separatedBy: "\n"))
            case .code(let info, let body, _) where info.split(separator: " ").first?.lowercased() == "check":
                // A checkpoint is YAML: its question and answers are prose, its keys are not.
                out.append(contentsOf: checkText(body))
            case .code(_, let body, _):
                code.append(contentsOf: body.components(separatedBy: "\n"))
            case .list(_, _, let items, _):
                for item in items { out.append(contentsOf: prose(of: item, code: &code)) }
            case .table(let header, _, let rows, _):
                out.append(header.map(InlineMarkdown.plainText).joined(separator: " | "))
                for row in rows { out.append(row.map(InlineMarkdown.plainText).joined(separator: " | ")) }
            case .quote(let inner, _), .callout(_, let inner, _):
                out.append(contentsOf: prose(of: inner, code: &code))
            case .rule:
                break
            }
        }
        return out
    }
}
