import Foundation
import Testing
import TutorSupport
@testable import Quiz

@Suite("Bank parser")
struct BankParserTests {
    @Test("Every type in the fixture loads without diagnostics")
    func everyTypeLoads() {
        let result = BankParser.parse(yaml: Fixtures.everyType, file: "Quizzes/fixture.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.bank.name == "fixture")
        #expect(Set(result.bank.questions.map(\.type)) == Set(QuestionType.allCases))
        let single = result.bank.questions[0]
        #expect(single.exams == ["DVA-C02"], "defaults apply")
        #expect(single.lesson == "limits")
        #expect(single.source.line == 5)
        #expect(single.source.column == 5)
        if case .numeric(let key) = result.bank.questions.first(where: { $0.id == "num-fact" })!.body {
            #expect(key.value == 900)
            #expect(key.fact == "timeout.max")
        } else {
            Issue.record("num-fact should be numeric")
        }
    }

    @Test("A broken question is reported with its line and the rest still load")
    func partialLoading() {
        let yaml = """
        questions:
          - id: good-one
            domain: security
            type: true-false
            stem: Fine.
            answer: true
          - id: bad-type
            domain: security
            type: singel
            stem: Broken.
          - id: good-two
            domain: deploymnt
            type: short-text
            stem: Also broken.
            accept: x
          - id: good-three
            domain: deployment
            type: short-text
            stem: Fine.
            accept: x
        """
        let result = BankParser.parse(yaml: yaml, file: "b.yaml")
        #expect(result.bank.questions.map(\.id) == ["good-one", "good-three"])
        let messages = result.diagnostics.map(\.description)
        #expect(messages.contains("b.yaml:9:11: error: unknown question type 'singel'; did you mean 'single'?"))
        #expect(messages.contains("b.yaml:12:13: error: unknown domain 'deploymnt'; did you mean 'deployment'?"))
    }

    @Test("A YAML syntax error costs only the question it is in")
    func syntaxRecovery() {
        let yaml = """
        bank: broken
        questions:
          - id: first
            domain: security
            type: true-false
            stem: One.
            answer: true
          - id: second
            domain: security
            type: true-false
            stem: "unterminated
            answer: true
          - id: third
            domain: security
            type: true-false
            stem: Three.
            answer: false
        """
        let result = BankParser.parse(yaml: yaml, file: "s.yaml")
        #expect(result.bank.name == "broken")
        #expect(result.bank.questions.map(\.id) == ["first", "third"])
        let errors = result.diagnostics.errors
        #expect(errors.count == 1)
        #expect(errors.map(\.description) == ["s.yaml:11:11: error: invalid YAML: found unexpected end of stream (while scanning a quoted scalar)"])
    }

    @Test("Keys are checked against the type")
    func keyChecks() {
        let yaml = """
        - id: two-right
          domain: security
          type: single
          stem: x
          choices:
            - {text: a, correct: true}
            - {text: b, correct: true}
        - id: one-right
          domain: security
          type: multiple
          stem: x
          choices:
            - {text: a, correct: true}
            - b
        - id: no-tolerance
          domain: security
          type: numeric
          stem: x
          answer: 3
        - id: bad-fact
          domain: security
          type: numeric
          stem: x
          answer: {fact: timeout.maxx}
          tolerance: 0
        - id: typo-key
          domain: security
          type: true-false
          stem: x
          answer: true
          explaination: oops
        """
        let result = BankParser.parse(yaml: yaml, file: "k.yaml")
        #expect(result.bank.questions.map(\.id) == ["typo-key"])
        let text = result.diagnostics.map(\.description).joined(separator: "\n")
        #expect(text.contains("k.yaml:5:3: error: a single-choice question needs exactly one choice with `correct: true` (found 2)"))
        #expect(text.contains("k.yaml:12:3: error: a multiple-response question needs at least two"))
        #expect(text.contains("k.yaml:15:3: error: a numeric question needs `tolerance:`"))
        #expect(text.contains("k.yaml:24:18: error: unknown fact 'timeout.maxx'; did you mean 'timeout.max' or 'timeout.min'?"))
        #expect(text.contains("k.yaml:31:3: warning: unknown key 'explaination' in a question is ignored; did you mean 'explanation'?"))
    }

    @Test("Duplicate ids across banks are errors pointing at the first")
    func duplicateIDs() {
        var library = QuestionLibrary(banks: [])
        let one = "- {id: same, domain: security, type: true-false, stem: x, answer: true}"
        library.add(BankParser.parse(yaml: one, file: "a.yaml"))
        library.add(BankParser.parse(yaml: "\n" + one, file: "b.yaml"))
        #expect(library.questions.count == 1)
        #expect(library.diagnostics.map(\.description) == ["b.yaml:2:8: error: duplicate id 'same' (first used at a.yaml:1)"])
    }

    @Test("A check block's diagnostics use the lesson file's lines")
    func inlineCheckLines() {
        let block = """
        type: numeric
        stem: How many?
        answer: three
        tolerance: 0
        """
        let (check, diagnostics) = InlineCheck.parse(block, file: "Lessons/async.md", firstLine: 40, fallbackID: "async/check-1",
                                                     lesson: "async")
        #expect(check == nil)
        #expect(diagnostics.map(\.description) == ["Lessons/async.md:42:9: error: answer must be a number, not 'three'"])
    }

    @Test("A check block grades answers and re-prompts on bad input")
    func inlineCheckGrades() throws {
        let block = """
        type: single
        stem: Which invocation type returns 202 at once?
        choices:
          - text: RequestResponse
            feedback: That one waits.
          - text: Event
            correct: true
            feedback: Queued, then 202.
        """
        let (check, diagnostics) = InlineCheck.parse(block, file: "Lessons/async.md", firstLine: 10, fallbackID: "async/check-1",
                                                     lesson: "async", domain: "development")
        #expect(diagnostics.isEmpty)
        let ready = try #require(check)
        #expect(ready.question.id == "async/check-1")
        #expect(ready.presented.lesson == "async")
        #expect(try ready.grade("b").get().correct)
        #expect(try !ready.grade("A").get().correct)
        guard case .failure(let reprompt) = ready.grade("e") else { Issue.record("expected a re-prompt"); return }
        #expect(reprompt.text.contains("There is no option E; the options are A–B."))
        #expect(reprompt.text.contains("Accepted:"))
    }
}
