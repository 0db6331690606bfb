/// An answer that does not fit the question, with what to type instead. The REPL shows
/// ``text`` and asks again; nothing is graded or logged.
public struct AnswerFormError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: String
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
