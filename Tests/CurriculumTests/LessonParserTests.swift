import Foundation
import Testing
import TestSupport
import TutorSupport
@testable import Curriculum

@Suite("Lesson parser")
struct LessonParserTests {
    let parser = LessonParser()

    func parse(_ text: String) -> LessonParser.Result {
        parser.parse(text: text, displayPath: "L.md")
    }

    static let good = """
    ---
    id: sample
    title: A sample
    summary: For tests.
    topics: [a, b]
    prerequisites: []
    minutes: 10
    objectives:
      - Learn a thing
    ---

    Introduction.

    ## First

    Text with {{fact timeout.max}}.

    ```try
    # a comment
    facts timeout
    calc memory --memory 1769
    ```

    ## Second

    ```handler python name=hello handler=app.main
    def main(event, context):
        return 1
    ```

    ```check
    type: single
    stem: Pick one
    choices:
      - text: A
        correct: true
      - text: B
    ```
    """

    @Test("A well-formed lesson: front matter, steps, special blocks, facts")
    func wellFormed() throws {
        let result = parse(Self.good)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let lesson = try #require(result.lesson)
        #expect(lesson.id == "sample")
        #expect(lesson.topics == ["a", "b"])
        #expect(lesson.minutes == 10)
        #expect(lesson.objectives == ["Learn a thing"])
        #expect(lesson.steps.map(\.title) == ["First", "Second"])
        #expect(lesson.steps[0].line == 14)
        #expect(lesson.steps[0].tries.map(\.command) == ["facts timeout", "calc memory --memory 1769"])
        #expect(lesson.steps[0].tries.map(\.line) == [20, 21])
        #expect(lesson.steps[1].handlers.first?.runtime == .python)
        #expect(lesson.steps[1].handlers.first?.attributes == ["name": "hello", "handler": "app.main"])
        #expect(lesson.steps[1].checks.count == 1)
        #expect(lesson.steps[1].checks.first?.line == 32)
        guard case .paragraph(let text, _)? = lesson.steps[0].blocks.first else {
            Issue.record("expected a paragraph")
            return
        }
        #expect(text == "Text with 900 s (15 min).")
        #expect(result.idLine == 2)
    }

    @Test("Missing front matter is a file error at line 1")
    func noFrontMatter() {
        let result = parse("## Step\ntext")
        #expect(result.lesson == nil)
        #expect(result.diagnostics.first?.description.hasPrefix("L.md:1:1: error:") == true)
    }

    @Test("Broken YAML points at the line inside the file")
    func brokenYAML() {
        let result = parse("---\nid: x\ntitle: [unclosed\nsummary: s\n---\n## S\nt")
        #expect(result.lesson == nil)
        #expect(result.diagnostics.errors.map(\.description) == ["L.md:3:8: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)"])
    }

    @Test("Wrong types, unknown keys and missing keys are each reported with a line")
    func frontMatterChecks() {
        let result = parse("---\nid: Bad_ID\ntitel: x\nsummary: [a]\nminutes: lots\n---\n## S\nt")
        let messages = result.diagnostics.map(\.description)
        #expect(messages.contains { $0.hasPrefix("L.md:2:5: error:") && $0.contains("lowercase") })
        #expect(messages.contains { $0.hasPrefix("L.md:3:1: warning: unknown key 'titel' in the front matter is ignored") && $0.contains("did you mean 'title'") })
        #expect(messages.contains { $0 == "L.md:4:10: error: summary must be text, not a list" })
        #expect(messages.contains { $0 == "L.md:5:10: error: minutes must be a whole number from 1 to 600" })
        #expect(messages.contains { $0.contains("missing the required key 'title'") })
        #expect(result.lesson == nil)
    }

