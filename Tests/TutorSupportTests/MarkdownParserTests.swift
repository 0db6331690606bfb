import Testing
@testable import TutorSupport

@Suite("Markdown parser")
struct MarkdownParserTests {
    @Test("Blocks carry their real file lines when parsing starts mid-file")
    func lineNumbers() {
        let blocks = MarkdownParser.parse("# Title\n\nPara one\ncontinues.\n\n## Step", firstLine: 10)
        #expect(blocks == [
            .heading(level: 1, text: "Title", line: 10),
            .paragraph(text: "Para one continues.", line: 12),
            .heading(level: 2, text: "Step", line: 15),
        ])
    }

    @Test("A lead-in label joins a first paragraph, but stands alone above a list so the list survives")
    func leadLabel() {
        #expect(MarkdownParser.parse("Because.", lead: "Why:") == [.paragraph(text: "**Why:** Because.", line: 1)])
        let blocks = MarkdownParser.parse("- Requests: 1\n- Duration: 2", lead: "Why:")
        #expect(blocks.first == .paragraph(text: "**Why:**", line: 1))
        guard case .list(false, _, let items, _)? = blocks.dropFirst().first else {
            Issue.record("expected a list after the label, got \(blocks)")
            return
        }
        #expect(items.count == 2)
    }

    @Test("Fenced blocks keep their info string and body; an unclosed fence is reported")
    func fences() {
        var parser = MarkdownParser()
        let blocks = parser.parse("```handler python name=x\ndef f():\n    pass\n```\n\n~~~\nraw\n~~~\n\n```try\nlessons")
        #expect(blocks.count == 3)
        #expect(blocks[0] == .code(info: "handler python name=x", body: "def f():\n    pass", line: 1))
        #expect(blocks[1] == .code(info: "", body: "raw", line: 6))
        #expect(parser.problems.count == 1)
        #expect(parser.problems.first?.line == 10)
    }

    @Test("Lists nest by indentation and numbered lists keep their start")
    func lists() {
        let blocks = MarkdownParser.parse("- a\n- b\n  - b1\n  - b2\n- c\n\n3. three\n4. four")
        guard case .list(false, _, let items, 1) = blocks[0] else {
            Issue.record("expected a bullet list, got \(blocks)")
            return
        }
        #expect(items.count == 3)
        guard case .list(false, _, let nested, _)? = items[1].last else {
            Issue.record("expected a nested list in item 2")
            return
        }
        #expect(nested.count == 2)
        guard case .list(true, 3, let numbered, 7) = blocks[1] else {
            Issue.record("expected a numbered list starting at 3")
            return
        }
        #expect(numbered.count == 2)
    }

    @Test("Pipe tables read alignment and pad short rows")
    func tables() {
        let blocks = MarkdownParser.parse("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 |\n| x \\| y | `p|q` | z |")
        #expect(blocks == [.table(header: ["a", "b", "c"], alignments: [.left, .center, .right],
                                  rows: [["1", "2", ""], ["x | y", "`p|q`", "z"]], line: 1)])
    }

    @Test("A bold label opens a callout; other quotes stay quotes")
    func callouts() {
        let blocks = MarkdownParser.parse("> **Exam tip:** know the limits.\n> Second line.\n\n> plain quote")
        #expect(blocks[0] == .callout(kind: .examTip, body: [.paragraph(text: "Know the limits. Second line.", line: 1)], line: 1))
        #expect(blocks[1] == .quote(blocks: [.paragraph(text: "plain quote", line: 4)], line: 4))
        let colonOutside = MarkdownParser.parse("> **Warning**: careful")
        #expect(colonOutside == [.callout(kind: .warning, body: [.paragraph(text: "Careful", line: 1)], line: 1)])
    }

    @Test("Rules, and list markers that are really rules")
    func rules() {
        #expect(MarkdownParser.parse("---") == [.rule(line: 1)])
        #expect(MarkdownParser.parse("- - -") == [.rule(line: 1)])
    }
}

@Suite("Inline Markdown")
struct InlineMarkdownTests {
    @Test func emphasisCodeLinks() {
        #expect(InlineMarkdown.parse("a **b** *c* `d` [e](http://x)") == [
            .text("a "), .bold([.text("b")]), .text(" "), .italic([.text("c")]), .text(" "), .code("d"), .text(" "),
            .link(text: [.text("e")], url: "http://x"),
        ])
    }

    @Test("Stray markers stay literal")
    func literals() {
        #expect(InlineMarkdown.plainText("5 * 3 * 2") == "5 * 3 * 2")
        #expect(InlineMarkdown.plainText("snake_case_name") == "snake_case_name")
        #expect(InlineMarkdown.plainText("**unclosed") == "**unclosed")
        #expect(InlineMarkdown.plainText("escaped \\*star\\*") == "escaped *star*")
    }

    @Test("Code spans protect their content")
    func codeProtects() {
        #expect(InlineMarkdown.parse("`**not bold**`") == [.code("**not bold**")])
        #expect(InlineMarkdown.plainText("``a ` b``") == "a ` b")
    }
}
