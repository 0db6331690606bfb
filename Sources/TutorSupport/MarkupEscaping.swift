/// Text made safe for markup: element content and quoted attribute values. One loop for the
/// two dialects the tutor writes: HTML (the class report) and XML (SNS's query-protocol answers).
package enum MarkupEscaping {
    /// `& < > " '` for HTML (`'` as `&#39;`, which every HTML version reads).
    package static func html(_ text: String) -> String {
        escape(text, apostrophe: "&#39;", carriageReturn: nil)
    }

    /// `& < > " '` for XML (`&apos;`), and a carriage return as `&#xD;` so a parser keeps it.
    package static func xml(_ text: String) -> String {
        escape(text, apostrophe: "&apos;", carriageReturn: "&#xD;")
    }

    private static func escape(_ text: String, apostrophe: String, carriageReturn: String?) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += apostrophe
            case "\r" where carriageReturn != nil: escaped += carriageReturn!
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
