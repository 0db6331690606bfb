import Foundation
import Testing
import TutorSupport
@testable import Quiz

/// `check`'s answer-cue and duplicate warnings (issue 13): what a test-wise learner could score
/// on without knowing Lambda.
@Suite("Answer cues and duplicates")
struct AnswerCueTests {
    /// Stems that share no content words, so the fixtures are not duplicates of each other.
    static func topic(_ id: String) -> String {
        let words = ["memory", "timeout", "layers", "aliases", "queues", "streams", "tracing", "pricing", "roles", "subnets",
                     "images", "handlers", "metrics", "retries", "mappings", "versions"]
        let n = id.unicodeScalars.reduce(0) { $0 &* 31 &+ Int($1.value) }
        return "\(words[abs(n) % words.count]) \(id)-topic \(id)-case"
    }

    /// A single-answer question; `longest: true` makes the key the longest option.
    static func single(_ id: String, longest: Bool) -> String {
        let key = longest ? "the right answer, with extra qualifications" : "right"
        return """
          - id: \(id)
            domain: development
            type: single
            stem: What about \(topic(id))?
            choices:
              - text: \(key)
                correct: true
              - text: a wrong answer here
                feedback: no
              - text: another wrong one
                feedback: no
            explanation: x

        """
    }

    static func trueFalse(_ id: String, _ answer: Bool) -> String {
        """
          - id: \(id)
            domain: security
            type: true-false
            stem: A statement on \(topic(id)).
            answer: \(answer)
            true_feedback: t
            false_feedback: f
            explanation: x

        """
    }

    static func lint(_ banks: [(file: String, yaml: String)]) -> [String] {
        var library = QuestionLibrary(banks: [])
        for bank in banks { library.add(BankParser.parse(yaml: bank.yaml, file: bank.file)) }
        return BankLinter(sampleSeeds: [1]).lint(library).map(\.description)
    }

