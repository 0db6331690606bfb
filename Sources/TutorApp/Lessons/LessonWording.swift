/// The sentences a lesson's `run` prints that say whether the lesson itself still works. The
/// lesson walk (LessonWalkTests) looks for them in the output, so they live once, here: a
/// rewording changes the test's expectation with it instead of letting it pass unseen.
enum LessonWording {
    /// A try command marked `fails` succeeded: the lesson no longer shows what it says.
    static let unexpectedSuccess = "this command was meant to fail here, but it succeeded; the lesson may be out of date"
    /// The label before a "predict, then run" question.
    static let predictFirst = "Predict first:"

    /// A try command that should have worked failed.
    static func tryFailed(_ number: Int) -> String { "try command \(number) did not succeed" }
}
