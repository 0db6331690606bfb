/// An answer that does not fit the question, with what to type instead. The REPL shows
/// ``text`` and asks again; nothing is graded or logged.
package struct AnswerFormError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which rule the input broke; a typed, open set like ``QuizError/Code``.
    package struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        package let rawValue: String

        package init(rawValue: String) {
            self.rawValue = rawValue
        }

        package var description: String { rawValue }

        package static let empty = Code(rawValue: "answer.empty")
        /// Not a letter or number of an option.
        package static let choice = Code(rawValue: "answer.choice")
        /// Too few or too many options for the question.
        package static let count = Code(rawValue: "answer.count")
        package static let boolean = Code(rawValue: "answer.boolean")
        package static let number = Code(rawValue: "answer.number")
        package static let order = Code(rawValue: "answer.order")
        package static let matching = Code(rawValue: "answer.matching")
    }

    package var code: Code
    /// What was wrong with this input ("There is no option E.").
    package var problem: String
    /// Forms this question accepts, each with an example.
    package var accepted: [String]

    /// The whole re-prompt message.
    package var text: String {
        ([problem] + ["Accepted: " + accepted.joined(separator: "; ")]).joined(separator: " ")
    }

    package var description: String { text }
}
