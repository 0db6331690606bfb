/// An answer that does not fit the question, with what to type instead. The REPL shows
/// ``text`` and asks again; nothing is graded or logged.
public struct AnswerFormError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which rule the input broke; a typed, open set like ``QuizError/Code``.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String

        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        public var description: String { rawValue }

        public static let empty = Code(rawValue: "answer.empty")
        /// Not a letter or number of an option.
        public static let choice = Code(rawValue: "answer.choice")
        /// Too few or too many options for the question.
        public static let count = Code(rawValue: "answer.count")
        public static let boolean = Code(rawValue: "answer.boolean")
        public static let number = Code(rawValue: "answer.number")
        public static let order = Code(rawValue: "answer.order")
        public static let matching = Code(rawValue: "answer.matching")
    }

    public var code: Code
    /// What was wrong with this input ("There is no option E.").
    public var problem: String
    /// Forms this question accepts, each with an example.
    public var accepted: [String]

    /// The whole re-prompt message.
    public var text: String {
        ([problem] + ["Accepted: " + accepted.joined(separator: "; ")]).joined(separator: " ")
    }

    public var description: String { text }
}
