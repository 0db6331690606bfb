/// The questions of one bank file (``QuestionLibrary`` loads a folder of them).
package struct QuestionBank: Sendable, Hashable {
    /// `bank:` in the file, else the file name without `.yaml`.
    package var name: String
    package var title: String?
    package var summary: String?
    /// The file it was read from (as given to the loader, for diagnostics).
    package var file: String
    package var questions: [Question]

    package init(name: String, title: String? = nil, summary: String? = nil, file: String, questions: [Question] = []) {
        self.name = name
        self.title = title
        self.summary = summary
        self.file = file
        self.questions = questions
    }
}
