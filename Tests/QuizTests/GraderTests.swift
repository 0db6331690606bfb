import Foundation
import Testing
@testable import Quiz

@Suite("Grading every type")
struct GraderTests {
    func grade(_ id: String, _ input: String, seed: UInt64 = 7) throws -> Grade {
        try Grader.grade(input, for: Fixtures.presented(id, seed: seed)).get()
    }

    @Test("Single choice: the key is right, anything else wrong, feedback for every option")
    func single() throws {
        let question = Fixtures.presented("single-timeout")
        guard case .choices(let keys) = question.key, let key = keys.first else { Issue.record("not a choice question"); return }
        let letter = PresentedQuestion.label(key)
        let right = try grade("single-timeout", letter.lowercased())
        #expect(right.correct)
        #expect(right.keyText == "\(letter) (900 s (15 min))", "facts are filled in")
        #expect(right.options.map(\.chosen) == question.options.indices.map { $0 == key })
        #expect(right.options[key].feedback == "Right.")
        #expect(Set(right.options.compactMap(\.feedback)) == ["Right.", "Too short.", "Too long."])
        #expect(try !grade("single-timeout", PresentedQuestion.label((key + 1) % 3)).correct)
        #expect(try grade("single-timeout", String(key + 1)).correct, "option numbers work too")
        let short = try #require(question.options.firstIndex { $0.text == "300 s" })
        #expect(try grade("single-timeout", "300 s").answer == .choices([short]), "the option's text works too")
    }

    @Test("Multiple response is all-or-nothing")
    func multiple() throws {
        let question = Fixtures.presented("multi-async")
        guard case .choices(let keys) = question.key else { Issue.record("not a choice question"); return }
        let letters = keys.map(PresentedQuestion.label)
        #expect(try grade("multi-async", letters.joined(separator: " ").lowercased()).correct)
        #expect(try grade("multi-async", letters.reversed().joined(separator: ",")).correct)
        #expect(try grade("multi-async", letters.joined().lowercased()).correct)
        let wrong = try #require(question.options.indices.first { !keys.contains($0) })
        let half = try grade("multi-async", "\(letters[0]) \(PresentedQuestion.label(wrong))")
        #expect(!half.correct)
        #expect(half.remarks == ["1 of your 2 choices is right; all 2 must be right to score."])
        // Choosing three when two are asked is refused, not graded.
        guard case .failure(let error) = Grader.grade("a b c", for: question) else {
            Issue.record("expected a re-prompt"); return
        }
        #expect(error.problem == "This question asks for TWO answers; you chose 3.")
    }

    @Test("True/false with feedback for the side chosen")
    func trueFalse() throws {
        let right = try grade("tf-reserved", "f")
        #expect(right.correct)
        #expect(right.options.first(where: \.chosen)?.feedback == "Right, it adds none.")
        #expect(try !grade("tf-reserved", "TRUE").correct)
        #expect(try grade("tf-reserved", "false").correct)
    }

    @Test("Numeric answers within tolerance count; known mistakes get their feedback")
    func numeric() throws {
        #expect(try grade("num-retries", "3").correct)
        #expect(try grade("num-retries", "3 attempts").correct)
        let wrong = try grade("num-retries", "2")
        #expect(!wrong.correct)
        #expect(wrong.remarks == ["2 is the number of retries; add the first attempt."])
        #expect(try grade("num-fact", "900").correct)
        #expect(try !grade("num-fact", "899").correct)

        let key = NumericKey(value: 10.80, tolerance: .absolute(0.01))
        #expect(key.accepts(10.81))
        #expect(key.accepts(10.79))
        #expect(!key.accepts(10.82))
        let relative = NumericKey(value: 200, tolerance: .relative(5))
        #expect(relative.accepts(190))
        #expect(relative.accepts(210))
        #expect(!relative.accepts(211))
    }

    @Test("Feedback on a known numeric mistake shows facts, not placeholders")
    func numericMistakeFacts() throws {
        let yaml = Fixtures.numericMistakeWithFact
        var library = QuestionLibrary(banks: [])
        library.add(BankParser.parse(yaml: yaml, file: "Quizzes/mistake.yaml"))
        let presented = try library.question(id: "num-mistake-fact")!.present(seed: 1)
        #expect(presented.mistakes.map(\.feedback) == ["300 s (5 min) is the longest backoff between async retries."])
        let wrong = try Grader.grade("300", for: presented).get()
        #expect(wrong.remarks == ["300 s (5 min) is the longest backoff between async retries."])
    }

    @Test("Ordering must be fully right; the feedback counts positions")
    func ordering() throws {
        let question = Fixtures.presented("order-phases")
        guard case .order(let key) = question.key else { Issue.record("not ordering"); return }
        let letters = key.map(PresentedQuestion.label)
        #expect(question.options.map(\.text) != ["INIT", "INVOKE", "SHUTDOWN"], "never shown in the right order")
        #expect(try grade("order-phases", letters.joined(separator: " ")).correct)
        #expect(try grade("order-phases", letters.joined()).correct)
        let swapped = [letters[1], letters[0], letters[2]].joined(separator: " ")
        let wrong = try grade("order-phases", swapped)
        #expect(!wrong.correct)
        #expect(wrong.items.map(\.right) == [false, false, true])
        #expect(wrong.remarks == ["1 of 3 in the right place; the whole order must be right to score."])
        guard case .failure(let error) = Grader.grade(letters[0], for: question) else { Issue.record("expected a re-prompt"); return }
        #expect(error.problem.hasPrefix("Use every letter exactly once."))
    }

