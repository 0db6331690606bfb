/// ANSI text styling that switches itself off.
///
/// Colour is off when `NO_COLOR` is set (https://no-color.org), when output is not a terminal,
/// or for `TERM=dumb`; scripts, tests and CI logs then get plain text with no escape codes.
package struct Style: Sendable, Hashable {
    package var enabled: Bool

    package init(enabled: Bool) {
        self.enabled = enabled
    }

    package static let plain = Style(enabled: false)
    package static let ansi = Style(enabled: true)

    package enum Color: Int, Sendable, Hashable {
        case black = 30, red, green, yellow, blue, magenta, cyan, white
        case gray = 90, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan
    }

    func wrap(_ text: String, _ open: String, _ close: String) -> String {
        guard enabled, !text.isEmpty else { return text }
        return "\u{1B}[\(open)m\(text)\u{1B}[\(close)m"
    }

    package func bold(_ text: String) -> String { wrap(text, "1", "22") }
    package func dim(_ text: String) -> String { wrap(text, "2", "22") }
    package func italic(_ text: String) -> String { wrap(text, "3", "23") }
    package func underline(_ text: String) -> String { wrap(text, "4", "24") }
    package func color(_ color: Color, _ text: String) -> String { wrap(text, "\(color.rawValue)", "39") }

    // Semantic styles: one place decides what a heading or an error looks like.
    package func heading(_ text: String) -> String { bold(color(.cyan, text)) }
    package func code(_ text: String) -> String { color(.yellow, text) }
    package func success(_ text: String) -> String { color(.green, text) }
    package func failure(_ text: String) -> String { color(.red, text) }
    package func warning(_ text: String) -> String { color(.yellow, text) }
    package func muted(_ text: String) -> String { color(.gray, text) }
    package func accent(_ text: String) -> String { color(.magenta, text) }
}
