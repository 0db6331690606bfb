/// The questions of one bank file (``QuestionLibrary`` loads a folder of them).
public struct QuestionBank: Sendable, Hashable {
    /// `bank:` in the file, else the file name without `.yaml`.
    public var name: String
    public var title: String?
    public var summary: String?
    /// The file it was read from (as given to the loader, for diagnostics).
    public var file: String
    public var questions: [Question]

    public init(name: String, title: String? = nil, summary: String? = nil, file: String, questions: [Question] = []) {
        self.name = name
        self.title = title
        self.summary = summary
        self.file = file
        self.questions = questions
    }
}
