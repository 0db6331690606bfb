import Foundation
import Testing
import TestSupport
@testable import TerminalUI

@Suite("Display width and wrapping")
struct WrappingTests {
    @Test func widths() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("\u{1B}[1mabc\u{1B}[22m") == 3)
        #expect(DisplayWidth.of("λ✓") == 2)
        #expect(DisplayWidth.of("日本") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
    }

    @Test("Wrapping breaks at spaces and never exceeds the width")
    func wrap() {
        let lines = TextWrapper.wrap("the quick brown fox jumps over the lazy dog", width: 10)
        #expect(lines == ["the quick", "brown fox", "jumps over", "the lazy", "dog"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 10 })
    }

    @Test("Long words are split; hard breaks are kept")
    func longWordsAndBreaks() {
        #expect(TextWrapper.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextWrapper.wrap("a\nb", width: 10) == ["a", "b"])
    }

    @Test("Leading spaces indent the first line once, whether or not it wraps")
    func leadingIndent() {
        #expect(TextWrapper.wrap("  one two", width: 20) == ["  one two"])
        #expect(TextWrapper.wrap("  one two three", width: 9) == ["  one two", "three"])
        #expect(TextWrapper.wrap("  " + Style.ansi.bold("one") + " two three", width: 9).first?.hasPrefix("  \u{1B}[1m") == true)
    }

    @Test("Styles reopen on continuation lines so colour does not bleed or vanish")
    func stylesAcrossLines() {
        let style = Style.ansi
        let lines = TextWrapper.wrap(style.bold("one two three"), width: 7)
        #expect(lines.count == 2)
        #expect(lines[0].hasSuffix("\u{1B}[0m"))
        #expect(lines[1].hasPrefix("\u{1B}[1m"))
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 7 })
    }
}

@Suite("Colour rules")
struct ColourTests {
    @Test("NO_COLOR wins, then LAMBDA_TUTOR_COLOR, then TERM=dumb, then whether output is a terminal")
    func rules() {
        #expect(!TerminalInfo.colorAllowed(environment: ["NO_COLOR": "1"], outputIsTerminal: true))
        #expect(TerminalInfo.colorAllowed(environment: ["NO_COLOR": ""], outputIsTerminal: true))
        #expect(!TerminalInfo.colorAllowed(environment: ["NO_COLOR": "1", "LAMBDA_TUTOR_COLOR": "always"], outputIsTerminal: true))
        #expect(TerminalInfo.colorAllowed(environment: ["LAMBDA_TUTOR_COLOR": "always"], outputIsTerminal: false))
        #expect(!TerminalInfo.colorAllowed(environment: ["TERM": "dumb"], outputIsTerminal: true))
        #expect(!TerminalInfo.colorAllowed(environment: [:], outputIsTerminal: false))
    }

    @Test("A disabled style adds no escape codes")
    func plainStyle() {
        let style = Style.plain
        #expect(style.bold("x") == "x")
        #expect(style.heading("x") == "x")
    }
}

@Suite("Tables")
struct TextTableTests {
    @Test("Columns align; the widest column wraps when the table is too wide")
    func layout() {
        var table = TextTable(columns: [.init("id"), .init("title"), .init("n", alignment: .right)])
        table.add(["a", "short", "1"])
        table.add(["bb", "a much longer title that will need wrapping", "22"])
        let text = table.render(width: 30, style: .plain)
        let lines = text.components(separatedBy: "\n")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 30 })
        #expect(lines[0].hasPrefix("id  title"))
        #expect(lines.count > 4, "the long title wraps onto more lines")
    }
}

@Suite("Markdown renderer (golden files)")
struct MarkdownRendererGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let sample = """
    # Concurrency

    Lambda runs **one request per environment** at a time, so *concurrency* is the number of \
    environments busy at once. See [the guide](https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html).

    ## The formula

    1. Take the average requests per second.
    2. Multiply by the average duration in seconds:
       - 200 req/s × 0.3 s = `60`
       - 5,000 req/s × 0.2 s = `1,000`
    3. Compare with the account limit.

    | Setting | Default | Notes |
    |---|--:|---|
    | Account concurrency | 1,000 | per Region, a soft limit |
    | Scaling | 1,000 / 10 s | per function |

    ```python
    def lambda_handler(event, context):
        return {"concurrency": event["rps"] * event["seconds"]}
    ```

    > **Exam tip:** reserved concurrency both guarantees and caps a function's share; it adds no capacity.

    > An ordinary quote
    > over two lines.

    ---

    Done.
    """

    @Test("Plain text at 60 columns")
    func plain60() throws {
        let text = MarkdownRenderer(style: .plain, width: 60).render(markdown: Self.sample)
        try GoldenFile.check(text, name: "sample-plain-60.txt", folder: Self.golden)
    }

    @Test("With colours at 60 columns")
    func ansi60() throws {
        let text = MarkdownRenderer(style: .ansi, width: 60).render(markdown: Self.sample)
        try GoldenFile.check(text, name: "sample-ansi-60.txt", folder: Self.golden)
    }

    @Test("Narrow terminal: 32 columns, nothing runs past the edge")
    func narrow() throws {
        let text = MarkdownRenderer(style: .plain, width: 32).render(markdown: Self.sample)
        try GoldenFile.check(text, name: "sample-plain-32.txt", folder: Self.golden)
        for line in text.components(separatedBy: "\n") {
            #expect(DisplayWidth.of(line) <= 32, "\(line)")
        }
    }
}

