import Foundation
@testable import Quiz

/// A small bank with one question of every type, used across the suites.
enum Fixtures {
    /// A numeric question whose known mistake has feedback with a {{fact}} placeholder.
    static let numericMistakeWithFact = """
    - id: num-mistake-fact
      domain: development
      type: numeric
      stem: Longest timeout, in seconds?
      answer: {fact: timeout.max}
      tolerance: 0
      mistakes:
        - answer: 300
          feedback: "{{fact async.throttle_backoff_max}} is the longest backoff between async retries."
    """

    static let everyType = """
    bank: fixture
    defaults:
      exam: DVA-C02
    questions:
      - id: single-timeout
        domain: development
        lesson: limits
        type: single
        stem: What is the longest timeout a function can have?
        choices:
          - text: "{{fact timeout.max}}"
            correct: true
            feedback: Right.
          - text: 300 s
            feedback: Too short.
          - text: 60 min
            feedback: Too long.
        explanation: Use Step Functions for longer work.
        hint: Think quarter of an hour.
        references: [timeout.max]
      - id: multi-async
        domain: development
        type: multiple
        stem: Which services invoke asynchronously?
        choices:
          - text: Amazon S3
            correct: true
            feedback: Yes.
          - text: Amazon SNS
            correct: true
            feedback: Yes.
          - text: API Gateway
            feedback: Synchronous.
          - text: Application Load Balancer
            feedback: Synchronous.
          - text: Amazon Cognito
            feedback: Synchronous.
      - id: tf-reserved
        domain: troubleshooting
        type: true-false
        stem: Reserved concurrency adds capacity to the account.
        answer: false
        true_feedback: It only sets aside part of the pool.
        false_feedback: Right, it adds none.
      - id: num-retries
        domain: development
        type: numeric
        stem: How many attempts can a failing async event get by default?
        answer: 3
        tolerance: 0
        unit: attempts
        mistakes:
          - answer: 2
            feedback: 2 is the number of retries; add the first attempt.
      - id: num-fact
        domain: development
        type: numeric
        stem: Maximum timeout in seconds?
        answer: {fact: timeout.max}
        tolerance: 0
        unit: s
      - id: order-phases
        domain: troubleshooting
        type: ordering
        stem: Put the phases in order.
        items: [INIT, INVOKE, SHUTDOWN]
      - id: match-sources
        domain: development
        type: matching
        stem: Match each service with how it invokes a function.
        pairs:
          - Amazon S3: asynchronous
          - API Gateway: synchronous
          - Amazon SQS: event source mapping (polling)
          - Amazon SNS: asynchronous
      - id: short-principal
        domain: security
        type: short-text
        stem: Which service principal must the execution role trust?
        accept: [lambda.amazonaws.com]
      - id: gen-concurrency
        domain: development
        type: generated
        generator: concurrency
        ask: environments
        parameters:
          rps: {from: 100, to: 1000, step: 100}
          duration_ms: [100, 200, 500]
        tolerance: 0
        stem: "{rps} requests/s at {duration_ms} ms each: how many environments?"
        explanation: "{rps} × {duration_s} s = {answer}"
    """

    static func library() -> QuestionLibrary {
        var library = QuestionLibrary(banks: [])
        library.add(BankParser.parse(yaml: everyType, file: "Quizzes/fixture.yaml"))
        return library
    }

    static func question(_ id: String) -> Question {
        library().question(id: id)!
    }

    static func presented(_ id: String, seed: UInt64 = 7) -> PresentedQuestion {
        try! question(id).present(seed: seed)
    }
}
