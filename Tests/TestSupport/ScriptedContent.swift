import Foundation

/// Content and an environment for running the real tutor on known material: end-to-end tests
/// (EndToEndTests) and in-process ones (TutorAppTests) share them.
package enum ScriptedContent {
    /// A content root with no lessons and one bank of true/false questions, so answers are known.
    package static func content(_ dir: TemporaryDirectory) throws -> URL {
        var yaml = "bank: tf\nquestions:\n"
        for n in 1...8 {
            let domain = ["development", "security", "deployment", "troubleshooting"][n % 4]
            yaml += """
              - id: tf-\(n)
                domain: \(domain)
                lesson: lesson-\(n % 2)
                type: true-false
                stem: Statement \(n) is true.
                answer: true
                false_feedback: It is true.
                explanation: Because.
                references: [timeout.max]

            """
        }
        try dir.write("content/Quizzes/tf.yaml", yaml)
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("content/Lessons"), withIntermediateDirectories: true)
        return dir.url.appendingPathComponent("content")
    }

    package static func environment(_ dir: TemporaryDirectory) throws -> [String: String] {
        [
            "HOME": dir.path,
            "LAMBDA_TUTOR_HOME": dir.url.appendingPathComponent("data").path,
            "LAMBDA_TUTOR_BUNDLE": try content(dir).path,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "LANG": "C.UTF-8",
        ]
    }

    /// A lesson `retries` with one numeric checkpoint (the default number of async retries, 2).
    package static let retriesLesson = """
    ---
    id: retries
    title: Retries
    summary: How Lambda retries.
    ---
    ## Async

    Lambda retries asynchronous events.

    ```check
    type: numeric
    stem: How many retries by default?
    answer: {fact: async.retries_default}
    tolerance: 0
    explanation: Two retries, so three attempts.
    ```
    """

    /// A lesson `alpha` of three steps, the first with a try block.
    package static let lessonAlpha = """
    ---
    id: alpha
    title: Alpha
    summary: The first fixture.
    minutes: 5
    ---
    Intro.

    ## One

    Step one text mentions reserved concurrency.

    ```try
    facts timeout.max
    calc concurrency --rps 100 --duration 500ms
    ```

    ## Two

    Step two.

    ## Three

    Step three.
    """

    /// A lesson `beta` whose prerequisite is `alpha`.
    package static let lessonBeta = """
    ---
    id: beta
    title: Beta
    summary: The second fixture.
    prerequisites: [alpha]
    ---
    ## Only

    Beta text.
    """
}