    @Test("Matching accepts letters per item or numbered pairs; all pairs must be right")
    func matching() throws {
        let question = Fixtures.presented("match-sources")
        #expect(question.options.count == 3, "answers shared by two prompts appear once")
        guard case .matches(let key) = question.key else { Issue.record("not matching"); return }
        let letters = key.map(PresentedQuestion.label)
        #expect(try grade("match-sources", letters.joined(separator: " ")).correct)
        let pairs = letters.enumerated().map { "\($0 + 1)\($1)" }.reversed().joined(separator: ", ")
        #expect(try grade("match-sources", pairs).correct, "pairs in any order: \(pairs)")
        let wrongLetter = letters[0] == "A" ? "B" : "A"
        let wrong = try grade("match-sources", ([wrongLetter] + letters.dropFirst()).joined(separator: " "))
        #expect(!wrong.correct)
        #expect(wrong.remarks == ["3 of 4 matched; every pair must be right to score."])
        guard case .failure(let error) = Grader.grade("a b", for: question) else { Issue.record("expected a re-prompt"); return }
        #expect(error.problem == "There are 4 items to match; you gave 2 letters.")
    }

    @Test("Short text forgives case, spacing, quotes and a final full stop")
    func shortText() throws {
        #expect(try grade("short-principal", "lambda.amazonaws.com").correct)
        #expect(try grade("short-principal", "  `Lambda.AmazonAWS.com`. ").correct)
        #expect(try !grade("short-principal", "lambda.amazon.com").correct)
        #expect(ShortText.matches("Step   Functions", accepted: ["step functions"]))
        #expect(ShortText.matches("get_remaining_time_in_millis", accepted: ["`get_remaining_time_in_millis()`"]))
        #expect(ShortText.matches("context.getRemainingTimeInMillis()", accepted: ["context.getRemainingTimeInMillis"]))
        #expect(!ShortText.matches("get_remaining_time", accepted: ["get_remaining_time_in_millis()"]))
    }

    @Test("Generated questions are graded against the computed key")
    func generated() throws {
        let question = Fixtures.presented("gen-concurrency", seed: 11)
        guard case .numeric(let value, _) = question.key else { Issue.record("not numeric"); return }
        #expect(try Grader.grade(Number(value), for: question).get().correct)
        #expect(try !Grader.grade(Number(value + 1), for: question).get().correct)
    }

    func Number(_ value: Double) -> String { String(Int(value)) }
}

@Suite("Answer parsing")
struct AnswerParserTests {
    @Test("Letters in many spellings")
    func letters() {
        #expect(AnswerParser.letterTokens("a c") == ["a", "c"])
        #expect(AnswerParser.letterTokens("A,C") == ["A", "C"])
        #expect(AnswerParser.letterTokens("(a) and (c)") == ["a", "c"])
        #expect(AnswerParser.letterTokens("ac") == ["a", "c"])
        #expect(AnswerParser.letterTokens("a 2") == nil)
    }

    @Test("Numbers with grouping, currency and units")
    func numbers() throws {
        #expect(try AnswerParser.number(in: "1,000").get() == 1000)
        #expect(try AnswerParser.number(in: "$10.80").get() == 10.8)
        #expect(try AnswerParser.number(in: "10.8 USD").get() == 10.8)
        #expect(try AnswerParser.number(in: "60 environments").get() == 60)
        #expect(try AnswerParser.number(in: "1e3").get() == 1000)
        #expect(try AnswerParser.number(in: "-2").get() == -2)
        guard case .failure(let comma) = AnswerParser.number(in: "10,80") else { Issue.record("10,80 is ambiguous"); return }
        #expect(comma.text == "Use a dot for decimals: '10.80'.")
        #expect(try AnswerParser.number(in: "USD 232.4").get() == 232.4)
        #expect(try AnswerParser.number(in: "about 60").get() == 60)
        guard case .failure = AnswerParser.number(in: "the answer is 60") else { Issue.record("words before the number"); return }
    }

    @Test("A re-prompt lists the accepted forms")
    func reprompt() {
        guard case .failure(let error) = AnswerParser.parse("lambda", for: Fixtures.presented("single-timeout")) else {
            Issue.record("expected failure"); return
        }
        #expect(error.text == "'lambda' does not match any option. Accepted: a letter such as B; the option number such as 2")
        guard case .failure(let number) = AnswerParser.parse("sixty", for: Fixtures.presented("num-retries")) else {
            Issue.record("expected failure"); return
        }
        #expect(number.accepted.first?.contains("(attempts)") == true)
        guard case .failure(let empty) = AnswerParser.parse("  ", for: Fixtures.presented("tf-reserved")) else {
            Issue.record("expected failure"); return
        }
        #expect(empty.code == .empty)
    }

    @Test("A trailing confidence word is split off scripted answers")
    func confidence() {
        #expect(Confidence.split("a c sure", for: .multiple) == ("a c", .sure))
        #expect(Confidence.split("60 guess", for: .numeric) == ("60", .guess))
        #expect(Confidence.split("b", for: .single) == ("b", nil))
        #expect(Confidence.split("just a guess", for: .shortText) == ("just a guess", nil))
        #expect(Confidence(parsing: "U") == .unsure)
    }
}
