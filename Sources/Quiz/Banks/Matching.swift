/// A matching question's key: which answer belongs to each prompt.
package struct Matching: Sendable, Hashable {
    package struct Pair: Sendable, Hashable {
        package var left: String
        package var right: String

        package init(_ left: String, _ right: String) {
            self.left = left
            self.right = right
        }
    }

    /// Prompts on the left, their answers on the right. Several prompts may share an answer
    /// (S3 → asynchronous, SNS → asynchronous).
    package var pairs: [Pair]
    /// Extra right-hand options that match nothing.
    package var distractors: [String]

    package init(pairs: [Pair], distractors: [String] = []) {
        self.pairs = pairs
        self.distractors = distractors
    }
}
