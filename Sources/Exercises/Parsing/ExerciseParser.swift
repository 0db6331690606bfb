import ContentYAML
import Foundation
import LambdaModel
import MiniLambda
import TutorSupport

/// Reads one exercise folder: `exercise.yaml`, checked field by field with
/// `path:line:col` diagnostics, and the `starter/`, `solution/` and `support/` folders next to it.
///
/// An exercise with any error is not offered to learners (its tests could be incomplete); the
/// other exercises still load. Warnings (an unknown key, a case without `why`) do not block it.
package enum ExerciseParser {
    package static let fileName = "exercise.yaml"

    static let topKeys = ["id", "title", "lesson", "runtime", "handler", "timeout", "memory", "environment", "task", "hints", "cases"]

    package struct Result: Sendable {
        package var exercise: Exercise?
        package var diagnostics: [Diagnostic]
    }

    /// Parses `folder/exercise.yaml`; `file` is how diagnostics name it.
    package static func parse(folder: URL, file: String) -> Result {
        let url = folder.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return Result(exercise: nil, diagnostics: [.error(file, "cannot read the file")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return Result(exercise: nil, diagnostics: [.error(file, line: 1, column: 1, "the file is not UTF-8 text")])
        }
        var result = parse(yaml: text, file: file, folder: folder)
        if let exercise = result.exercise {
            result.diagnostics += ExerciseFiles.check(exercise)
        }
        if result.diagnostics.hasErrors { result.exercise = nil }
        return result
    }

    /// Parses the YAML text alone (no file checks); used by `parse(folder:file:)` and tests.
    package static func parse(yaml: String, file: String, folder: URL) -> Result {
        var reader = YAMLReader(file: file)
        let root: YAMLNode?
        do throws(YAMLSyntaxError) {
            root = try reader.compose(yaml)
        } catch {
            reader.report(error)
            return Result(exercise: nil, diagnostics: reader.diagnostics)
        }
        guard let root, let entries = reader.entries(root, "an exercise", allowed: topKeys) else {
            if root == nil { reader.error(nil, "the file is empty; an exercise needs id, title, lesson, runtime, task, hints and cases") }
            return Result(exercise: nil, diagnostics: reader.diagnostics)
        }
        var fields: [String: YAMLNode] = [:]
        var lines: [String: Int] = [:]
        for entry in entries {
            fields[entry.key] = entry.value
            lines[entry.key] = reader.location(entry.keyNode).line
        }
        for key in ["id", "title", "lesson", "runtime", "task", "hints", "cases"] where fields[key] == nil {
            reader.error(root, "the exercise has no `\(key):`")
        }
        let id = fields["id"].flatMap { readID($0, &reader) }
        let title = fields["title"].flatMap { reader.text($0, "title") }
        let lesson = fields["lesson"].flatMap { reader.text($0, "lesson") }
        let task = fields["task"].flatMap { reader.text($0, "task") }
        let runtime = fields["runtime"].flatMap { readRuntime($0, &reader) }
        var handler = runtime?.defaultHandler
        if let node = fields["handler"], let text = reader.text(node, "handler") {
            handler = text
            do {
                try FunctionConfiguration.validateHandler(text)
                if !text.contains(".") { reader.error(node, "handler must look like file.function (for example app.lambda_handler)") }
            } catch {
                reader.error(node, "handler: \(error.message)")
            }
        }
        let timeout = fields["timeout"].flatMap { reader.integer($0, "timeout", in: Limits.timeoutSeconds, unit: "s") } ?? Limits.defaultTimeoutSeconds
        let memory = fields["memory"].flatMap { reader.integer($0, "memory", in: Limits.memoryMB, unit: "MB") } ?? Limits.defaultMemoryMB
        let environment = fields["environment"].flatMap { readEnvironment($0, "environment", &reader) } ?? [:]
        let hints = fields["hints"].flatMap { readHints($0, &reader) } ?? []
        var cases: [TestCase] = []
        if let node = fields["cases"] {
            if case .list(let sequence) = node {
                if sequence.isEmpty { reader.error(node, "cases is empty; an exercise needs at least one test case") }
                for item in sequence {
                    if let parsed = CaseParser.readCase(item, &reader) { cases.append(parsed) }
                }
                var names: Set<String> = []
                for testCase in cases where !names.insert(testCase.name).inserted {
                    reader.diagnostics.append(.error(file, line: testCase.line, column: 1, "two cases are called '\(testCase.name)'"))
                }
            } else {
                reader.error(node, "cases must be a list (each case starts with '- name:')")
            }
        }
        guard let id, let title, let lesson, let task, let runtime, let handler, !reader.diagnostics.hasErrors else {
            return Result(exercise: nil, diagnostics: reader.diagnostics)
        }
        let exercise = Exercise(id: id, title: title, lesson: lesson, runtime: runtime, handler: handler, timeout: timeout, memory: memory,
                                environment: environment, task: task, hints: hints, cases: cases, folder: folder, file: file, lines: lines)
        return Result(exercise: exercise, diagnostics: reader.diagnostics)
    }

    /// Ids double as function names, so they follow the stricter of both rules.
    static func readID(_ node: YAMLNode, _ reader: inout YAMLReader) -> String? {
        guard let id = reader.text(node, "id") else { return nil }
        guard id.count <= 48, id.first?.isLetter == true,
              id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            reader.error(node, "id '\(id)' must be lowercase letters, digits and hyphens, start with a letter and be at most 48 characters")
            return nil
        }
        return id
    }

    static func readRuntime(_ node: YAMLNode, _ reader: inout YAMLReader) -> FunctionRuntime? {
        guard let text = reader.text(node, "runtime") else { return nil }
        do {
            return try FunctionRuntime.named(text)
        } catch {
            reader.error(node, "runtime: \(error.message)")
            return nil
        }
    }

    static func readEnvironment(_ node: YAMLNode, _ what: String, _ reader: inout YAMLReader) -> [String: String]? {
        readEnvironment(node, what, allowingRemoval: false, &reader)?.compactMapValues { $0 }
    }

    /// Variables and their values; with `allowingRemoval`, `null` means "not set" (a test
    /// case can take away one of the exercise's variables).
    static func readEnvironment(_ node: YAMLNode, _ what: String, allowingRemoval: Bool, _ reader: inout YAMLReader) -> [String: String?]? {
        guard let entries = reader.entries(node, what, allowed: nil) else { return nil }
        var environment: [String: String?] = [:]
        for entry in entries {
            guard entry.key.first.map({ $0.isLetter || $0 == "_" }) == true,
                  entry.key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                reader.error(entry.keyNode, "'\(entry.key)' is not a valid environment variable name (letters, digits and _, not starting with a digit)")
                continue
            }
            if case .scalar(let scalar) = entry.value {
                if scalar.isNull {
                    if allowingRemoval {
                        environment[entry.key] = .some(nil)
                    } else {
                        reader.error(entry.value, "give \(entry.key) a value (write \"\" for an empty one)")
                    }
                } else {
                    environment[entry.key] = scalar.string
                }
            } else {
                reader.error(entry.value, "the value of \(entry.key) must be text")
            }
        }
        return environment
    }

    static func readHints(_ node: YAMLNode, _ reader: inout YAMLReader) -> [String]? {
        guard case .list(let sequence) = node else {
            reader.error(node, "hints must be a list, from a nudge to nearly the answer")
            return nil
        }
        var hints: [String] = []
        for item in sequence {
            if let hint = reader.text(item, "each hint") { hints.append(hint) }
        }
        if hints.isEmpty { reader.error(node, "an exercise needs at least one hint") }
        return hints
    }
}
