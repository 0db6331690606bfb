import Foundation
import Testing
import TutorSupport
@testable import Quiz

/// Questions without their source positions, with facts filled in: what survives a round trip.
func comparable(_ questions: [Question]) -> [Question] {
    questions.map { question in
        var copy = question
        copy.source = SourceSpan(file: "")
        copy.stem = TextTemplate.renderFacts(copy.stem)
        copy.explanation = copy.explanation.map(TextTemplate.renderFacts)
        copy.hint = copy.hint.map(TextTemplate.renderFacts)
        func render(_ choices: [Choice]) -> [Choice] {
            choices.map { Choice(TextTemplate.renderFacts($0.text), correct: $0.correct, feedback: $0.feedback.map(TextTemplate.renderFacts)) }
        }
        switch copy.body {
        case .single(let choices): copy.body = .single(render(choices))
        case .multiple(let choices): copy.body = .multiple(render(choices))
        case .numeric(var key):
            key.mistakes = key.mistakes.map { NumericMistake(value: $0.value, feedback: TextTemplate.renderFacts($0.feedback)) }
            copy.body = .numeric(key)
        default: break
        }
        return copy
    }
}

@Suite("GIFT")
struct GIFTTests {
    @Test("Every Moodle answer form, with feedback, weights, names and general feedback")
    func forms() throws {
        let gift = #"""
        // A comment line.
        $CATEGORY: $course$/top/security

        ::Retries::[markdown]How many times is a failed async invoke retried by default? {
          ~0 #Sync invokes have no built-in retry.
          =2 #Right, 3 attempts in total.
          ~5
        ####Configurable from 0 to 2.}

        ::Timeout:: Longest timeout in seconds? {#900}

        ::Range:: A number between 5 and 7 {#5..7}

        ::Tol:: Ten, give or take one {#10:1}

        ::TF:: Provisioned concurrency needs a version or alias. {TRUE#No: never $LATEST.#Yes.}

        ::Match:: Match the source with its invocation. {
          =S3 -> asynchronous
          =API Gateway -> synchronous
          =SQS -> polling
          = -> streaming
        }

        ::Short:: The role's trusted principal? {=lambda.amazonaws.com =lambda}

        ::Multi:: Which two are asynchronous? {
          ~%50%S3 #yes
          ~%50%SNS #yes
          ~%-100%ALB #no
        }

        Lambda charges for requests and {=duration ~memory ~storage} in GB-seconds.
        """#
        let result = GIFTParser.parse(gift, file: "in.gift")
        let errors = result.diagnostics.errors
        #expect(errors.isEmpty, "\(errors)")
        let byID = Dictionary(uniqueKeysWithValues: result.questions.map { ($0.id, $0) })
        let missingWord = Slug.derived(prefix: "gift", text: "Lambda charges for requests and _____ in GB-seconds.")
        #expect(missingWord.hasPrefix("gift-lambda-charges-for-requests-and-"))
        #expect(result.questions.map(\.id) == ["retries", "timeout", "range", "tol", "tf", "match", "short", "multi", missingWord])
        let retries = try #require(byID["retries"])
        #expect(retries.domain == "security", "category names a domain")
        #expect(retries.explanation == "Configurable from 0 to 2.")
        #expect(retries.body == .single([Choice("0", feedback: "Sync invokes have no built-in retry."),
                                         Choice("2", correct: true, feedback: "Right, 3 attempts in total."), Choice("5")]))
        #expect(byID["timeout"]?.body == .numeric(NumericKey(value: 900, tolerance: .absolute(0))))
        #expect(byID["range"]?.body == .numeric(NumericKey(value: 6, tolerance: .absolute(1))))
        #expect(byID["tol"]?.body == .numeric(NumericKey(value: 10, tolerance: .absolute(1))))
        #expect(byID["tf"]?.body == .trueFalse(TrueFalse(answer: true, trueFeedback: "Yes.", falseFeedback: "No: never $LATEST.")))
        #expect(byID["match"]?.body == .matching(Matching(pairs: [.init("S3", "asynchronous"), .init("API Gateway", "synchronous"),
                                                                  .init("SQS", "polling")], distractors: ["streaming"])))
        #expect(byID["short"]?.body == .shortText(["lambda.amazonaws.com", "lambda"]))
        #expect(byID["multi"]?.type == .multiple)
        #expect(byID[missingWord]?.stem == "Lambda charges for requests and _____ in GB-seconds.", "missing-word format")
    }

    @Test("Escapes: \\~ \\= \\# \\{ \\} \\: \\\\ and \\n")
    func escapes() throws {
        let gift = ##"""
        ::Escapes\: all of them:: Which is the JSON \{"a"\: 1\} with \~ and \= and \#? {
          =C\:\\tmp\\file \#1 #right \= fine
          ~a\nb
        }
        """##
        let result = GIFTParser.parse(gift, file: "e.gift")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let question = try #require(result.questions.first)
        #expect(question.id == "escapes-all-of-them")
        #expect(question.stem == #"Which is the JSON {"a": 1} with ~ and = and #?"#)
        #expect(question.body == .single([Choice(#"C:\tmp\file #1"#, correct: true, feedback: "right = fine"), Choice("a\nb")]))
        // And back: the writer escapes what the parser unescapes.
        let written = GIFTWriter.write(result.questions)
        let again = GIFTParser.parse(written.text, file: "again.gift")
        #expect(again.questions.first?.stem == question.stem)
        #expect(again.questions.first?.body == question.body)
    }

    @Test("Unbalanced braces and other mistakes are errors with line and column; the rest loads")
    func errors() {
        let gift = """
        ::Open:: Never closed {
          =yes
          ~no

        ::Close:: Stray } here {=a ~b}

        ::Fine:: Still loads {T}

        ::Two:: Two blocks {=a ~b} and {=c ~d}

        ::None:: No right answer {~a ~b}

        ::Essay:: Write about it {}

        Just a description.
        """
        let result = GIFTParser.parse(gift, file: "bad.gift")
        #expect(result.questions.map(\.id) == ["fine"])
        let text = result.diagnostics.map(\.description)
        #expect(text.contains("bad.gift:1:23: error: unbalanced braces: '{' is never closed (a blank line ends the question; write \\{ for a literal brace)"))
        #expect(text.contains("bad.gift:5:17: error: unbalanced braces: '}' with no '{' before it (write \\} for a literal brace)"))
        #expect(text.contains("bad.gift:9:32: error: only one answer block per question (write \\{ and \\} for literal braces)"))
        #expect(text.contains("bad.gift:11:1: error: 'None': no right answer (mark it with '=' or a positive %weight%)") ||
                text.contains { $0.hasPrefix("bad.gift:11:") && $0.contains("no right answer") })
        #expect(text.contains("bad.gift:13:1: warning: 'Essay' is an essay question ({}), which cannot be graded here; skipped"))
        #expect(text.contains("bad.gift:15:1: warning: the question on line 15 has no answer block in braces (a description, not a question); skipped"))
    }

    @Test("Partial credit and penalties are kept per choice; one fully right answer keeps it single-answer")
    func partialCredit() throws {
        let result = GIFTParser.parse("::P:: Pick {=a ~%50%b ~%-25%c ~d}", file: "p.gift")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.questions.first?.body == .single([Choice("a", correct: true), Choice("b", weight: 50), Choice("c", weight: -25), Choice("d")]))
        let multi = GIFTParser.parse("::M:: Pick two {~%60%a ~%40%b ~%-50%c}", file: "m.gift")
        #expect(multi.questions.first?.body == .multiple([Choice("a", correct: true, weight: 60), Choice("b", correct: true, weight: 40), Choice("c", weight: -50)]))
        let again = GIFTParser.parse(GIFTWriter.write(result.questions + multi.questions).text, file: "again.gift")
        #expect(again.questions.map(\.body) == (result.questions + multi.questions).map(\.body), "weights survive export and import")
        let yaml = BankParser.parse(yaml: BankWriter.write(again.questions, bank: "w"), file: "w.yaml")
        #expect(yaml.bank.questions.map(\.body) == again.questions.map(\.body), "and the YAML bank")

        // Grading: the score stays all-or-nothing; the credit Moodle would give is said.
        let presented = try #require(try result.questions.first?.present(seed: 1))
        let b = try #require(presented.options.firstIndex { $0.text == "b" })
        let grade = Grader.grade(.choices([b]), for: presented)
        #expect(!grade.correct)
        #expect(grade.credit == 0.5)
        #expect(grade.remarks.contains { $0.contains("Moodle would give this answer 50 %") })
        let c = try #require(presented.options.firstIndex { $0.text == "c" })
        #expect(Grader.grade(.choices([c]), for: presented).credit == 0, "a penalty never goes below nothing")
    }

    @Test("Every type round-trips through GIFT, metadata included")
    func roundTrip() throws {
        let questions = Fixtures.library().questions.filter { $0.type != .generated }
        let exported = GIFTWriter.write(questions)
        #expect(exported.exported == questions.count)
        let imported = GIFTParser.parse(exported.text, file: "round.gift")
        #expect(imported.diagnostics.isEmpty, "\(imported.diagnostics)\n\(exported.text)")
        #expect(comparable(imported.questions) == comparable(questions), "\(exported.text)")
        let withFacts = questions.filter { $0.texts.contains { !TextTemplate.factKeys(in: $0.text).isEmpty } }
        #expect(!withFacts.isEmpty)
        for question in withFacts {
            let back = imported.questions.first { $0.id == question.id }
            #expect(back?.texts.map(\.text) == question.texts.map(\.text), "{{fact}} text survives the round trip: \(question.id)")
        }
        #expect(exported.notes.contains { $0.hasPrefix("ordering is written as matching") })
        #expect(exported.notes.contains { $0.hasPrefix("{{fact}} placeholders were replaced") })
    }

    @Test("Facts in the feedback of a numeric mistake are filled in on export")
    func mistakeFactsExport() throws {
        let yaml = Fixtures.numericMistakeWithFact
        let questions = BankParser.parse(yaml: yaml, file: "Quizzes/mistake.yaml").bank.questions
        let exported = GIFTWriter.write(questions)
        #expect(exported.text.contains("=%0%300#300 s (5 min) is the longest backoff between async retries."), "\(exported.text)")
        let gift = exported.text.split(separator: "\n").filter { !$0.hasPrefix(InterchangeMetadata.prefix) }.joined(separator: "\n")
        #expect(!gift.contains("fact async"), "Moodle sees the number: \(exported.text)")
    }

    @Test("Generated questions export as one fixed variant, and say so")
    func generatedExport() throws {
        let question = Fixtures.question("gen-concurrency")
        let exported = GIFTWriter.write([question], seed: 3)
        #expect(exported.notes.contains { $0.contains("one fixed variant (seed 3)") })
        let presented = try question.present(seed: 3)
        #expect(exported.text.contains(GIFTWriter.escape(presented.stem)), "Moodle gets the variant")
        let imported = GIFTParser.parse(exported.text, file: "g.gift")
        #expect(imported.diagnostics.isEmpty, "\(imported.diagnostics)")
        var back = try #require(imported.questions.first)
        back.source = question.source
        #expect(back == question, "the generator survives the round trip in the lambda-tutor comment")
    }

    @Test("Fact text edited in Moodle keeps the edit, and says the placeholders were not restored")
    func editedFacts() throws {
        let questions = Fixtures.library().questions.filter { q in q.type == .single && q.texts.contains { !TextTemplate.factKeys(in: $0.text).isEmpty } }
        let question = try #require(questions.first)
        let exported = GIFTWriter.write([question])
        let rendered = GIFTWriter.escape(TextTemplate.renderFacts(question.stem))
        let edited = exported.text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix(InterchangeMetadata.prefix) ? String(line) : line.replacingOccurrences(of: rendered, with: rendered + " (edited)")
        }.joined(separator: "\n")
        #expect(edited != exported.text)
        let imported = GIFTParser.parse(edited, file: "e.gift")
        #expect(imported.questions.first?.stem.hasSuffix("(edited)") == true)
        #expect(imported.diagnostics.contains { $0.message.contains("not restored") }, "\(imported.diagnostics)")
    }
}

@Suite("Aiken")
struct AikenTests {
    @Test("Options with '.' or ')', several questions, ids from the file name")
    func parse() throws {
        let aiken = """
        Which invocation type queues the event and returns at once?
        A) RequestResponse
        B) Event
        C) DryRun
        ANSWER: B

        What does a function URL's AuthType allow?
        A. AWS_IAM or NONE
        B. API keys only
        ANSWER: A
        """
        let result = AikenFormat.parse(aiken, file: "Imports/Week 1.txt")
        #expect(result.diagnostics.isEmpty)
        #expect(result.questions.map(\.id).allSatisfy { $0.hasPrefix("week-1-") })
        #expect(result.questions[0].id.hasPrefix("week-1-which-invocation-type-queues-the-"))

        // Another question inserted before, and the second one's typo fixed: the first keeps its id.
        let edited = "What is the default timeout?\nA) 3 s\nB) 900 s\nANSWER: A\n\n" + aiken.replacingOccurrences(of: "AuthType allow", with: "AuthType allows")
        let again = AikenFormat.parse(edited, file: "Imports/Week 1.txt")
        #expect(again.questions.count == 3)
        #expect(again.questions[1].id == result.questions[0].id, "ids follow the question's own text, not its position")
        #expect(result.questions[0].body == .single([Choice("RequestResponse"), Choice("Event", correct: true), Choice("DryRun")]))
        #expect(result.questions[1].source.line == 7)
    }

    @Test("Empty questions, missing answers and bad letters are reported; the rest loads")
    func errors() {
        let aiken = """
        A) an option with no question
        B) another
        ANSWER: A