@Suite("Wrapping keeps words whole")
struct WholeWordWrappingTests {
    @Test("No word or number is ever cut, at any width from 24 to 100")
    func wholeWords() {
        let text = "REPORT RequestId: 6f1c0a52-b1c4 Duration: 2.19 ms Billed Duration: 49 ms Memory Size: 128 MB — the excess gets 429 TooManyRequestsException at $0.0000003583 per request"
        let words = text.split(separator: " ").map(String.init)
        for width in 24...100 {
            let lines = TextWrapper.wrap(text, width: width)
            for line in lines { #expect(DisplayWidth.of(line) <= width, "\(width): \(line)") }
            let pieces = Set(lines.flatMap { $0.split(separator: " ").map(String.init) })
            for word in words { #expect(pieces.contains(word), "'\(word)' cut at width \(width): \(lines)") }
            guard width >= 28 else { continue }  // the longest word plus the indent
            let hanging = TextWrapper.wrap(text, width: width, hangingIndent: 4)
            for line in hanging.dropFirst() { #expect(line.hasPrefix("    ") && DisplayWidth.of(line) <= width, "\(width): \(line)") }
            #expect(Set(hanging.flatMap { $0.split(separator: " ").map(String.init) }) == pieces)
        }
    }

    @Test("A path wider than the line is cut after a slash, and joins back whole")
    func longPath() {
        let path = "/var/tmp/lambda-tutor-envs-1000/functions/greeter/backups/2026-12-01T205831/app.py"
        let lines = TextWrapper.wrap("kept in " + path, width: 30)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 30 })
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("/") || $0.hasSuffix("-") || $0 == "kept in" }, "\(lines)")
        #expect(lines.dropFirst().joined() == path)
    }

    @Test("Items separated by · break only between items")
    func items() {
        let items = ["200 OK", "cold start", "Init 73.34 ms", "Duration 2.19 ms", "Billed 76 ms", "128 MB", "Max 12 MB", "$0.0000003583"]
        let lines = TextWrapper.wrap(items: items, separator: " · ", width: 40, indent: "    ")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 40 }, "\(lines)")
        let joined = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        for item in items { #expect(joined.contains(item)) }
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("    ") })
    }

    @Test("A line the items fill exactly ends without its separator, which would not fit")
    func itemsFillingTheLine() {
        // "  200 OK · Billed 93 ms · 128 MB" is 32 columns: " ·" after it would make 34.
        let items = ["  200 OK", "Billed 93 ms", "128 MB", "Max 17 MB"]
        let lines = TextWrapper.wrap(items: items, separator: " · ", width: 32, indent: "    ")
        #expect(lines == ["  200 OK · Billed 93 ms · 128 MB", "    Max 17 MB"], "\(lines)")
        let roomy = TextWrapper.wrap(items: items, separator: " · ", width: 34, indent: "    ")
        #expect(roomy == ["  200 OK · Billed 93 ms · 128 MB ·", "    Max 17 MB"], "\(roomy)")
    }
}

@Suite("Tables too narrow for their words")
struct NarrowTableTests {
    @Test("When whole words cannot sit side by side, rows become title: value lines instead of cut words")
    func records() {
        var table = TextTable(columns: [.init("key"), .init("value"), .init("what")])
        table.add(["concurrency.account_default", "1,000", "TooManyRequestsException when exceeded"])
        table.add(["timeout.max", "900 s (15 min)", "Longest function timeout"])
        let text = table.render(width: 30, style: .plain)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 30 }, "\(lines)")
        #expect(text.contains("concurrency.account_default"))
        #expect(text.contains("TooManyRequestsException"))
        #expect(text.contains("  value: 900 s (15 min)"), "\(text)")
        // Wide enough: a table as before.
        #expect(table.render(width: 120, style: .plain).split(separator: "\n").first?.hasPrefix("key") == true)
    }
}

@Suite("Pager keeps boxes whole")
struct PagerBoxTests {
    static func box(_ rows: Int, colour: Bool = false) -> [String] {
        let edge = colour ? "\u{1B}[34m" : ""
        let reset = colour ? "\u{1B}[0m" : ""
        return ["\(edge)╭─ Exam tip ─╮\(reset)"] + (0..<rows).map { "\(edge)│\(reset) line \($0) \(edge)│\(reset)" } + ["\(edge)╰────────────╯\(reset)"]
    }

    @Test("A box that would straddle a page starts the next page; one that fits, or is taller than a page, stays")
    func straddling() {
        let before = (1...20).map { "text \($0)" }
        let text = (before + Self.box(4, colour: true) + ["after"]).joined(separator: "\n")
        let lines = Pager.keepingBoxesWhole(text, pageHeight: 23).components(separatedBy: "\n")
        #expect(lines.count == 20 + 3 + 6 + 1, "three blank lines push the box to line 24")
        #expect(lines[20...22].allSatisfy { $0.isEmpty })
        #expect(lines[23].contains("╭─ Exam tip"))
        #expect(lines[28].contains("╰"))
        // Already inside one page: unchanged.
        let fits = ((1...5).map { "text \($0)" } + Self.box(4) + (1...30).map { "more \($0)" }).joined(separator: "\n")
        #expect(Pager.keepingBoxesWhole(fits, pageHeight: 23) == fits)
        // Taller than a page: nothing to gain, unchanged.
        let tall = ((1...20).map { "text \($0)" } + Self.box(30)).joined(separator: "\n")
        #expect(Pager.keepingBoxesWhole(tall, pageHeight: 23) == tall)
    }
}
