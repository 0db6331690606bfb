import Foundation
import Testing
@testable import TutorApp
import Curriculum

/// `answer` at lesson checkpoints, in-process.
@Suite("Checkpoint answers")
struct CheckpointCommandTests {
    static let lesson = """
    ---
    id: retries
    title: Retries
    summary: How Lambda retries.
    ---
    ## Choice

    Where does the event go?

    ```check
    type: single
    shuffle: false
    stem: Where is the payload of an EventBridge event?
    choices:
      - {text: "In `body`", feedback: That is API Gateway.}
      - {text: "In `Records`", feedback: That is S3 or SQS.}
      - {text: "In `detail`, as a JSON object", correct: true}
    explanation: EventBridge puts it in `detail`.
    ```

    ## Number

    ```check
    type: numeric
    stem: How many retries by default?
    answer: 2
    tolerance: 0
    explanation: Two retries.
    ```

    ## Two checks

    ```check
    type: numeric
    stem: How many attempts in all?
    answer: 3
    tolerance: 0
    explanation: One plus two retries.
    ```

    ```check
    type: true-false
    stem: Synchronous calls are retried by Lambda.
    answer: false
    explanation: The caller retries.
    ```
    """

    @Test("'answer 1 TEXT' names the checkpoint even when the step has only one")
    func numberedWithOneCheckpoint() async throws {
        let fixture = try SessionFixture(lessons: ["01-retries.md": Self.lesson])
        #expect(await fixture.run("lesson retries", "answer 1 C") == [true, true])
        #expect(fixture.capture.output.contains("✓ Correct."))
        #expect(await fixture.run("next", "answer 1 20", "answer 1 2") == [true, true, true])
        #expect(fixture.capture.output.contains("✗ Not quite.\nHint: Your number is too high."))
        #expect(!fixture.capture.output.contains("The answer is 2"), "the key waits for the second try")
        #expect(!fixture.capture.errors.contains("is not a number"), "\(fixture.capture.errors)")
        let checks = fixture.session.progress.lessons["retries"]?.checks ?? [:]
        #expect(checks["1.1"] == true)
        #expect(checks["2.1"] == true)
    }

    @Test("The whole line still answers when it is the only reading that fits; several checkpoints need N")
    func readings() async throws {
        #expect(Command.checkpointReadings(["1", "3"], checks: 1, firstOpen: 0).map(\.text) == ["3", "1 3"])
        #expect(Command.checkpointReadings(["2", "t"], checks: 2, firstOpen: 0).map(\.index) == [1])
        #expect(Command.checkpointReadings(["3", "t"], checks: 2, firstOpen: 0).map(\.text) == ["3 t"])
        #expect(Command.checkpointReadings(["60"], checks: 1, firstOpen: 0).map(\.text) == ["60"])

        let fixture = try SessionFixture(lessons: ["01-retries.md": Self.lesson])
        #expect(await fixture.run("lesson retries --step 3", "answer 2 false", "answer 3") == [true, true, true])
        let checks = fixture.session.progress.lessons["retries"]?.checks ?? [:]
        #expect(checks["3.2"] == true)
        #expect(checks["3.1"] == true)
    }
}
