import Foundation
import Testing
import TutorSupport
@testable import Quiz

@Suite("Bank linter")
struct BankLinterTests {
    @Test("The fixture bank is clean apart from expected warnings")
    func fixture() {
        let diagnostics = BankLinter(knownLessons: ["limits"]).lint(Fixtures.library())
        #expect(!diagnostics.hasErrors, "\(diagnostics.errors)")
    }

    @Test("Facts, lessons, feedback, explanations and generated questions")
    func findings() {
        let yaml = """
        questions:
          - id: facts
            domain: security
            lesson: concurrensy
            type: single
            stem: "Max is {{fact timeout.maximum}}"
            choices:
              - text: a
                correct: true
              - text: b
            references: [timeout.max, payload.asynch, https://docs.aws.amazon.com/lambda/]
            explanation: x
          - id: gen
            domain: development
            type: generated
            generator: cost
            ask: total
            parameters:
              requests: 1000
              duration_ms: 100
              memory_mb: {from: 10000, to: 11000, step: 100}
            tolerance: 0.01
            stem: "{requests} at {duratoin_ms}"
            explanation: x
          - id: tf
            domain: security
            type: true-false
            stem: x
            answer: true
          - id: mistaken
            domain: security
            type: numeric
            stem: x
            answer: 10
            tolerance: 1
            mistakes:
              - {answer: 10.5, feedback: this is accepted anyway}
            explanation: x
        """
        var library = QuestionLibrary(banks: [])
        library.add(BankParser.parse(yaml: yaml, file: "l.yaml"))
        let text = BankLinter(knownLessons: ["concurrency", "limits"], sampleSeeds: Array(1...10)).lint(library).map(\.description)
        #expect(text == [
            "l.yaml:4:13: error: facts: unknown lesson 'concurrensy'; did you mean 'concurrency'?",
            "l.yaml:6:11: error: facts: unknown fact 'timeout.maximum'; did you mean 'timeout.max'? in {{fact timeout.maximum}}",
            "l.yaml:10:9: warning: facts: wrong choice 'b' has no feedback saying why it is wrong",
            "l.yaml:11:31: error: facts: unknown fact 'payload.asynch'; did you mean 'payload.async' or 'payload.sync'?",
            "l.yaml:19:7: error: gen: fails to compute for 5 of 10 sample seeds (1, 2, 3, 4, 8): memory_mb 10900 is outside 128 MB–10,240 MB",
            "l.yaml:23:11: warning: gen: {duratoin_ms} is not a parameter or result of the generator, so it is shown as written",
            "l.yaml:28:11: warning: tf: no explanation (shown after answering: why the key is right)",
            "l.yaml:29:13: warning: tf: no feedback for learners who answer false (add `false_feedback:`)",
            "l.yaml:37:7: warning: mistaken: the mistake 10.5 is within the tolerance, so it is graded right",
        ])
    }

    @Test("Placeholders nothing fills are reported")
    func placeholders() {
        let yaml = """
        - id: gen
          domain: development
          type: generated
          generator: concurrency
          ask: environments
          parameters: {rps: 100, duration_ms: 200}
          tolerance: 0
          stem: "{rps} requests at {duratoin_ms} ms; JSON like {\\"a\\": 1} is fine"
          explanation: "{rps} × {duration_s}"
        """
        var library = QuestionLibrary(banks: [])
        library.add(BankParser.parse(yaml: yaml, file: "p.yaml"))
        let text = BankLinter().lint(library).map(\.description)
        #expect(text == ["p.yaml:8:9: warning: gen: {duratoin_ms} is not a parameter or result of the generator, so it is shown as written"])
    }
}
