import Curriculum
import Testing

/// `predict` blocks: read, tied to the try command after them, and linted at the file's lines.
struct PredictionParserTests {
    func parse(_ body: String) -> LessonParser.Result {
        LessonParser().parse(text: "---\nid: p\ntitle: P\nsummary: S.\n---\n## One\n\n" + body, displayPath: "L.md")
    }

    @Test func aPredictionIsAboutTheNextTryCommand() throws {
        let result = parse("""
        ```try
        load f
        ```

        ```predict
        ask: "Cold or warm?"
        observe: start
        choices: [cold, warm]
        why: Reused.
        ```

        ```try
        invoke f
        ```

        ```predict
        ask: Billed?
        observe: billed-ms
        tolerance: 20%
        ```

        ```try
        invoke f --payload '{}'
        ```
        """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let step = try #require(result.lesson?.steps.first)
        #expect(step.predictions.count == 2)
        #expect(step.prediction(forTry: 2)?.observe == .start)
        #expect(step.prediction(forTry: 2)?.id(lesson: "p", step: 1) == "p/predict-1.1")
        #expect(step.prediction(forTry: 3)?.tolerance == .percent(20))
        #expect(step.prediction(forTry: 1) == nil)
        #expect(Prediction.Tolerance.percent(20).allows(110, 100) && !Prediction.Tolerance.percent(5).allows(110, 100))
    }

    @Test func mistakesAreReportedAtTheirLines() {
        let result = parse("""
        ```predict
        ask: How long?
        observe: billed-ms
        choices: [1, 2]
        ```

        ```try
        facts timeout.max
        ```

        ```predict
        observe: strat
        choices: [cold, warm]
        ```

        ```try
        invoke f
        ```

        ```predict
        ask: Cold?
        observe: start
        choices: [cold, warm]
        ```
        """)
        let messages = result.diagnostics.map(\.description)
        #expect(messages.contains("L.md:10:10: error: observe: billed-ms is a number; give `tolerance:`, not `choices:`"), "\(messages)")
        #expect(messages.contains("L.md:10:10: error: observe: billed-ms is a number and needs `tolerance:` (e.g. 5, or 20%)"))
        #expect(messages.contains("L.md:19:10: error: observe 'strat' is not something an invocation shows; did you mean 'start'?"))
        #expect(messages.contains("L.md:19:1: error: a predict block needs `ask:` (the question to the learner)"))
        #expect(messages.contains("L.md:27:1: error: a predict block is about the try command after it, and this step has none after it"))
    }

    @Test func theCommandAfterAPredictionMustInvoke() {
        let result = parse("""
        ```predict
        ask: Cold?
        observe: start
        choices: [cold, warm]
        ```

        ```try
        facts timeout.max
        ```
        """)
        #expect(result.diagnostics.map(\.description) == ["L.md:15:1: error: the command after a predict block must be an 'invoke' (the prediction is checked against its result), not 'facts timeout.max'"])
    }
}