    @Test("Unknown fenced block kinds are errors with a suggestion; the lesson still loads")
    func unknownBlock() {
        let result = parse("---\nid: a\ntitle: T\nsummary: S\n---\n## S\n\n```chek\nx\n```\n\n```handler ruby\nx\n```")
        #expect(result.lesson != nil)
        let messages = result.diagnostics.map(\.description)
        #expect(messages.contains { $0.hasPrefix("L.md:8:4: error: unknown fenced block kind 'chek'") && $0.contains("'check'") })
        #expect(messages.contains { $0.hasPrefix("L.md:12:4: error: a handler block names its language") })
    }

    @Test("Unknown fact keys are errors at their column, with a suggestion")
    func unknownFact() {
        let result = parse("---\nid: a\ntitle: T\nsummary: S\n---\n## S\nThe max is {{fact timeout.maxx}} seconds.")
        let error = result.diagnostics.errors.first
        #expect(error?.line == 7)
        #expect(error?.column == 12)
        #expect(error?.message.contains("did you mean 'timeout.max'") == true)
    }

    @Test("A lesson without steps is refused")
    func noSteps() {
        let result = parse("---\nid: a\ntitle: T\nsummary: S\n---\nJust an intro.")
        #expect(result.lesson == nil)
        #expect(result.diagnostics.errors.contains { $0.message.contains("at least one step") })
    }

    @Test("Empty try blocks and unclosed fences are reported")
    func emptyTryAndUnclosed() {
        let result = parse("---\nid: a\ntitle: T\nsummary: S\n---\n## S\n```try\n\n```\n\n```python\nprint(1)")
        let messages = result.diagnostics.map(\.description)
        #expect(messages.contains { $0.hasPrefix("L.md:7:1: error: this try block has no commands") })
        #expect(messages.contains { $0.hasPrefix("L.md:11:1: error: code block opened here is never closed") })
    }

    @Test("A check block that is not a YAML mapping is reported at its line")
    func badCheck() {
        let result = parse("---\nid: a\ntitle: T\nsummary: S\n---\n## S\n```check\n- just\n- a list\n```")
        #expect(result.diagnostics.errors.first?.line == 8)
    }

    @Test("Binary content and invalid UTF-8 are refused with a clear message")
    func binary() {
        let nul = parser.parse(data: Data("---\nid: a\n".utf8) + Data([0, 1, 2]), displayPath: "B.md")
        #expect(nul.lesson == nil)
        #expect(nul.diagnostics.first?.description == "B.md:3:1: error: this is not a text file (it contains NUL bytes); lesson files are UTF-8 Markdown")
        let latin1 = parser.parse(data: Data("---\nid: a\n".utf8) + Data([0xE9, 0x0A]), displayPath: "C.md")
        #expect(latin1.diagnostics.first?.description == "C.md:3:1: error: the file is not valid UTF-8 text; lesson files are UTF-8 Markdown")
    }

    @Test("An absurdly long line is reported and cut; the rest of the lesson loads")
    func longLine() {
        let long = String(repeating: "x", count: 20_000)
        let result = parse("---\nid: a\ntitle: T\nsummary: S\n---\n## S\n\(long)\n\n## T\nok")
        #expect(result.lesson?.steps.count == 2)
        #expect(result.diagnostics.errors.first?.line == 7)
        #expect(result.diagnostics.errors.first?.message.contains("20,000 characters") == true)
    }

    @Test("Files over the size limit are refused before they are read")
    func hugeFile() throws {
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent("huge.md")
        try Data(count: LessonParser.maxFileBytes + 1).write(to: url)
        let result = parser.parse(fileAt: url, displayPath: "huge.md")
        #expect(result.lesson == nil)
        #expect(result.diagnostics.first?.message.contains("limited to") == true)
    }

    @Test("A custom check validator sees each block with its file line")
    func customValidator() {
        let parser = LessonParser { block, file in
            [.warning(file, line: block.line, column: 1, "seen \(block.index)")]
        }
        let result = parser.parse(text: Self.good, displayPath: "L.md")
        #expect(result.diagnostics.map(\.description) == ["L.md:32:1: warning: seen 1"])
    }
}
