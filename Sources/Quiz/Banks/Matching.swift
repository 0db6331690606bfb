/// A matching question's key: which answer belongs to each prompt.
public struct Matching: Sendable, Hashable {
    public struct Pair: Sendable, Hashable {
        public var left: String
        public var right: String

        public init(_ left: String, _ right: String) {
            self.left = left
            self.right = right
        }
    }

    /// Prompts on the left, their answers on the right. Several prompts may share an answer
    /// (S3 → asynchronous, SNS → asynchronous).
    public var pairs: [Pair]
    /// Extra right-hand options that match nothing.
    public var distractors: [String]

    public init(pairs: [Pair], distractors: [String] = []) {
        self.pairs = pairs
        self.distractors = distractors
    }
}
