/// Splits a typed command line into words the way a shell would: spaces separate words,
/// single quotes keep everything literal, double quotes allow `\"`, a backslash escapes the
/// next character. `--payload '{"a": 1}'` is two words.
package enum CommandLineSplitter {
    package struct Failure: Error, Sendable, Equatable {
        package let message: String
    }

    package static func split(_ line: String) throws(Failure) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for ch in line {
            if escaped {
                current.append(ch)
                escaped = false
                continue
            }
            if let q = quote {
                if ch == q {
                    quote = nil
                } else if ch == "\\", q == "\"" {
                    escaped = true
                } else {
                    current.append(ch)
                }
                continue
            }
            switch ch {
            case " ", "\t":
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            case "'", "\"":
                quote = ch
                inWord = true
            case "\\":
                escaped = true
                inWord = true
            default:
                current.append(ch)
                inWord = true
            }
        }
        if let quote { throw Failure(message: "unmatched \(quote) quote") }
        if escaped { current.append("\\") }
        if inWord { words.append(current) }
        return words
    }
}
