extension MarkdownParser {
    /// Parses `text` with a bold lead-in (`Why:`, `Hint:`) in front of it: inside the first
    /// paragraph when the text starts with one, else as a paragraph of its own above.
    ///
    /// Why not just `"**Why:** " + text`: text that starts with a block (a generated question's
    /// `{working}` list, a code fence) would be glued to the label and read as one paragraph,
    /// so `- Requests: …` showed as "Why: - Requests: …" instead of a list.
    package static func parse(_ text: String, lead label: String) -> [MarkdownBlock] {
        var blocks = parse(text)
        let bold = "**\(label)**"
        if case .paragraph(let first, let line)? = blocks.first {
            blocks[0] = .paragraph(text: bold + " " + first, line: line)
        } else {
            blocks.insert(.paragraph(text: bold, line: blocks.first?.line ?? 1), at: 0)
        }
        return blocks
    }
}