    @Test("The key is the longest option in more than a third of single-answer questions: one warning at the first, naming the rest")
    func longestKey() {
        let yaml = "bank: cues\nquestions:\n" + [("s1", true), ("s2", false), ("s3", true), ("s4", false), ("s5", false), ("s6", false)]
            .map { Self.single($0.0, longest: $0.1) }.joined()
        let text = Self.lint([("cues.yaml", yaml)])
        #expect(text.isEmpty, "2 of 6 is exactly a third: no warning; \(text)")

        let biased = "bank: cues\nquestions:\n" + [("s1", false), ("s2", true), ("s3", true), ("s4", true), ("s5", false)]
            .map { Self.single($0.0, longest: $0.1) }.joined()
        #expect(Self.lint([("cues.yaml", biased)]) == [
            "cues.yaml:20:7: warning: answer cue in bank 'cues': the key is the longest option in 3 of 5 (60 %) single-answer questions "
                + "(keep it to a third or less; lengthen a distractor or tighten the key): s2, s3, s4",
        ])
    }

    @Test("Lengths are measured with facts filled in, and a tie is no cue")
    func lengths() {
        #expect(AnswerCues.keysAreLongest([Choice("{{fact timeout.max}}", correct: true), Choice("a long wrong option")]) == false,
                "'900 s (15 min)' is shorter than the distractor although the placeholder is longer")
        #expect(AnswerCues.keysAreLongest([Choice("abc", correct: true), Choice("xyz")]) == false)
        #expect(AnswerCues.keysAreLongest([Choice("abcd", correct: true), Choice("xyz")]))
        #expect(AnswerCues.keysAreLongest([Choice("long key one", correct: true), Choice("long key two", correct: true),
                                           Choice("short"), Choice("long key three is wrong")]) == false)
    }

    @Test("Multiple response: keys that are exactly the longest options")
    func longestKeys() throws {
        func multiple(_ id: String, _ longest: Bool) -> String {
            let keys = longest ? ["the first right answer in full", "the second right answer in full"] : ["right one", "right two"]
            return """
              - id: \(id)
                domain: development
                type: multiple
                stem: Which two for \(Self.topic(id))?
                choices:
                  - {text: \(keys[0]), correct: true}
                  - {text: \(keys[1]), correct: true}
                  - {text: a wrong option of medium size, feedback: no}
                  - {text: another wrong option, feedback: no}
                  - {text: wrong, feedback: no}
                explanation: x

            """
        }
        let yaml = "questions:\n" + [("m1", true), ("m2", true), ("m3", false), ("m4", false), ("m5", false)].map { multiple($0.0, $0.1) }.joined()
        let text = Self.lint([("mr.yaml", yaml)])
        #expect(text.count == 1)
        let warning = try #require(text.first)
        #expect(warning.hasPrefix("mr.yaml:7:7: warning: answer cue in bank 'mr': the keys are exactly the longest options in 2 of 5 (40 %)"))
        #expect(warning.hasSuffix(": m1, m2"))
    }

    @Test("True/false keys far from half: per bank, and over all banks when each bank is too small to judge")
    func trueFalseSplit() {
        let lopsided = "questions:\n" + [("t1", false), ("t2", false), ("t3", true), ("t4", false), ("t5", false)]
            .map { Self.trueFalse($0.0, $0.1) }.joined()
        #expect(Self.lint([("tf.yaml", lopsided)]) == [
            "tf.yaml:6:13: warning: answer cue in bank 'tf': 1 of 5 (20 %) true/false keys are true, so always answering false scores 80 %; "
                + "aim for about half (questions answered false): t1, t2, t4, t5",
        ])
        let balanced = "questions:\n" + [("t1", false), ("t2", true), ("t3", true), ("t4", false)].map { Self.trueFalse($0.0, $0.1) }.joined()
        #expect(Self.lint([("tf.yaml", balanced)]).isEmpty)

        // Three small banks, each below the minimum, all leaning the same way.
        let banks = (1...3).map { n in
            (file: "b\(n).yaml", yaml: "questions:\n" + Self.trueFalse("b\(n)-a", false) + Self.trueFalse("b\(n)-b", n == 1))
        }
        #expect(Self.lint(banks) == [
            "b1.yaml:6:13: warning: answer cue in all banks together: 1 of 6 (17 %) true/false keys are true, so always answering false "
                + "scores 83 %; aim for about half (questions answered false): b1-a, b2-a, b2-b, b3-a, b3-b",
        ])
    }

    @Test("A cue reported for a bank is not repeated for the whole library")
    func noRepeat() {
        let lopsided = "questions:\n" + (1...4).map { Self.trueFalse("t\($0)", true) }.joined()
        let other = "questions:\n" + Self.trueFalse("u1", true)
        let text = Self.lint([("a.yaml", lopsided), ("b.yaml", other)])
        #expect(text.count == 1, "\(text)")
        #expect(text.first?.contains("in bank 'a'") == true)
    }

    @Test("The same question asked twice is reported at the second, pointing at the first")
    func duplicates() {
        let first = """
        questions:
          - id: handler-log-group
            domain: troubleshooting
            type: short-text
            stem: A function named `orders-api` prints a line. In which CloudWatch Logs log group does it appear by default?
            accept: [/aws/lambda/orders-api]
            explanation: x
          - id: other
            domain: troubleshooting
            type: short-text
            stem: Which principal does the execution role trust?
            accept: [lambda.amazonaws.com]
            explanation: x
        """
        let second = """
        questions:
          - id: monit-log-group-name
            domain: troubleshooting
            type: short-text
            stem: A function is named `orders-api`. In which CloudWatch Logs log group does Lambda write its logs by default?
            accept: [/aws/lambda/orders-api]
            explanation: x
          - id: monit-log-retention
            domain: troubleshooting
            type: short-text
            stem: Which CloudWatch Logs setting keeps the function's log group from growing for ever?
            accept: [retention, log retention]
            explanation: x
        """
        #expect(Self.lint([("handlers.yaml", first), ("monitoring.yaml", second)]) == [
            "monitoring.yaml:5:11: warning: monit-log-group-name: asks what 'handler-log-group' asks (handlers.yaml:2): "
                + "the same key and a similar question; drop one or make them test different things",
        ])
    }

    @Test("Same topic, different key, or generated questions with other fixed values: not duplicates")
    func notDuplicates() {
        func generated(_ id: String, freeTier: Bool) -> String {
            """
              - id: \(id)
                domain: cost
                type: generated
                generator: cost
                ask: total
                parameters: {requests: 2000000, duration_ms: 200, memory_mb: 512, free_tier: \(freeTier)}
                tolerance: 0.01
                stem: An x86 function runs {requests} times a month, {duration_ms} ms each, with {memory_mb} MB. What is the bill?
                explanation: x

            """
        }
        let yaml = "questions:\n" + generated("g1", freeTier: true) + generated("g2", freeTier: false) + """
          - id: timeout-default
            domain: development
            type: numeric
            stem: A new function keeps its default timeout. After how many seconds is an invocation stopped?
            answer: {fact: timeout.default}
            tolerance: 0
            explanation: x
          - id: timeout-max
            domain: development
            type: numeric
            stem: What is the longest timeout, in seconds, you can give one invocation?
            answer: {fact: timeout.max}
            tolerance: 0
            explanation: x
        """
        #expect(Self.lint([("n.yaml", yaml)]).isEmpty)
        var copy = generated("g3", freeTier: true)
        copy = "questions:\n" + generated("g1", freeTier: true) + copy
        #expect(Self.lint([("g.yaml", copy)]).count == 1, "the same generator, result and fixed values with the same stem")
    }
}
