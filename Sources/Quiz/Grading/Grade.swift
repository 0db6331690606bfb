/// The verdict on one answer, with everything the REPL needs to explain it.
package struct Grade: Sendable, Hashable, Codable {
    /// One option of a choice or true/false question: was it chosen, is it a key, and why.
    package struct OptionFeedback: Sendable, Hashable, Codable {
        package var label: String
        package var text: String
        package var chosen: Bool
        package var isKey: Bool
        package var feedback: String?
    }

    /// One place of an ordering (position) or matching (prompt) answer.
    package struct ItemFeedback: Sendable, Hashable, Codable {
        /// `1.`… for ordering positions; the prompt text for matching.
        package var item: String
        package var expected: String
        package var given: String
        package var right: Bool
    }

    package var correct: Bool
    package var answer: Answer
    /// The right answer written out (`B`, `A, C`, `60 environments`, `C A D B`).
    package var keyText: String
    package var options: [OptionFeedback]
    package var items: [ItemFeedback]
    /// Targeted remarks: a known numeric mistake, "2 of 4 in the right place".
    package var remarks: [String]
    package var explanation: String?
    /// The share Moodle's partial-credit weights would give this answer (0–1), for a question
    /// that carries weights; nil otherwise. The score here stays ``correct``.
    package var credit: Double?
}
