import ContentYAML
import TutorSupport
import Foundation

extension BankParser {
    /// Re-reads a file whose YAML does not parse, one top-level list item at a time, so a
    /// syntax error in one question leaves the others loadable.
    static func recover(yaml: String, file: String, bank: QuestionBank, error: YAMLSyntaxError) -> Result {
        var bank = bank
        let lines = yaml.components(separatedBy: "\n")
        // Find the list that holds the questions: the first `- ` line after `questions:`, or a
        // top-level list.
        var listStart: Int?
        var indent = 0
        var questionsKeyLine: Int?
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("questions:") { questionsKeyLine = index; continue }
            let stripped = line.drop(while: { $0 == " " })
            if stripped.hasPrefix("- ") || stripped == "-", questionsKeyLine != nil || line.hasPrefix("-") {
                listStart = index
                indent = line.count - stripped.count
                break
            }
        }
        var reader = YAMLReader(file: file)
        guard let listStart else {
            reader.report(error)
            noteLost(lines: lines, &reader)
            return Result(bank: bank, diagnostics: reader.diagnostics)
        }
        // The header (bank name and defaults) on its own.
        var defaults = Defaults()
        let headerEnd = questionsKeyLine ?? listStart
        let header = lines[..<headerEnd].joined(separator: "\n")
        if questionsKeyLine != nil {
            do throws(YAMLSyntaxError) {
                if let node = try reader.compose(header), let entries = reader.entries(node, "a bank", allowed: bankKeys) {
                    for entry in entries {
                        readHeader(entry.key, entry.value, bank: &bank, defaults: &defaults, &reader)
                    }
                }
            } catch {
                reader.report(error)
            }
        }
        // Split the list into items at lines starting with `- ` at the list's indentation.
        var starts: [Int] = []
        var listEnd = lines.count
        for index in listStart..<lines.count {
            let line = lines[index]
            let stripped = line.drop(while: { $0 == " " })
            if line.count - stripped.count == indent, stripped.hasPrefix("- ") || stripped == "-" {
                starts.append(index)
            } else if line.count - stripped.count < indent, !stripped.isEmpty, !stripped.hasPrefix("#") {
                listEnd = index  // the list has ended
                break
            }
        }
        if listEnd < lines.count, questionCount(lines[listEnd...]) > 0 {
            // A line indented less than the list's items ends it: what follows is not read.
            let lost = questionCount(lines[listEnd...])
            let tab = lines[listEnd].prefix { $0 == " " || $0 == "\t" }.contains("\t")
            let cause = tab ? "invalid YAML: this line is indented with a TAB; YAML indents with spaces only (replace the TAB with spaces), and it ends the question list"
                : "this line is indented less than the '- ' items of the question list, so it ends the list"
            reader.diagnostics.append(.error(file, line: listEnd + 1, column: 1,
                "\(cause); the \(lost) question(s) from here on were not loaded" + (tab ? "" : " (indent it like the others, or fix the line above)")))
        }
        for (n, start) in starts.enumerated() {
            let end = n + 1 < starts.count ? starts[n + 1] : listEnd
            let chunk = lines[start..<end].map { $0.count >= indent ? String($0.dropFirst(indent)) : $0 }.joined(separator: "\n")
            var itemReader = YAMLReader(file: file, lineOffset: start, columnOffset: indent)
            do throws(YAMLSyntaxError) {
                guard let node = try itemReader.compose(chunk), case .list(let sequence) = node, let item = sequence.first else { continue }
                if let question = readQuestion(item, defaults: defaults, fallbackID: nil, &itemReader) {
                    bank.questions.append(question)
                }
            } catch {
                itemReader.report(error)
                // One item that holds several questions (a `- id:` indented wrongly joins the
                // one above): say how many one mistake cost.
                let lost = questionCount(lines[start..<end])
                if lost > 1 {
                    itemReader.diagnostics[itemReader.diagnostics.count - 1].message +=
                        "; the \(lost) questions on lines \(start + 1)–\(end) were not loaded (a '- id:' line there is probably indented differently from the others)"
                }
            }
            reader.diagnostics += itemReader.diagnostics
        }
        if !reader.diagnostics.hasErrors {
            // The error lies outside every question (after the list, say): report it as YAML did.
            reader.report(error)
        }
        return Result(bank: bank, diagnostics: reader.diagnostics)
    }

    /// How many questions `lines` hold (lines of `id:` keys, as `- id:` or on their own).
    static func questionCount(_ lines: ArraySlice<String>) -> Int {
        lines.filter { line in
            let stripped = line.drop { $0 == " " || $0 == "\t" }
            let key = stripped.hasPrefix("- ") ? stripped.dropFirst(2).drop { $0 == " " } : stripped
            return key.hasPrefix("id:")
        }.count
    }

    /// After an error that costs the whole file, how many questions were lost.
    static func noteLost(lines: [String], _ reader: inout YAMLReader) {
        let lost = questionCount(lines[...])
        guard lost > 0, !reader.diagnostics.isEmpty else { return }
        reader.diagnostics[reader.diagnostics.count - 1].message += "; none of the file's \(lost) question(s) were loaded"
    }
}
