/// The verdict on one answer, with everything the REPL needs to explain it.
public struct Grade: Sendable, Hashable, Codable {
    /// One option of a choice or true/false question: was it chosen, is it a key, and why.
    public struct OptionFeedback: Sendable, Hashable, Codable {
        public var label: String
        public var text: String
        public var chosen: Bool
        public var isKey: Bool
        public var feedback: String?
    }

    /// One place of an ordering (position) or matching (prompt) answer.
    public struct ItemFeedback: Sendable, Hashable, Codable {
        /// `1.`… for ordering positions; the prompt text for matching.
        public var item: String
        public var expected: String
        public var given: String
        public var right: Bool
    }

    public var correct: Bool
    public var answer: Answer
    /// The right answer written out (`B`, `A, C`, `60 environments`, `C A D B`).
    public var keyText: String
    public var options: [OptionFeedback]
    public var items: [ItemFeedback]
    /// Targeted remarks: a known numeric mistake, "2 of 4 in the right place".
    public var remarks: [String]
    public var explanation: String?
    /// The share Moodle's partial-credit weights would give this answer (0–1), for a question
    /// that carries weights; nil otherwise. The score here stays ``correct``.
    public var credit: Double?
}
