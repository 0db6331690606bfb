import Foundation
import LambdaModel
import TutorSupport

/// Reads a lesson file: front matter, steps, special fenced blocks, embedded facts.
///
/// Problems are collected as diagnostics with file and line. A lesson is returned whenever it
/// is usable (front matter with id, title and summary, at least one step); smaller problems
/// (an unknown block kind, an unknown fact key) are reported but do not cost the learner the
/// whole lesson.
package struct LessonParser: Sendable {
    /// Files larger than this are refused (a lesson is text a person reads in minutes).
    package static let maxFileBytes = 1_000_000
    /// Lines longer than this are reported and cut (usually a pasted blob or a binary file).
    package static let maxLineLength = 5_000

    /// Fenced block kinds that only display code.
    package static let displayLanguages: Set<String> = [
        "python", "py", "javascript", "js", "node", "typescript", "ts", "json", "yaml", "yml", "bash", "sh", "shell",
        "console", "text", "plain", "txt", "diff", "ini", "toml", "xml", "http", "csv", "hcl", "terraform",
        "dockerfile", "sql", "swift", "java", "go", "rust", "ruby", "csharp", "log", "markdown", "md",
    ]
    /// Fenced block kinds with meaning in a lesson.
    package static let specialKinds = ["try", "handler", "check", "predict"]

    /// Validates the YAML of a `check` block; the quiz engine supplies the real one.
    package typealias CheckValidator = @Sendable (_ block: CheckBlock, _ file: String) -> [Diagnostic]

    package var checkValidator: CheckValidator

    package init(checkValidator: @escaping CheckValidator = LessonParser.yamlMappingValidator) {
        self.checkValidator = checkValidator
    }

    package struct Result: Sendable {
        package var lesson: Lesson?
        package var diagnostics: [Diagnostic]
        /// Line of `id:` and of `prerequisites:` in the file, for catalog-level messages.
        package var idLine: Int
    }

    package func parse(fileAt url: URL, displayPath: String, origin: ContentOrigin = .bundled) -> Result {
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            if let size = attributes[.size] as? Int, size > Self.maxFileBytes {
                return Result(lesson: nil, diagnostics: [.error(displayPath, line: 1, column: 1,
                    "file is \(Number.grouped(Double(size))) bytes; lesson files are limited to \(Number.grouped(Double(Self.maxFileBytes))) bytes")], idLine: 1)
            }
            data = try Data(contentsOf: url)
        } catch {
            return Result(lesson: nil, diagnostics: [.error(displayPath, "cannot read the file: \(error.localizedDescription)")], idLine: 1)
        }
        return parse(data: data, displayPath: displayPath, origin: origin)
    }

    package func parse(data: Data, displayPath file: String, origin: ContentOrigin = .bundled) -> Result {
        let text: String
        switch ContentText.decode(data, file: file, kind: "lesson files are UTF-8 Markdown") {
        case .success(let decoded): text = decoded
        case .failure(let problem): return Result(lesson: nil, diagnostics: [problem], idLine: 1)
        }
        return parse(text: text, displayPath: file, origin: origin)
    }

    package func parse(text raw: String, displayPath file: String, origin: ContentOrigin = .bundled) -> Result {
        var diagnostics: [Diagnostic] = []
        var lines = raw.splitLines()
        if raw.hasPrefix("\u{FEFF}"), !lines.isEmpty { lines[0] = String(lines[0].dropFirst()) }
        for (index, line) in lines.enumerated() where line.count > Self.maxLineLength {
            diagnostics.append(.error(file, line: index + 1, column: Self.maxLineLength + 1,
                "line is \(Number.grouped(Double(line.count))) characters long (limit \(Number.grouped(Double(Self.maxLineLength)))); the rest of the line is ignored"))
            lines[index] = String(line.prefix(Self.maxLineLength))
        }

        // Front matter.
        if lines.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            diagnostics.append(.error(file, line: 1, column: 1, "the lesson file is empty; a lesson starts with front matter (a '---' line, id, title and summary, another '---') and has at least one '## ' step"))
            return Result(lesson: nil, diagnostics: diagnostics, idLine: 1)
        }
        guard lines.first?.trimmedSpaces == "---" else {
            diagnostics.append(.error(file, line: 1, column: 1, "a lesson file starts with front matter: a line '---', YAML keys (id, title, summary, …), and another '---'"))
            return Result(lesson: nil, diagnostics: diagnostics, idLine: 1)
        }
        guard let close = lines.indices.dropFirst().first(where: { ["---", "..."].contains(lines[$0].trimmedSpaces) }) else {
            diagnostics.append(.error(file, line: 1, column: 1, "front matter opened here is never closed with a '---' line"))
            return Result(lesson: nil, diagnostics: diagnostics, idLine: 1)
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let frontMatter = FrontMatter.parse(yaml, file: file, firstLine: 2, diagnostics: &diagnostics)

        // Body, with facts substituted line by line so errors keep their column.
        let bodyFirstLine = close + 2
        var bodyLines = Array(lines[(close + 1)...])
        var fence: String?
        for index in bodyLines.indices {
            let trimmed = bodyLines[index].trimmedSpaces
            let inCode = fence != nil
            if let open = fence {
                if trimmed.hasPrefix(open), trimmed.drop(while: { $0 == open.first }).trimmedSpaces.isEmpty { fence = nil }
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix { $0 == trimmed.first })
            }
            bodyLines[index] = Self.substituteFacts(in: bodyLines[index], file: file, line: bodyFirstLine + index,
                                                    inCode: inCode, diagnostics: &diagnostics)
        }
        var markdown = MarkdownParser()
        let blocks = markdown.parse(lines: bodyLines, firstLine: bodyFirstLine)
        for problem in markdown.problems {
            diagnostics.append(.error(file, line: problem.line, column: problem.column, problem.message))
        }

        // Split into introduction and steps at level-2 headings.
        var introduction: [MarkdownBlock] = []
        var stepParts: [(title: String, line: Int, blocks: [MarkdownBlock])] = []
        for block in blocks {
            if case .heading(2, let title, let line) = block {
                stepParts.append((title, line, []))
            } else if stepParts.isEmpty {
                if case .heading(1, _, let line) = block {
                    diagnostics.append(.warning(file, line: line, column: 1, "the lesson title comes from the front matter; use '## ' headings for steps"))
                }
                introduction.append(block)
            } else {
                stepParts[stepParts.count - 1].blocks.append(block)
            }
        }
        if stepParts.isEmpty {
            diagnostics.append(.error(file, line: bodyFirstLine, column: 1, "a lesson needs at least one step: a '## ' heading followed by its text"))
        }
        var steps: [LessonStep] = []
        for (offset, part) in stepParts.enumerated() {
            if part.title.isEmpty {
                diagnostics.append(.error(file, line: part.line, column: 1, "step \(offset + 1) has an empty heading"))
            }
            steps.append(makeStep(number: offset + 1, part: part, file: file, diagnostics: &diagnostics))
        }

        guard let frontMatter, let id = frontMatter.id, let title = frontMatter.title, let summary = frontMatter.summary, !steps.isEmpty else {
            return Result(lesson: nil, diagnostics: diagnostics, idLine: frontMatter?.idLine ?? 2)
        }
        let lesson = Lesson(id: id, title: title, summary: summary, topics: frontMatter.topics,
                            prerequisites: frontMatter.prerequisites, minutes: frontMatter.minutes,
                            objectives: frontMatter.objectives, related: frontMatter.related,
                            introduction: introduction, steps: steps, file: file, origin: origin)
        var placed = lesson
        placed.positions = frontMatter.positions
        return Result(lesson: placed, diagnostics: diagnostics, idLine: frontMatter.idLine)
    }

    // MARK: - Steps and special blocks

    private func makeStep(number: Int, part: (title: String, line: Int, blocks: [MarkdownBlock]), file: String,
                          diagnostics: inout [Diagnostic]) -> LessonStep {
        var tries: [TryCommand] = []
        var handlers: [HandlerBlock] = []
        var checks: [CheckBlock] = []
        var predictions: [Prediction] = []
        var predictLines: [Int] = []
        func visit(_ blocks: [MarkdownBlock]) {
            for block in blocks {
                switch block {
                case .code(let info, let body, let line):
                    classify(info: info, body: body, line: line)
                case .list(_, _, let items, _):
                    items.forEach(visit)
                case .quote(let inner, _), .callout(_, let inner, _):
                    visit(inner)
                default:
                    break
                }
            }
        }
        func classify(info: String, body: String, line: Int) {
            let words = info.split(separator: " ").map(String.init)
            let kind = words.first?.lowercased() ?? ""
            switch kind {
            case "try":
                var found = 0
                for (offset, raw) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    guard let command = TryCommand.parse(raw, line: line + 1 + offset) else { continue }
                    tries.append(command)
                    found += 1
                }
                if found == 0 {
                    diagnostics.append(.error(file, line: line, column: 1, "this try block has no commands (one REPL command per line)"))
                }
            case "handler":
                let language = words.dropFirst().first?.lowercased()
                let runtime: HandlerBlock.Runtime?
                switch language {
                case "python", "py": runtime = .python
                case "node", "nodejs", "javascript", "js": runtime = .node
                default: runtime = nil
                }
                guard let runtime else {
                    let found = language.map { "'\($0)'" } ?? "nothing"
                    diagnostics.append(.error(file, line: line, column: 4, "a handler block names its language: 'handler python' or 'handler node' (found \(found))"))
                    return
                }
                var attributes: [String: String] = [:]
                for word in words.dropFirst(2) {
                    let pair = word.split(separator: "=", maxSplits: 1).map(String.init)
                    if pair.count == 2, !pair[0].isEmpty {
                        attributes[pair[0]] = pair[1]
                    } else {
                        diagnostics.append(.error(file, line: line, column: 4, "handler block attribute '\(word)' should look like key=value (e.g. name=hello)"))
                    }
                }
                if body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    diagnostics.append(.error(file, line: line, column: 1, "this handler block is empty"))
                }
                handlers.append(HandlerBlock(runtime: runtime, code: body, attributes: attributes, line: line))
            case "check":
                let block = CheckBlock(source: body, line: line + 1, index: checks.count + 1)
                diagnostics.append(contentsOf: checkValidator(block, file))
                checks.append(block)
            case "predict":
                predictLines.append(line)
                if let prediction = Prediction.parse(body, line: line + 1, index: predictLines.count, tryNumber: tries.count + 1,
                                                     file: file, diagnostics: &diagnostics) {
                    predictions.append(prediction)
                }
            case "":
                break
            default:
                if !Self.displayLanguages.contains(kind) {
                    var message = "unknown fenced block kind '\(words.first ?? kind)'"
                    if let hint = Suggestions.didYouMean(kind, in: Self.specialKinds + Self.displayLanguages.sorted()) {
                        message += "; \(hint)"
                    } else {
                        message += " (lesson blocks are try, handler python|node, check and predict; others name a language such as python or json)"
                    }
                    diagnostics.append(.error(file, line: line, column: 4, message))
                }
            }
        }
        visit(part.blocks)
        for prediction in predictions {
            let fence = prediction.line - 1
            guard prediction.tryNumber <= tries.count else {
                diagnostics.append(.error(file, line: fence, column: 1, "a predict block is about the try command after it, and this step has none after it"))
                continue
            }
            let command = tries[prediction.tryNumber - 1]
            if command.command.split(separator: " ").first != "invoke" {
                diagnostics.append(.error(file, line: command.line, column: 1, "the command after a predict block must be an 'invoke' (the prediction is checked against its result), not '\(command.command)'"))
            }
            if predictions.contains(where: { $0.index < prediction.index && $0.tryNumber == prediction.tryNumber }) {
                diagnostics.append(.error(file, line: fence, column: 1, "two predict blocks are about the same try command"))
            }
        }
        var step = LessonStep(number: number, title: part.title, line: part.line, blocks: part.blocks,
                              tries: tries, handlers: handlers, checks: checks)
        step.predictions = predictions
        return step
    }

    // MARK: - Facts

    /// Replaces `{{fact KEY}}` with the fact's display value; unknown keys are reported and
    /// left visible as `{{fact KEY?}}`. Outside code blocks, a `{{word}}` that is not a fact
    /// placeholder is reported too (usually `{{timeout.max}}` without the `fact` keyword): the
    /// learner would see the braces. Code blocks may hold templates of their own (`{{name}}`).
    static func substituteFacts(in line: String, file: String, line lineNumber: Int, inCode: Bool = false,
                                diagnostics: inout [Diagnostic]) -> String {
        guard line.containsDoubleBrace else { return line }
        var out = ""
        var rest = Substring(line)
        var column = 1
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            column += rest.distance(from: rest.startIndex, to: open.lowerBound)
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                out += rest[open.lowerBound...]
                return out
            }
            let inner = rest[open.upperBound..<close.lowerBound].trimmedSpaces
            let original = String(rest[open.lowerBound..<close.upperBound])
            let parts = inner.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if parts.first == "fact" {
                if parts.count == 2, let fact = Facts.named(parts[1]) {
                    out += fact.display
                } else {
                    let key = parts.count > 1 ? parts[1] : ""
                    var message = key.isEmpty ? "{{fact}} needs a key, e.g. {{fact timeout.max}}" : "unknown fact key '\(key)'"
                    if !key.isEmpty, let hint = Suggestions.didYouMeanKey(key, in: Facts.keys) { message += "; \(hint)" }
                    diagnostics.append(.error(file, line: lineNumber, column: column, message))
                    out += "{{fact \(key)?}}"
                }
            } else {
                if !inCode, let problem = FactPlaceholder.problem(parts, factKeys: Facts.keys) {
                    diagnostics.append(.error(file, line: lineNumber, column: column, problem))
                }
                out += original
            }
            column += original.count
            rest = rest[close.upperBound...]
        }
        out += rest
        return out
    }

    /// The default `check` validation before a quiz engine is attached: the block must be a
    /// YAML mapping.
    package static let yamlMappingValidator: CheckValidator = { block, file in
        CheckBlockYAML.validateMapping(block, file: file)
    }
}
