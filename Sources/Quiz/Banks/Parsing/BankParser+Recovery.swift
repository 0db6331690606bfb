import ContentYAML
import TutorSupport

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
        for index in listStart..<lines.count {
            let line = lines[index]
            let stripped = line.drop(while: { $0 == " " })
            if line.count - stripped.count == indent, stripped.hasPrefix("- ") || stripped == "-" {
                starts.append(index)
            } else if line.count - stripped.count < indent, !stripped.isEmpty, !stripped.hasPrefix("#") {
                break  // the list has ended
            }
        }
        for (n, start) in starts.enumerated() {
            let end = n + 1 < starts.count ? starts[n + 1] : lines.count
            let chunk = lines[start..<end].map { $0.count >= indent ? String($0.dropFirst(indent)) : $0 }.joined(separator: "\n")
            var itemReader = YAMLReader(file: file, lineOffset: start, columnOffset: indent)
            do throws(YAMLSyntaxError) {
                guard let node = try itemReader.compose(chunk), case .list(let sequence) = node, let item = sequence.first else { continue }
                if let question = readQuestion(item, defaults: defaults, fallbackID: nil, &itemReader) {
                    bank.questions.append(question)
                }
            } catch {
                itemReader.report(error)
            }
            reader.diagnostics += itemReader.diagnostics
        }
        if !reader.diagnostics.hasErrors {
            // The error lies outside every question (after the list, say): report it as YAML did.
            reader.report(error)
        }
        return Result(bank: bank, diagnostics: reader.diagnostics)
    }
}