        Good question?
        A) yes
        B) no
        ANSWER: A

        Only one option?
        A) lonely
        ANSWER: A

        Answer names nothing?
        A) one
        B) two
        ANSWER: D

        No answer line
        A) one
        B) two
        """
        let result = AikenFormat.parse(aiken, file: "a.txt")
        #expect(result.questions.count == 1)
        #expect(result.questions.first?.stem == "Good question?")
        #expect(result.diagnostics.map(\.description) == [
            "a.txt:1:1: error: option A comes before any question text (an empty question); skipped up to its ANSWER line",
            "a.txt:10:1: error: the question has 1 option; Aiken needs at least 2 (lines like 'A) …')",
            "a.txt:17:9: error: ANSWER: D names no option (the options are A, B)",
            "a.txt:19:1: error: the question has no 'ANSWER: X' line after its options",
        ])
    }

    @Test("Export keeps single-answer questions, says what it dropped, and re-imports")
    func roundTrip() throws {
        let questions = Fixtures.library().questions
        let exported = AikenFormat.write(questions)
        #expect(exported.exported == 2)  // single-timeout and tf-reserved
        #expect(exported.notes.contains { $0.hasPrefix("skipped: Aiken holds single-answer questions only (multiple)") })
        #expect(exported.notes.contains { $0.hasPrefix("per-option feedback dropped") })
        #expect(exported.notes.contains { $0.hasPrefix("explanations dropped") })
        let imported = AikenFormat.parse(exported.text, file: "x.txt")
        #expect(imported.diagnostics.isEmpty)
        #expect(imported.questions[0].stem == "What is the longest timeout a function can have?")
        #expect(imported.questions[0].body == .single([Choice("900 s (15 min)", correct: true), Choice("300 s"), Choice("60 min")]))
        #expect(imported.questions[1].body == .single([Choice("True"), Choice("False", correct: true)]))
    }
}

@Suite("Bank writer")
struct BankWriterTests {
    @Test("Every type written as YAML reads back the same")
    func roundTrip() {
        let questions = Fixtures.library().questions
        let yaml = BankWriter.write(questions, bank: "copy", header: "Written by a test")
        let result = BankParser.parse(yaml: yaml, file: "copy.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)\n\(yaml)")
        #expect(comparable(result.bank.questions) == comparable(questions), "\(yaml)")
    }

    @Test("Awkward text is quoted or written as a block")
    func awkward() {
        let tricky = ["yes", "1,000", "- dash", "a: b", "# hash", "ends with space ", "multi\nline", "tab\there", "\"quoted\"", "900", "null"]
        let questions = tricky.enumerated().map { n, text in
            Question(id: "q\(n)", domain: "security", stem: text, body: .shortText([text]), explanation: text)
        }
        let yaml = BankWriter.write(questions, bank: "tricky")
        let result = BankParser.parse(yaml: yaml, file: "t.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)\n\(yaml)")
        #expect(result.bank.questions.map(\.stem) == tricky.map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(result.bank.questions.map(\.body) == tricky.map { .shortText([$0.trimmingCharacters(in: .whitespaces)]) })
    }
}
