import Foundation
import Testing
import TutorSupport
@testable import Quiz

/// Files as Moodle writes them (HTML text, unnamed questions), imported, exported and imported
/// again: the questions come back the same.
@Suite("Moodle round trips")
struct MoodleRoundTripTests {
    /// A Moodle 4 GIFT export: the editor's HTML, entities, unnamed questions.
    static let moodleExport = #"""
    // question: 1041  name: Async retries
    $CATEGORY: $course$/top/Lambda/Concurrency

    ::Async retries::[html]<p>How many times does Lambda <strong>retry</strong> an asynchronous invocation that fails&nbsp;&mdash; by default?</p>{
    	~<p>0</p>#<p>Asynchronous invocations <em>are</em> retried.</p>
    	=<p>2</p>#<p>Right: 3 attempts in all.</p>
    	~<p>5</p>
    }

    [html]<p>Which of these is a valid handler for <code>app.py</code>?</p><ul><li>one file</li><li>one function</li></ul>{
    	=app.lambda_handler
    	~lambda_handler.app
    }

    [html]<p>See <a href="https://docs.aws.amazon.com/lambda/">the guide</a> &amp; answer: the default timeout is 3&#8239;s.</p>{T}
    """#

    @Test("[html] becomes Markdown: paragraphs, emphasis, code, lists, links and entities")
    func html() throws {
        let result = GIFTParser.parse(Self.moodleExport, file: "moodle.gift")
        #expect(result.diagnostics.errors.isEmpty, "\(result.diagnostics)")
        #expect(result.questions.count == 3)
        let retries = try #require(result.questions.first)
        #expect(retries.stem == "How many times does Lambda **retry** an asynchronous invocation that fails — by default?")
        #expect(retries.body == .single([Choice("0", feedback: "Asynchronous invocations *are* retried."),
                                         Choice("2", correct: true, feedback: "Right: 3 attempts in all."), Choice("5")]))
        #expect(result.questions[1].stem == "Which of these is a valid handler for `app.py`?\n\n- one file\n- one function")
        #expect(result.questions[2].stem == "See [the guide](https://docs.aws.amazon.com/lambda/) & answer: the default timeout is 3\u{202F}s.")
        #expect(!result.questions.contains { $0.texts.contains { $0.text.contains("<") } }, "no raw tags reach the learner")
    }

    @Test("Moodle names and full category paths are kept, through the YAML bank, and written back")
    func namesAndCategories() throws {
        let first = GIFTParser.parse(Self.moodleExport, file: "moodle.gift")
        #expect(first.questions.map(\.moodle?.category) == Array(repeating: "$course$/top/Lambda/Concurrency", count: 3))
        #expect(first.questions.map(\.moodle?.name) == ["Async retries", nil, nil])
        let yaml = BankWriter.write(first.questions, bank: "moodle")
        let bank = BankParser.parse(yaml: yaml, file: "moodle.yaml")
        #expect(bank.diagnostics.isEmpty, "\(bank.diagnostics)")
        #expect(bank.bank.questions.map(\.moodle) == first.questions.map(\.moodle))
        let exported = GIFTWriter.write(bank.bank.questions)
        #expect(exported.text.contains("$CATEGORY: $course$/top/Lambda/Concurrency\n"))
        #expect(exported.text.contains("::Async retries::"))
    }

    @Test("Import → export → import gives the same questions")
    func roundTrip() throws {
        let first = GIFTParser.parse(Self.moodleExport, file: "moodle.gift")
        let exported = GIFTWriter.write(first.questions)
        let second = GIFTParser.parse(exported.text, file: "again.gift")
        #expect(second.diagnostics.errors.isEmpty, "\(second.diagnostics)")
        #expect(comparable(second.questions) == comparable(first.questions))
    }

    @Test("Unnamed questions keep their ids when another question is fixed or inserted")
    func stableIDs() throws {
        let before = GIFTParser.parse(Self.moodleExport, file: "moodle.gift").questions.map(\.id)
        let edited = Self.moodleExport
            .replacingOccurrences(of: "retry</strong>", with: "retry</strong> (fixed)")
            .replacingOccurrences(of: "[html]<p>Which of these", with: "What is the maximum timeout? {#900}\n\n[html]<p>Which of these")
        let after = GIFTParser.parse(edited, file: "moodle.gift").questions.map(\.id)
        #expect(after.count == 4)
        #expect(after[0] == before[0], "a named question keeps its name")
        #expect(Array(after[2...]) == Array(before[1...]), "unnamed questions keep theirs: \(before) → \(after)")
    }

    @Test("Entities and tags outside the editor's subset")
    func entities() {
        #expect(HTMLText.markdown("a &lt;b&gt; &#x2014; &#8217; &unknown; c") == "a <b> — ’ &unknown; c")
        #expect(HTMLText.markdown("<ol><li>one</li><li>two</li></ol><p>after</p>") == "1. one\n2. two\n\nafter")
        #expect(HTMLText.markdown("<pre>let x = 1\n  y</pre>") == "```\nlet x = 1\n  y\n```")
        #expect(HTMLText.markdown("<span style=\"x\">kept</span><br>line") == "kept\nline")
    }

    @Test("Aiken export writes multi-line stems that import back; it says what Aiken cannot hold")
    func aikenMultiLine() throws {
        let question = Question(id: "q", domain: "development",
                                stem: "A function runs for 4 s.\n\nIt is invoked 10 times a second.\nA) looks like an option\nHow many environments?",
                                body: .single([Choice("4"), Choice("40", correct: true, feedback: "4 s × 10/s.")]),
                                explanation: "Concurrency is rate × duration.")
        let exported = AikenFormat.write([question])
        #expect(exported.text.hasPrefix("A function runs for 4 s.\nIt is invoked 10 times a second. A) looks like an option\nHow many environments?\nA) 4\n"))
        #expect(exported.notes.contains { $0.contains("blank lines") })
        #expect(exported.notes.contains { $0.contains("reads like an option") })
        #expect(exported.notes.contains { $0.contains("feedback") })
        #expect(exported.notes.contains { $0.contains("explanations") })
        let back = AikenFormat.parse(exported.text, file: "q.txt")
        #expect(back.diagnostics.isEmpty, "\(back.diagnostics)")
        #expect(back.questions.first?.stem == "A function runs for 4 s.\nIt is invoked 10 times a second. A) looks like an option\nHow many environments?")
    }

    @Test("Partly right short and numeric answers and feedback on right answers survive import, the bank and export")
    func partlyRight() throws {
        let gift = """
        ::Principal:: Which principal invokes a function for S3? {=lambda.amazonaws.com#Right: the service principal. =%50%lambda#Nearly: the full name. =s3.amazonaws.com}

        ::Timeout:: Maximum timeout in seconds? {#
        =900#Right: 15 minutes.
        =%50%899:1#Close.
        =%0%300#That is an old limit.
        }
        """
        let first = GIFTParser.parse(gift, file: "p.gift")
        #expect(first.diagnostics.isEmpty, "\(first.diagnostics)")
        #expect(first.questions[0].body == .shortText(["lambda.amazonaws.com", "s3.amazonaws.com"]))
        #expect(first.questions[0].moodle?.answers == [.init(text: "lambda.amazonaws.com", weight: 100, feedback: "Right: the service principal."),
                                                       .init(text: "lambda", weight: 50, feedback: "Nearly: the full name.")])
        #expect(first.questions[1].moodle?.answers == [.init(text: "900", weight: 100, feedback: "Right: 15 minutes."),
                                                       .init(text: "899:1", weight: 50, feedback: "Close.")])
        let bank = BankParser.parse(yaml: BankWriter.write(first.questions, bank: "p"), file: "p.yaml")
        #expect(bank.diagnostics.isEmpty, "\(bank.diagnostics)")
        let exported = GIFTWriter.write(bank.bank.questions)
        #expect(exported.text.contains("=%50%lambda #Nearly\\: the full name."), "\(exported.text)")
        #expect(exported.text.contains("=900 #Right\\: 15 minutes."), "\(exported.text)")
        let again = GIFTParser.parse(exported.text, file: "again.gift")
        #expect(again.diagnostics.isEmpty, "\(again.diagnostics)")
        #expect(comparable(again.questions) == comparable(first.questions))
    }
}
